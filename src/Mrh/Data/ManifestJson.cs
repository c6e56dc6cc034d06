using System.Text.Json;

namespace Mrh.Data;

/// <summary>
/// Small strict readers over a parsed JSON manifest: each names the manifest and the JSON path of the
/// value in its error ("dataset.json: subjects[2].mask: expected a string"), and objects refuse
/// properties they do not know (typos are errors, not silently ignored settings).
/// </summary>
sealed class ManifestJson(string file)
{
    public string File { get; } = file;

    public MrhException Error(string where, string problem) => new($"{File}: {where}: {problem}");

    public void OnlyKnown(JsonElement obj, string where, params string[] known)
    {
        foreach (var p in obj.EnumerateObject())
            if (!known.Contains(p.Name))
                throw Error(where, $"unknown property '{p.Name}' (known: {string.Join(", ", known)})");
    }

    public JsonElement Object(JsonElement e, string where) =>
        e.ValueKind == JsonValueKind.Object ? e : throw Error(where, $"expected an object, found {Kind(e)}");

    public JsonElement Array(JsonElement e, string where) =>
        e.ValueKind == JsonValueKind.Array ? e : throw Error(where, $"expected an array, found {Kind(e)}");

    public string String(JsonElement e, string where) =>
        e.ValueKind == JsonValueKind.String ? e.GetString()! : throw Error(where, $"expected a string, found {Kind(e)}");

    public double Number(JsonElement e, string where) =>
        e.ValueKind == JsonValueKind.Number && e.TryGetDouble(out double v) && double.IsFinite(v) ? v : throw Error(where, $"expected a number, found {Kind(e)}");

    public int Int(JsonElement e, string where) =>
        e.ValueKind == JsonValueKind.Number && e.TryGetInt32(out int v) ? v : throw Error(where, $"expected an integer, found {Kind(e)}");

    public double[] Numbers(JsonElement e, string where, int? count = null)
    {
        var a = Array(e, where);
        var v = a.EnumerateArray().Select((x, i) => Number(x, $"{where}[{i}]")).ToArray();
        if (count is int n && v.Length != n) throw Error(where, $"expected {n} numbers, found {v.Length}");
        return v;
    }

    public string? OptString(JsonElement obj, string name, string where) =>
        obj.TryGetProperty(name, out var v) && v.ValueKind != JsonValueKind.Null ? String(v, $"{where}.{name}") : null;

    public double? OptNumber(JsonElement obj, string name, string where) =>
        obj.TryGetProperty(name, out var v) && v.ValueKind != JsonValueKind.Null ? Number(v, $"{where}.{name}") : null;

    /// <summary>An object of name -> string (targets, maps), in file order.</summary>
    public List<KeyValuePair<string, string>> StringMap(JsonElement e, string where)
    {
        var list = new List<KeyValuePair<string, string>>();
        foreach (var p in Object(e, where).EnumerateObject())
            list.Add(new(p.Name, String(p.Value, $"{where}.{p.Name}")));
        return list;
    }

    static string Kind(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => $"the string \"{Short(e.GetString()!)}\"",
        JsonValueKind.Number => $"the number {e.GetRawText()}",
        JsonValueKind.True or JsonValueKind.False => e.GetRawText(),
        JsonValueKind.Null => "null",
        _ => "nothing",
    };

    static string Short(string s) => s.Length > 30 ? s[..30] + "..." : s;
}
