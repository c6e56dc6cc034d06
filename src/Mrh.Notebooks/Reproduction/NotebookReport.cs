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
public sealed record NotebookReport(string Name, bool Succeeded, double Seconds, int CellsRun, int Figures, string? Error, string Ipynb, string Html);
