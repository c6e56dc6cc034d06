namespace Mrh.Notebooks.Formatting;

/// <summary>plotly.js for pages that must draw charts offline: the copy the library carries (<see cref="Mrh.Plots.PlotlyJs"/>).</summary>
public static class PlotlyJs
{
    /// <summary>The plotly.js version carried (e.g. "2.28.0").</summary>
    public static string Version => Mrh.Plots.PlotlyJs.Version;

    /// <summary>The minified plotly.js source.</summary>
    public static string Script => Mrh.Plots.PlotlyJs.Script;

    /// <summary>The script as the body of a <c>&lt;script&gt;</c> element (no "&lt;/script" inside).</summary>
    public static string ForScriptElement => Mrh.Plots.PlotlyJs.ForScriptElement;
}
