using System.Text.Json.Nodes;

namespace Mrh.Notebooks.Documents;

/// <summary>An nbformat 4 notebook in memory: metadata (kept as read) and cells.</summary>
public sealed class NotebookDocument
{
    /// <summary>A notebook; <paramref name="metadata"/> is copied.</summary>
    public NotebookDocument(JsonObject? metadata, IEnumerable<NotebookCell> cells, int formatMinor = 5)
    {
        Metadata = metadata?.DeepClone().AsObject() ?? new JsonObject();
        Cells = cells.ToList();
        FormatMinor = formatMinor;
    }

    /// <summary>The notebook's metadata object (kernelspec, language_info, polyglot_notebook, ...).</summary>
    public JsonObject Metadata { get; }
    /// <summary>The cells in order.</summary>
    public List<NotebookCell> Cells { get; }
    /// <summary>nbformat_minor as read (the writer writes 4.5 or later, because it writes cell ids).</summary>
    public int FormatMinor { get; }

    /// <summary>
    /// The notebook's default kernel name, as the .NET Interactive kernel decides it:
    /// <c>metadata.polyglot_notebook.kernelInfo.defaultKernelName</c>, else from <c>metadata.kernelspec.name</c>
    /// (".net-csharp" -> "csharp"), else from <c>metadata.language_info.name</c>, else "csharp".
    /// </summary>
    public string DefaultKernelName
    {
        get
        {
            if (Metadata["polyglot_notebook"] is JsonObject p && p["kernelInfo"] is JsonObject ki &&
                ki["defaultKernelName"] is JsonValue dv && dv.TryGetValue(out string? d) && d.Length > 0)
                return d;
            var spec = NotebookCell.StringAt(Metadata, "kernelspec", "name");
            if (spec is { Length: > 0 })
                return spec.StartsWith(".net-", StringComparison.OrdinalIgnoreCase) ? spec[5..] : spec;
            var lang = NotebookCell.StringAt(Metadata, "language_info", "name");
            if (lang is { Length: > 0 }) return lang;
            return "csharp";
        }
    }

    /// <summary>The kernel a cell runs in: its metadata's kernel name, else the notebook's default.</summary>
    public string KernelNameOf(NotebookCell cell) => cell.MetadataKernelName ?? DefaultKernelName;
}
