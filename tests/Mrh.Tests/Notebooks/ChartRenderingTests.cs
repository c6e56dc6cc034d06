using System.Text;
using System.Text.Json.Nodes;

namespace Mrh.Tests.Notebooks;

/// <summary>The charts really draw, offline, in a browser: the HTML page, and the executed notebook's HTML fallbacks.</summary>
public sealed class ChartRenderingTests(ChartsRun run) : IClassFixture<ChartsRun>, IDisposable
{
    readonly TestNotebooks _files = new();
    public void Dispose() => _files.Dispose();

    [ChromiumFact]
    public void TheHtmlPageDrawsEveryChartWithoutScriptErrors()
    {
        string page = Path.Combine(_files.Folder, "charts.html");
        run.Result.SaveHtml(page);
        string dom = HeadlessChromium.DumpDom(page);
        Assert.Equal("0", HeadlessChromium.RootAttribute(dom, "data-script-errors"));
        Assert.Equal("2", HeadlessChromium.RootAttribute(dom, "data-plotly-expected"));
        Assert.Equal("2", HeadlessChromium.RootAttribute(dom, "data-plotly-rendered"));
        Assert.Contains("class=\"main-svg\"", dom);
    }

    [ChromiumFact]
    public void TheNotebooksHtmlFallbacksDrawTheChartsOffline()
    {
        // What a front end without a Plotly renderer shows: the text/html of each output, in order, in one document.
        var cells = JsonNode.Parse(run.Result.ToIpynb())!["cells"]!.AsArray();
        var body = new StringBuilder();
        foreach (var output in cells.SelectMany(c => c!["outputs"]?.AsArray() ?? []))
            if (output!["data"]?["text/html"] is JsonArray lines)
                body.Append("<div>").Append(string.Concat(lines.Select(l => (string?)l))).Append("</div>\n");
        string page = Path.Combine(_files.Folder, "fallbacks.html");
        File.WriteAllText(page, $$"""
            <!DOCTYPE html><html data-script-errors="0"><head><meta charset="utf-8">
            <script>window.addEventListener('error', function () {
              var r = document.documentElement; r.setAttribute('data-script-errors', String(Number(r.getAttribute('data-script-errors')) + 1)); }, true);</script>
            </head><body>
            {{body}}
            <script>setTimeout(function () {
              document.documentElement.setAttribute('data-plotly-rendered', String(document.querySelectorAll('.js-plotly-plot svg.main-svg').length > 0
                ? Array.prototype.filter.call(document.querySelectorAll('.js-plotly-plot'), function (d) { return d.querySelector('svg.main-svg'); }).length : 0));
            }, 500);</script>
            </body></html>
            """);
        string dom = HeadlessChromium.DumpDom(page);
        Assert.Equal("0", HeadlessChromium.RootAttribute(dom, "data-script-errors"));
        Assert.Equal("2", HeadlessChromium.RootAttribute(dom, "data-plotly-rendered"));
    }
}
