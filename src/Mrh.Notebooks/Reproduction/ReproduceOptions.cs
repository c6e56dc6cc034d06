using Mrh.Notebooks.Execution;
using Mrh.Presets;

namespace Mrh.Notebooks.Reproduction;

/// <summary>What <see cref="ReproduceJob"/> runs and where it writes.</summary>
public sealed record ReproduceOptions
{
    /// <summary>Folder holding the notebooks (NN-name.ipynb, run in name order).</summary>
    public required string NotebooksFolder { get; init; }
    /// <summary>Output folder: executed notebooks, HTML pages, index.html, summary.json, summary.md.</summary>
    public required string OutputFolder { get; init; }
    public Preset Preset { get; init; } = Preset.Quick;
    /// <summary>A dataset manifest to run on instead of the built-in digital mouse brain (empty: built-in).</summary>
    public string Dataset { get; init; } = "";
    /// <summary>Only notebooks whose name contains one of these (all when empty).</summary>
    public IReadOnlyList<string> Only { get; init; } = [];
    /// <summary>Stop a notebook that runs longer than this.</summary>
    public TimeSpan? NotebookTimeout { get; init; }
    /// <summary>The kernel that runs the notebooks (the pinned .NET Interactive tool).</summary>
    public KernelTool Kernel { get; init; } = KernelTool.Pinned;
    /// <summary>Train every network again instead of taking it from the cache of trained networks (the notebooks' <c>retrain</c> parameter).</summary>
    public bool Retrain { get; init; }
    /// <summary>
    /// Where executed notebooks are kept by the content address of their run (<see cref="NotebookRunCache"/>); a
    /// notebook whose run is there is shown again without running. Null: every notebook runs (the library's default;
    /// `mrh reproduce` keeps them beside the cache of trained networks).
    /// </summary>
    public NotebookRunCache? RunCache { get; init; }
    /// <summary>Run every notebook even when <see cref="RunCache"/> has its run (and replace the entry); implied by <see cref="Retrain"/>.</summary>
    public bool Rerun { get; init; }
    /// <summary>The notebooks' <c>device</c> parameter: cpu (default), cuda or auto.</summary>
    public string Device { get; init; } = "cpu";
}
