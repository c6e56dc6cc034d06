namespace Mrh.Notebooks;

/// <summary>Facts of the notebook format this project reads and writes.</summary>
public static class NotebookFormat
{
    /// <summary>nbformat major version of the notebooks (4).</summary>
    public const int Major = 4;
}
