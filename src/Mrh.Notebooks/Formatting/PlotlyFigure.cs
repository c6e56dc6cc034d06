using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Mrh.Notebooks.Formatting;

/// <summary>
/// A Plotly figure as JSON (<c>{"data": [...], "layout": {...}, "config": {...}}</c>, the content of the
/// <c>application/vnd.plotly.v1+json</c> MIME type), taken from the library's <see cref="Mrh.Plots.Figure"/>, a Plotly.NET or an XPlot.Plotly chart.
/// </summary>
public static partial class PlotlyFigure
{
    /// <summary>The MIME type of Plotly figures in Jupyter.</summary>
    public const string MimeType = "application/vnd.plotly.v1+json";

    /// <summary>The figure JSON of a chart, or null when <paramref name="value"/> is not a chart.</summary>
    public static JsonObject? TryFromChart(object value) => value switch
    {
        Mrh.Plots.Figure figure => Normalise(JsonNode.Parse(figure.ToJson())!.AsObject()),
        Plotly.NET.GenericChart chart => FromPlotlyNet(chart),
        XPlot.Plotly.PlotlyChart chart => FromXPlot(chart),
        _ => null,
    };

    /// <summary>Plotly.NET: <c>GenericChart.toJson</c> gives data, layout and config.</summary>
    public static JsonObject FromPlotlyNet(Plotly.NET.GenericChart chart)
    {
        var json = JsonNode.Parse(Plotly.NET.GenericChart.toJson(chart))?.AsObject()
                   ?? throw new InvalidDataException("Plotly.NET gave an empty figure");
        return Normalise(json);
    }

    /// <summary>XPlot.Plotly: the traces and layout from the script that the chart writes for itself.</summary>
    public static JsonObject FromXPlot(XPlot.Plotly.PlotlyChart chart)
    {
        var m = XPlotScript().Match(chart.GetInlineJS());
        if (!m.Success) throw new InvalidDataException("XPlot.Plotly's chart script has an unexpected form");
        var data = JsonNode.Parse(m.Groups["data"].Value);
        JsonNode? layout;
        try { layout = JsonNode.Parse(m.Groups["layout"].Value); }
        catch (JsonException) { layout = null; }
        var figure = new JsonObject { ["data"] = data, ["layout"] = layout as JsonObject ?? new JsonObject() };
        if (chart.Width > 0 && figure["layout"] is JsonObject l1 && l1["width"] is null) l1["width"] = chart.Width;
        if (chart.Height > 0 && figure["layout"] is JsonObject l2 && l2["height"] is null) l2["height"] = chart.Height;
        return Normalise(figure);
    }

    static JsonObject Normalise(JsonObject figure)
    {
        if (figure["data"] is not JsonArray) figure["data"] = new JsonArray();
        if (figure["layout"] is not JsonObject) figure["layout"] = new JsonObject();
        return figure;
    }

    [GeneratedRegex(@"var\s+data\s*=\s*(?<data>.*?);\s*var\s+layout\s*=\s*(?<layout>.*?);\s*Plotly\.newPlot", RegexOptions.Singleline)]
    private static partial Regex XPlotScript();

    /// <summary>
    /// The <c>text/html</c> fallback of a chart: a div and a script that draws it with plotly.js once
    /// <c>window.Plotly</c> exists (the executed notebook embeds plotly.js once, before the first chart).
    /// </summary>
    public static string HtmlFallback(JsonObject figure, string elementId)
    {
        string json = ForScript(figure);
        return $$"""
            <div id="{{elementId}}" class="mrh-plotly"></div>
            <script type="text/javascript">
            (function () {
              var figure = {{json}};
              var tries = 0;
              function draw() {
                if (window.Plotly) { window.Plotly.newPlot('{{elementId}}', figure.data, figure.layout || {}, figure.config || {}); }
                else if (++tries < 200) { setTimeout(draw, 50); }
                else { document.getElementById('{{elementId}}').textContent = 'plotly.js is not loaded: the chart cannot be drawn'; }
              }
              draw();
            })();
            </script>
            """;
    }

    /// <summary>JSON text safe inside a <c>&lt;script&gt;</c> element ("&lt;" occurs only in strings, escaped there).</summary>
    public static string ForScript(JsonNode json) =>
        json.ToJsonString().Replace("<", "\\u003c", StringComparison.Ordinal);
}
