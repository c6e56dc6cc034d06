using Mrh.Notebooks.Execution;
using Mrh.Notebooks.Parameters;

namespace Mrh.Notebooks;

/// <summary>How to run a notebook. Immutable; the defaults run every cell with no time limit in the pinned kernel.</summary>
public sealed record NotebookRunOptions
{
    /// <summary>Values for the parameters cell (papermill's <c>-p name=value</c>).</summary>
    public IReadOnlyList<NotebookParameter> Parameters { get; init; } = [];

    /// <summary>Longest time one cell may run; null for no limit. A cell over it has its kernel killed.</summary>
    public TimeSpan? CellTimeout { get; init; }

    /// <summary>Longest time the whole notebook may run (kernel start included); null for no limit.</summary>
    public TimeSpan? NotebookTimeout { get; init; }

    /// <summary>Longest time the kernel may take to start (and its tool to be restored, the first time).</summary>
    public TimeSpan KernelStartTimeout { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>The kernel that runs the notebook: by default the pinned .NET Interactive tool.</summary>
    public KernelTool Kernel { get; init; } = KernelTool.Pinned;

    /// <summary>The defaults.</summary>
    public static NotebookRunOptions Default { get; } = new();
}
