using System.Text.Json;
using System.Text.Json.Nodes;

namespace Mrh.Notebooks.Documents;

/// <summary>Reads nbformat 4 <c>.ipynb</c> files. Outputs in the file are not kept: a run replaces them.</summary>
public static class IpynbReader
{
    /// <summary>Largest notebook file read (notebooks with embedded outputs can be big, but not this big).</summary>
    public const long MaxBytes = 512L * 1024 * 1024;

    /// <summary>
    /// Reads a notebook file; throws <see cref="MrhException"/> naming the file and the problem. Outputs and execution
    /// counts are left out (a notebook is read to be run) unless <paramref name="withOutputs"/> (an executed notebook
    /// read to be shown again).
    /// </summary>
    public static NotebookDocument Read(string path, bool withOutputs = false)
    {
        if (!File.Exists(path)) throw new MrhException($"{path}: no such notebook");
        var info = new FileInfo(path);
        if (info.Length > MaxBytes) throw new MrhException($"{path}: {info.Length} bytes is too big for a notebook");
        string text;
        try { text = File.ReadAllText(path); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new MrhException($"{path}: cannot read: {e.Message}", e);
        }
        return Parse(text, path, withOutputs);
    }

    /// <summary>Parses notebook JSON; <paramref name="name"/> is used in error messages.</summary>
    public static NotebookDocument Parse(string json, string name, bool withOutputs = false)
    {
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(json, documentOptions: new JsonDocumentOptions { MaxDepth = 256 });
        }
        catch (JsonException e)
        {
            throw new MrhException($"{name}: not a notebook: invalid JSON ({e.Message.Split('\n')[0].Trim()})", e);
        }
        if (root is not JsonObject nb) throw new MrhException($"{name}: not a notebook: the top level is not a JSON object");
        int major = IntOf(nb["nbformat"], name, "nbformat");
        if (major != 4) throw new MrhException($"{name}: nbformat {major} notebooks are not supported (only nbformat 4)");
        int minor = nb["nbformat_minor"] is null ? 0 : IntOf(nb["nbformat_minor"], name, "nbformat_minor");
        if (nb["cells"] is not JsonArray cells) throw new MrhException($"{name}: not a notebook: no \"cells\" array");
        var metadata = nb["metadata"] as JsonObject;
        var list = new List<NotebookCell>();
        int position = 0;
        foreach (var c in cells)
        {
            position++;
            if (c is not JsonObject cell) throw new MrhException($"{name}: cell {position} is not a JSON object");
            string typeName = StringOf(cell["cell_type"]) ?? throw new MrhException($"{name}: cell {position} has no cell_type");
            var type = typeName switch
            {
                "code" => CellType.Code,
                "markdown" => CellType.Markdown,
                "raw" => CellType.Raw,
                _ => throw new MrhException($"{name}: cell {position} has an unknown cell_type '{typeName}'"),
            };
            string source = MultilineText(cell["source"], name, position);
            var read = new NotebookCell(type, source, cell["metadata"] as JsonObject, StringOf(cell["id"]))
            {
                SourcePosition = position,
                Attachments = type == CellType.Code ? null : cell["attachments"]?.DeepClone() as JsonObject,
            };
            if (withOutputs && type == CellType.Code)
            {
                read.ExecutionCount = cell["execution_count"] is null ? null : IntOf(cell["execution_count"], name, $"cells[{position}].execution_count");
                if (cell["outputs"] is JsonArray outputs)
                    foreach (var o in outputs)
                        read.Outputs.Add(Output(o as JsonObject ?? throw new MrhException($"{name}: cell {position}: an output is not a JSON object"), name, position));
            }
            list.Add(read);
        }
        return new NotebookDocument(metadata, list, minor);
    }

    /// <summary>One output as nbformat 4 writes it (the inverse of <see cref="IpynbWriter.OutputJson"/>).</summary>
    static CellOutput Output(JsonObject o, string name, int position)
    {
        string where = $"{name}: cell {position}: output";
        string type = StringOf(o["output_type"]) ?? throw new MrhException($"{where} has no output_type");
        return type switch
        {
            "stream" => new StreamOutput(StringOf(o["name"]) is "stderr" ? "stderr" : "stdout", MultilineText(o["text"], name, position)),
            "display_data" => new DisplayOutput(Bundle(o["data"], name, position), null),
            "execute_result" => new ExecuteResultOutput(Bundle(o["data"], name, position),
                o["execution_count"] is null ? 0 : IntOf(o["execution_count"], name, "execution_count")),
            "error" => new ErrorOutput(StringOf(o["ename"]) ?? "", StringOf(o["evalue"]) ?? "",
                o["traceback"] is JsonArray tb ? tb.Select(StringOf).OfType<string>().ToList() : []),
            _ => throw new MrhException($"{where} has an unknown output_type '{type}'"),
        };
    }

    /// <summary>A mime bundle: JSON types as JSON, the others as (multiline) text.</summary>
    static MimeBundle Bundle(JsonNode? data, string name, int position)
    {
        var bundle = new MimeBundle();
        if (data is not JsonObject o) return bundle;
        foreach (var (mime, value) in o)
        {
            if (value is null) continue;
            if (MimeBundle.IsJsonMimeType(mime)) bundle.WithJson(mime, value.DeepClone());
            else bundle.With(mime, MultilineText(value, name, position));
        }
        return bundle;
    }

    static int IntOf(JsonNode? node, string name, string field)
    {
        if (node is JsonValue v && v.TryGetValue(out int i)) return i;
        if (node is JsonValue d && d.TryGetValue(out double x) && x == Math.Floor(x) && Math.Abs(x) < int.MaxValue) return (int)x;
        throw new MrhException($"{name}: not a notebook: \"{field}\" is missing or not an integer");
    }

    static string? StringOf(JsonNode? node) => node is JsonValue v && v.TryGetValue(out string? s) ? s : null;

    /// <summary>nbformat's multiline strings: a string or an array of strings joined as they are.</summary>
    static string MultilineText(JsonNode? node, string name, int position)
    {
        switch (node)
        {
            case null: return "";
            case JsonValue v when v.TryGetValue(out string? s): return s;
            case JsonArray a:
                var sb = new System.Text.StringBuilder();
                foreach (var line in a)
                    sb.Append(StringOf(line) ?? throw new MrhException($"{name}: cell {position}: \"source\" holds a non-string"));
                return sb.ToString();
            default: throw new MrhException($"{name}: cell {position}: \"source\" is neither a string nor an array of strings");
        }
    }
}
