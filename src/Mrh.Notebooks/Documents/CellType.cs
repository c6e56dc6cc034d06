namespace Mrh.Notebooks.Documents;

/// <summary>The nbformat 4 cell types.</summary>
public enum CellType
{
    /// <summary>Source code run by a kernel; has outputs and an execution count.</summary>
    Code,
    /// <summary>Markdown text, rendered; never run.</summary>
    Markdown,
    /// <summary>Raw text, passed through unchanged.</summary>
    Raw,
}
