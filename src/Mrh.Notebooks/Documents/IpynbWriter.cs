using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Mrh.Notebooks.Documents;

/// <summary>
/// Writes nbformat 4.5 JSON the way Jupyter does: one-space indentation, multiline strings as arrays of lines,
/// a valid unique id on every cell, <c>execution_count</c> and <c>outputs</c> on code cells only.
/// </summary>
public static partial class IpynbWriter
{
    static readonly JsonSerializerOptions Options = new()
    {
        WriteIndented = true,
        IndentSize = 1,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>The notebook as nbformat 4 JSON text.</summary>
    /// <param name="notebook">the notebook</param>
    /// <param name="prepareOutputs">optional hook to rewrite each output's JSON before it is written</param>
    public static string ToJson(NotebookDocument notebook, Func<CellOutput, JsonObject, JsonObject>? prepareOutputs = null)
    {
        var cells = new JsonArray();
        var ids = UniqueIds(notebook.Cells);
        for (int i = 0; i < notebook.Cells.Count; i++)
        {
            var cell = notebook.Cells[i];
            var o = new JsonObject { ["cell_type"] = cell.Type switch { CellType.Code => "code", CellType.Markdown => "markdown", _ => "raw" } };
            if (cell.Type == CellType.Code) o["execution_count"] = cell.ExecutionCount is int n ? JsonValue.Create(n) : null;
            o["id"] = ids[i];
            o["metadata"] = cell.Metadata.DeepClone();
            if (cell.Type == CellType.Code)
            {
                var outputs = new JsonArray();
                foreach (var output in cell.Outputs)
                {
                    var json = OutputJson(output);
                    outputs.Add(prepareOutputs is null ? json : prepareOutputs(output, json));
                }
                o["outputs"] = outputs;
            }
            else if (cell.Attachments is { } att)
                o["attachments"] = att.DeepClone();
            o["source"] = Lines(cell.Source);
            cells.Add(o);
        }
        var root = new JsonObject
        {
            ["cells"] = cells,
            ["metadata"] = notebook.Metadata.DeepClone(),
            ["nbformat"] = 4,
            ["nbformat_minor"] = Math.Max(5, notebook.FormatMinor),
        };
        return root.ToJsonString(Options) + "\n";
    }

    /// <summary>One output as nbformat JSON.</summary>
    public static JsonObject OutputJson(CellOutput output) => output switch
    {
        StreamOutput s => new JsonObject { ["name"] = s.Name, ["output_type"] = "stream", ["text"] = Lines(s.Text) },
        DisplayOutput d => new JsonObject { ["data"] = Data(d.Data), ["metadata"] = new JsonObject(), ["output_type"] = "display_data" },
        ExecuteResultOutput r => new JsonObject
        {
            ["data"] = Data(r.Data), ["execution_count"] = r.ExecutionCount, ["metadata"] = new JsonObject(), ["output_type"] = "execute_result",
        },
        ErrorOutput e => new JsonObject
        {
            ["ename"] = e.Name, ["evalue"] = e.Value, ["output_type"] = "error",
            ["traceback"] = new JsonArray(e.Traceback.Select(t => (JsonNode?)JsonValue.Create(t)).ToArray()),
        },
        _ => throw new ArgumentException($"unknown output {output.GetType().Name}", nameof(output)),
    };

    static JsonObject Data(MimeBundle bundle)
    {
        var o = new JsonObject();
        foreach (var (mime, value) in bundle.Entries)
            o[mime] = MimeBundle.IsJsonMimeType(mime) ? value.DeepClone() : Lines(value.GetValue<string>());
        return o;
    }

    /// <summary>Jupyter's multiline string: the text split after each "\n".</summary>
    public static JsonArray Lines(string text)
    {
        var a = new JsonArray();
        int start = 0;
        while (start < text.Length)
        {
            int nl = text.IndexOf('\n', start);
            int end = nl < 0 ? text.Length : nl + 1;
            a.Add(text[start..end]);
            start = end;
        }
        return a;
    }

    /// <summary>Writes the notebook to <paramref name="path"/> atomically (a temporary file, then a rename).</summary>
    public static void Save(NotebookDocument notebook, string path, Func<CellOutput, JsonObject, JsonObject>? prepareOutputs = null) =>
        Mrh.IO.AtomicFile.WriteText(path, ToJson(notebook, prepareOutputs));

    [GeneratedRegex("^[a-zA-Z0-9-_]{1,64}$")]
    private static partial Regex ValidId();

    /// <summary>nbformat 4.5 ids: keep valid unique ids, give the others "cell-N".</summary>
    static string[] UniqueIds(List<NotebookCell> cells)
    {
        var used = new HashSet<string>(StringComparer.Ordinal);
        var ids = new string?[cells.Count];
        for (int i = 0; i < cells.Count; i++)
            if (cells[i].Id is { } id && ValidId().IsMatch(id) && used.Add(id)) ids[i] = id;
        for (int i = 0; i < cells.Count; i++)
        {
            if (ids[i] != null) continue;
            string candidate = $"cell-{i + 1}";
            for (int k = 2; !used.Add(candidate); k++) candidate = $"cell-{i + 1}-{k}";
            ids[i] = candidate;
        }
        return ids!;
    }
}
