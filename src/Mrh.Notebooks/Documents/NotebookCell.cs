using System.Text.Json.Nodes;

namespace Mrh.Notebooks.Documents;

/// <summary>
/// One cell of a notebook: its type, source, metadata (kept as read, including fields this executor does not
/// know) and, for code cells, the outputs and execution count of the last run.
/// </summary>
public sealed class NotebookCell
{
    /// <summary>A cell; <paramref name="metadata"/> is copied.</summary>
    public NotebookCell(CellType type, string source, JsonObject? metadata = null, string? id = null)
    {
        Type = type;
        Source = source;
        Metadata = metadata?.DeepClone().AsObject() ?? new JsonObject();
        Id = id;
    }

    /// <summary>Code, markdown or raw.</summary>
    public CellType Type { get; }
    /// <summary>The cell's text (lines joined with "\n").</summary>
    public string Source { get; }
    /// <summary>The cell's metadata object.</summary>
    public JsonObject Metadata { get; }
    /// <summary>nbformat 4.5 cell id, if the cell has one.</summary>
    public string? Id { get; internal set; }
    /// <summary>Attachments of a markdown or raw cell (name -> mime bundle), as read; null when none.</summary>
    public JsonObject? Attachments { get; init; }
    /// <summary>Outputs of the last run (code cells).</summary>
    public List<CellOutput> Outputs { get; } = [];
    /// <summary>Execution count of the last run, or null when the cell was not run.</summary>
    public int? ExecutionCount { get; set; }
    /// <summary>1-based position of the cell in the notebook file as read; null for a cell added by the executor
    /// (the injected parameters).</summary>
    public int? SourcePosition { get; init; }

    /// <summary>The cell's tags (<c>metadata.tags</c>).</summary>
    public IReadOnlyList<string> Tags =>
        Metadata["tags"] is JsonArray a ? a.Select(t => t is JsonValue v && v.TryGetValue(out string? s) ? s : null).OfType<string>().ToList() : [];

    /// <summary>True when <c>metadata.tags</c> contains <paramref name="tag"/>.</summary>
    public bool HasTag(string tag) => Tags.Contains(tag);

    /// <summary>
    /// The kernel the cell's metadata names, as Polyglot Notebooks writes it: <c>metadata.polyglot_notebook.kernelName</c>,
    /// else the older <c>metadata.dotnet_interactive.language</c>; null when neither is present.
    /// </summary>
    public string? MetadataKernelName =>
        StringAt(Metadata, "polyglot_notebook", "kernelName") ?? StringAt(Metadata, "dotnet_interactive", "language");

    internal static string? StringAt(JsonObject o, string a, string b) =>
        o[a] is JsonObject inner && inner[b] is JsonValue v && v.TryGetValue(out string? s) ? s : null;
}
