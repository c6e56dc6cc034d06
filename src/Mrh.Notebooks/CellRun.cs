using Mrh.Notebooks.Documents;

namespace Mrh.Notebooks;

/// <summary>What happened to one code cell of a run.</summary>
/// <param name="Cell">the cell (its outputs and execution count are in the executed notebook)</param>
/// <param name="Label">"cell 5" or "the injected-parameters cell"</param>
/// <param name="Ran">false for cells after a failure, which do not run</param>
/// <param name="Elapsed">time spent in the cell</param>
/// <param name="Error">its failure, if it failed</param>
public sealed record CellRun(NotebookCell Cell, string Label, bool Ran, TimeSpan Elapsed, CellError? Error);
