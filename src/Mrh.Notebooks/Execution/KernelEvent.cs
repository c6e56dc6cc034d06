using System.Text.Json.Nodes;

namespace Mrh.Notebooks.Execution;

/// <summary>
/// One event of the kernel's stdio protocol (a line of JSON: <c>eventType</c>, <c>event</c>, and the command it answers
/// with that command's <c>token</c>).
/// </summary>
internal sealed record KernelEvent(string Type, JsonObject Body, string? Token)
{
    public static KernelEvent? Parse(string line)
    {
        if (line.Length == 0 || line[0] != '{') return null;
        JsonNode? node;
        try { node = JsonNode.Parse(line); }
        catch (System.Text.Json.JsonException) { return null; }
        if (node is not JsonObject o || o["eventType"] is not JsonValue t || !t.TryGetValue(out string? type)) return null;
        string? token = o["command"] is JsonObject c && c["token"] is JsonValue v && v.TryGetValue(out string? s) ? s : null;
        return new KernelEvent(type, o["event"] as JsonObject ?? new JsonObject(), token);
    }

    /// <summary>The event's <c>formattedValues</c> that are not suppressed, as (MIME type, value) pairs.</summary>
    public IEnumerable<(string MimeType, string Value)> FormattedValues()
    {
        if (Body["formattedValues"] is not JsonArray values) yield break;
        foreach (var v in values.OfType<JsonObject>())
        {
            if (v["suppressDisplay"] is JsonValue sd && sd.TryGetValue(out bool suppressed) && suppressed) continue;
            if (Str(v, "mimeType") is { } mime && Str(v, "value") is { } value) yield return (mime, value);
        }
    }

    public string? Str(string name) => Str(Body, name);

    static string? Str(JsonObject o, string name) => o[name] is JsonValue v && v.TryGetValue(out string? s) ? s : null;
}
