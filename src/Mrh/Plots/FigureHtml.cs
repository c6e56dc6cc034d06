using System.Threading;

namespace Mrh.Plots;

/// <summary>
/// Figures as HTML that draws offline: a div and a script that calls <c>Plotly.newPlot</c>. plotly.js itself
/// (<see cref="PlotlyJs"/>, 3.6 MB) comes with the first figure this writer writes; later figures wait for it.
/// One writer per kernel session (the kernel keeps the formatter it was given), so each session's first figure
/// carries the script and the page (Jupyter's, nbconvert's HTML, VS Code's output view) shares it.
/// </summary>
public sealed class FigureHtml
{
    public const string MimeType = "text/html";

    int _written;

    /// <summary>Writes <paramref name="figure"/>; the first call also writes plotly.js.</summary>
    public void Write(Figure figure, TextWriter writer)
    {
        bool first = Interlocked.Exchange(ref _written, 1) == 0;
        writer.Write(Fragment(figure, "mrh-plot-" + Guid.NewGuid().ToString("N")[..12], first));
    }

    /// <summary>
    /// The HTML of one figure in element <paramref name="elementId"/>; with <paramref name="withPlotlyJs"/> it
    /// defines plotly.js first (where the page has no Plotly yet).
    /// </summary>
    public static string Fragment(Figure figure, string elementId, bool withPlotlyJs)
    {
        var sb = new System.Text.StringBuilder();
        if (withPlotlyJs)
        {
            // plotly.js is a UMD bundle: where the page has require.js (classic Jupyter) it would register itself
            // as a module instead of window.Plotly, so define/exports are hidden while it runs.
            sb.Append("<script type=\"text/javascript\">if (!window.Plotly) { (function (define, module, exports) {\n");
            sb.Append(PlotlyJs.ForScriptElement);
            sb.Append("\n}).call(window); }</script>\n");
        }
        // the figure JSON in its own element (type = the Plotly MIME type) so that tools can read it back;
        // "<" only occurs inside JSON strings, where \u003c means the same
        string json = figure.ToJson().Replace("<", "\\u003c", StringComparison.Ordinal);
        sb.Append($$"""
            <div id="{{elementId}}" class="mrh-plotly"></div>
            <script type="{{Figure.PlotlyMimeType}}" id="{{elementId}}-figure">{{json}}</script>
            <script type="text/javascript">
            (function () {
              var figure = JSON.parse(document.getElementById('{{elementId}}-figure').textContent);
              var tries = 0;
              function draw() {
                if (window.Plotly) { window.Plotly.newPlot('{{elementId}}', figure.data, figure.layout, {responsive: true}); }
                else if (++tries < 200) { setTimeout(draw, 50); }
                else { document.getElementById('{{elementId}}').textContent = 'plotly.js is not loaded on this page: run the notebook again (the first figure of a kernel session brings it)'; }
              }
              draw();
            })();
            </script>
            """);
        return sb.ToString();
    }
}
