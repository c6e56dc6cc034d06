using Mrh.Notebooks.Parameters;

namespace Mrh.Notebooks;

/// <summary>How to run a notebook. Immutable; the defaults run every cell with no time limit.</summary>
public sealed record NotebookRunOptions
{
    /// <summary>Values for the parameters cell (papermill's <c>-p name=value</c>).</summary>
    public IReadOnlyList<NotebookParameter> Parameters { get; init; } = [];

    /// <summary>Longest time one cell may run; null for no limit.</summary>
    public TimeSpan? CellTimeout { get; init; }

    /// <summary>Longest time the whole notebook may run; null for no limit.</summary>
    public TimeSpan? NotebookTimeout { get; init; }

    /// <summary>
    /// How long a cell that ran out of time is given to stop at its next loop iteration before its thread is
    /// abandoned.
    /// </summary>
    public TimeSpan StopGracePeriod { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// When true, the process's current directory is the notebook's folder while it runs (as in the kernel, where
    /// relative paths in code resolve against the notebook's folder) and is restored afterwards. The current
    /// directory is process-wide: do not run notebooks concurrently with this set.
    /// </summary>
    public bool RunInNotebookFolder { get; init; }

    /// <summary>The defaults.</summary>
    public static NotebookRunOptions Default { get; } = new();
}
