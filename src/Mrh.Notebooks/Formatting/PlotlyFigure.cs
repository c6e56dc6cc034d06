using System.Text.Json.Nodes;

namespace Mrh.Notebooks.Formatting;

/// <summary>
/// Plotly charts among a notebook's outputs: a figure as JSON (<c>{"data": [...], "layout": {...}}</c>) under the
/// <c>application/vnd.plotly.v1+json</c> MIME type, or <c>text/html</c> that draws a chart with plotly.js (what the
/// figure layer shows in the kernel).
/// </summary>
public static class PlotlyFigure
{
    /// <summary>The MIME type of Plotly figures in Jupyter.</summary>
    public const string MimeType = "application/vnd.plotly.v1+json";

    /// <summary>True when a bundle is a chart: the Plotly MIME type, or HTML that calls plotly.js to draw.</summary>
    public static bool IsChart(Documents.MimeBundle data) =>
        data.Has(MimeType) ||
        data.Text("text/html") is { } html && (html.Contains("Plotly.newPlot(", StringComparison.Ordinal) || html.Contains("Plotly.react(", StringComparison.Ordinal));

    /// <summary>JSON text safe inside a <c>&lt;script&gt;</c> element ("&lt;" occurs only in strings, escaped there).</summary>
    public static string ForScript(JsonNode json) =>
        json.ToJsonString().Replace("<", "\\u003c", StringComparison.Ordinal);
}
