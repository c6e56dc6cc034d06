using Mrh.Notebooks.Documents;
using Mrh.IO;
using Mrh.Notebooks.Html;

namespace Mrh.Notebooks;

/// <summary>
/// A notebook after a run: the document with its outputs and execution counts, what happened to each code cell,
/// and writers for the executed <c>.ipynb</c> and a self-contained HTML page.
/// </summary>
public sealed class ExecutedNotebook
{
    internal ExecutedNotebook(string path, NotebookDocument document, IReadOnlyList<CellRun> cells, IReadOnlyList<string> warnings, TimeSpan elapsed)
    {
        Path = path; Document = document; Cells = cells; Warnings = warnings; Elapsed = elapsed;
    }

    /// <summary>The notebook file that was run.</summary>
    public string Path { get; }
    /// <summary>The executed notebook (with the injected parameters cell, if any).</summary>
    public NotebookDocument Document { get; }
    /// <summary>Every non-empty code cell, in order, with what happened to it.</summary>
    public IReadOnlyList<CellRun> Cells { get; }
    /// <summary>Things the user should know that did not stop the run (e.g. an undeclared parameter).</summary>
    public IReadOnlyList<string> Warnings { get; }
    /// <summary>Time of the run.</summary>
    public TimeSpan Elapsed { get; }

    /// <summary>The first (and only) failure, or null when every cell ran.</summary>
    public CellError? Error => Cells.FirstOrDefault(c => c.Error != null)?.Error;
    /// <summary>True when a cell failed (later cells did not run).</summary>
    public bool Failed => Error != null;
    /// <summary>All outputs of all cells, in notebook order.</summary>
    public IReadOnlyList<CellOutput> Outputs => Document.Cells.SelectMany(c => c.Outputs).ToList();

    /// <summary>The executed notebook as nbformat 4.5 JSON, outputs as the kernel produced them.</summary>
    public string ToIpynb() => IpynbWriter.ToJson(Document);

    /// <summary>Writes <see cref="ToIpynb"/> to a file (atomically).</summary>
    public void SaveIpynb(string path) => AtomicFile.WriteText(path, ToIpynb());

    /// <summary>A self-contained HTML page: markdown rendered, code, outputs (the kernel's HTML as it is).</summary>
    public string ToHtml() => HtmlPage.Render(Document, System.IO.Path.GetFileNameWithoutExtension(Path));

    /// <summary>Writes <see cref="ToHtml"/> to a file (atomically).</summary>
    public void SaveHtml(string path) => AtomicFile.WriteText(path, ToHtml());
}
