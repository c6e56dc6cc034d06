namespace Mrh.Notebooks.Reproduction;

/// <summary>How one notebook of a reproduction run went.</summary>
/// <param name="Name">file name without extension, e.g. "01-training-size"</param>
/// <param name="Succeeded">every cell ran without error</param>
/// <param name="Seconds">wall time of the notebook</param>
/// <param name="CellsRun">code cells that ran</param>
/// <param name="Figures">Plotly figures among the outputs</param>
/// <param name="Error">the failing cell and error, if any</param>
/// <param name="Ipynb">the executed notebook, relative to the output folder</param>
/// <param name="Html">its HTML page, relative to the output folder</param>
/// <param name="FromCache">when the notebook did not run because an identical run was kept (<see cref="NotebookRunCache"/>): that run</param>
public sealed record NotebookReport(string Name, bool Succeeded, double Seconds, int CellsRun, int Figures, string? Error, string Ipynb, string Html,
    KeptRun? FromCache = null);

/// <summary>A kept run that a notebook's outputs were taken from: when it ran (UTC), how long it took, and its key.</summary>
public sealed record KeptRun(DateTime RanUtc, double Seconds, string Key);
