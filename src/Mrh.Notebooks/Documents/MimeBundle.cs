using System.Text.Json.Nodes;

namespace Mrh.Notebooks.Documents;

/// <summary>
/// The representations of one value, by MIME type, in order of preference (nbformat's "mime bundle").
/// Text types hold a string; JSON types (<c>application/json</c>, <c>application/*+json</c>) hold a JSON value.
/// </summary>
public sealed class MimeBundle
{
    readonly List<KeyValuePair<string, JsonNode>> _entries = [];

    /// <summary>The MIME types present, in insertion order.</summary>
    public IEnumerable<string> MimeTypes => _entries.Select(e => e.Key);

    /// <summary>Number of representations.</summary>
    public int Count => _entries.Count;

    /// <summary>Adds or replaces a text representation.</summary>
    public MimeBundle With(string mimeType, string text) => Set(mimeType, JsonValue.Create(text));

    /// <summary>Adds or replaces a JSON representation (only for JSON MIME types).</summary>
    public MimeBundle WithJson(string mimeType, JsonNode json)
    {
        if (!IsJsonMimeType(mimeType)) throw new ArgumentException($"'{mimeType}' is not a JSON MIME type", nameof(mimeType));
        return Set(mimeType, json);
    }

    MimeBundle Set(string mimeType, JsonNode value)
    {
        int i = _entries.FindIndex(e => e.Key == mimeType);
        if (i >= 0) _entries[i] = new(mimeType, value);
        else _entries.Add(new(mimeType, value));
        return this;
    }

    /// <summary>True when the bundle has this MIME type.</summary>
    public bool Has(string mimeType) => _entries.Any(e => e.Key == mimeType);

    /// <summary>The text of a text representation, or null.</summary>
    public string? Text(string mimeType)
    {
        var node = Json(mimeType);
        return node is JsonValue v && v.TryGetValue(out string? s) ? s : null;
    }

    /// <summary>The stored value of a representation (a JSON string for text types), or null.</summary>
    public JsonNode? Json(string mimeType) => _entries.FirstOrDefault(e => e.Key == mimeType).Value;

    /// <summary>Keeps only the given MIME types (in their given order); unknown ones are ignored.</summary>
    public MimeBundle Only(IReadOnlyCollection<string> mimeTypes)
    {
        var b = new MimeBundle();
        foreach (var m in mimeTypes)
        {
            var node = Json(m);
            if (node != null) b.Set(m, node.DeepClone());
        }
        return b;
    }

    /// <summary>A deep copy.</summary>
    public MimeBundle Clone()
    {
        var b = new MimeBundle();
        foreach (var e in _entries) b.Set(e.Key, e.Value.DeepClone());
        return b;
    }

    /// <summary>nbformat's rule: <c>application/json</c> and <c>application/*+json</c> hold JSON, everything else text.</summary>
    public static bool IsJsonMimeType(string mimeType) =>
        mimeType == "application/json" ||
        (mimeType.StartsWith("application/", StringComparison.Ordinal) && mimeType.EndsWith("+json", StringComparison.Ordinal));

    /// <summary>The (MIME type, value) pairs in order.</summary>
    public IReadOnlyList<KeyValuePair<string, JsonNode>> Entries => _entries;
}
