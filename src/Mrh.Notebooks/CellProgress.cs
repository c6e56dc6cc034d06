namespace Mrh.Notebooks;

/// <summary>Where a cell stands.</summary>
public enum CellState
{
    /// <summary>The cell started.</summary>
    Running,
    /// <summary>The cell ran without error.</summary>
    Succeeded,
    /// <summary>The cell failed (error, timeout or cancellation); no later cell runs.</summary>
    Failed,
}

/// <summary>Progress of a notebook run, reported when each code cell starts and ends.</summary>
/// <param name="Notebook">the notebook's path</param>
/// <param name="Cell">"cell 5" (position in the notebook file) or "the injected-parameters cell"</param>
/// <param name="Index">1-based index among the code cells that run</param>
/// <param name="Count">number of code cells that run</param>
/// <param name="State">started, succeeded or failed</param>
/// <param name="Elapsed">time in the cell (zero when it starts)</param>
/// <param name="Error">the failure, when <paramref name="State"/> is <see cref="CellState.Failed"/></param>
public sealed record CellProgress(string Notebook, string Cell, int Index, int Count, CellState State, TimeSpan Elapsed, CellError? Error);
