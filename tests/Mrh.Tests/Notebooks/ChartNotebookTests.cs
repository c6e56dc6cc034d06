using System.Text.Json.Nodes;
using Mrh.Notebooks;
using Mrh.Notebooks.Documents;
using Mrh.Notebooks.Formatting;
using static Mrh.Tests.Notebooks.TestNotebooks;

namespace Mrh.Tests.Notebooks;

/// <summary>Runs Fixtures/charts.ipynb once (a Plotly.NET and an XPlot.Plotly chart).</summary>
public sealed class ChartsRun
{
    public ExecutedNotebook Result { get; } = Run(Fixture("charts.ipynb")).GetAwaiter().GetResult();
}

public class ChartNotebookTests(ChartsRun run) : IClassFixture<ChartsRun>
{
    readonly ExecutedNotebook _nb = run.Result;

    static JsonObject Figure(NotebookCell cell)
    {
        var result = Assert.IsType<ExecuteResultOutput>(cell.Outputs[^1]);
        return Assert.IsType<JsonObject>(result.Data.Json(PlotlyFigure.MimeType));
    }

    [Fact]
    public void APlotlyNetChartIsAPlotlyFigureWithItsData()
    {
        Assert.False(_nb.Failed, _nb.Error?.ToString());
        var figure = Figure(CellWithId(_nb, "plotly-net"));
        var trace = figure["data"]!.AsArray().Single()!;
        Assert.Equal("scatter", (string?)trace["type"]);
        Assert.Equal("signal", (string?)trace["name"]);
        Assert.Equal([1.0, 2.0, 3.0], trace["x"]!.AsArray().Select(v => (double)v!));
        Assert.Equal([2.0, 4.0, 3.0], trace["y"]!.AsArray().Select(v => (double)v!));
        Assert.Equal(600, (int)figure["layout"]!["width"]!);
        var result = (ExecuteResultOutput)CellWithId(_nb, "plotly-net").Outputs[^1];
        Assert.Contains("Plotly.newPlot('mrh-plotly-1'", result.Data.Text("text/html"));
    }

    [Fact]
    public void AnXPlotChartIsAPlotlyFigureToo()
    {
        var trace = Figure(CellWithId(_nb, "xplot"))["data"]!.AsArray().Single()!;
        Assert.Equal([3, 1, 2], trace["y"]!.AsArray().Select(v => (int)v!));
    }

    [Fact]
    public void TheKernelsPackageLinesAreSatisfied()
    {
        var installed = Assert.IsType<DisplayOutput>(Assert.Single(CellWithId(_nb, "packages").Outputs)).Data.Text("text/plain")!;
        Assert.Contains("Plotly.NET, 6.0.0", installed);
        Assert.Contains("Plotly.NET.Interactive", installed);
        Assert.Contains("Plotly.NET.CSharp, 0.14.0", installed);
    }

    [Fact]
    public void TheExecutedNotebookEmbedsPlotlyJsOnceAndIsValid()
    {
        AssertValidNbformat(_nb);
        string json = _nb.ToIpynb();
        Assert.Equal(1, Count(json, $"plotly.js v{PlotlyJs.Version}"));
        var cells = JsonNode.Parse(json)!["cells"]!.AsArray();
        string Html(int i) => string.Concat(cells[i]!["outputs"]!.AsArray().Last()!["data"]!["text/html"]!.AsArray().Select(l => (string?)l));
        Assert.Contains($"plotly.js v{PlotlyJs.Version}", Html(2)); // the first chart carries plotly.js
        Assert.DoesNotContain("plotly.js v", Html(3));
        Assert.StartsWith("2.", PlotlyJs.Version);
    }

    static int Count(string s, string what)
    {
        int n = 0;
        for (int i = s.IndexOf(what, StringComparison.Ordinal); i >= 0; i = s.IndexOf(what, i + 1, StringComparison.Ordinal)) n++;
        return n;
    }

    [Fact]
    public void TheHtmlPageRendersMarkdownAndInlinesPlotlyJsOnce()
    {
        string html = _nb.ToHtml();
        Assert.Contains("<h1 id=\"charts\">Charts</h1>", html);
        Assert.Contains("<td>cortex</td>", html); // a markdown pipe table
        Assert.Equal(1, Count(html, $"plotly.js v{PlotlyJs.Version}"));
        Assert.Equal(2, Count(html, "class=\"mrh-chart-data\""));
        Assert.DoesNotContain("<script src=", html); // nothing from the network
    }
}
