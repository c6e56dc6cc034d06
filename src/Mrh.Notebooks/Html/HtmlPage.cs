using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Markdig;
using Mrh.Notebooks.Documents;
using Mrh.Notebooks.Formatting;

namespace Mrh.Notebooks.Html;

/// <summary>
/// A self-contained HTML page of a notebook: markdown cells rendered (Markdig), code cells with their source and
/// outputs, Plotly charts drawn from their figure JSON with plotly.js inlined once (no network needed). After load
/// the page records on its root element how many charts were drawn (<c>data-plotly-expected</c>,
/// <c>data-plotly-rendered</c>) and any script errors (<c>data-script-errors</c>), for automated checks.
/// </summary>
public static class HtmlPage
{
    internal static readonly MarkdownPipeline Markdown = new MarkdownPipelineBuilder().UseAdvancedExtensions().Build();

    /// <summary>The page.</summary>
    public static string Render(NotebookDocument notebook, string title)
    {
        bool hasCharts = notebook.Cells.SelectMany(c => c.Outputs).Any(o => DataOf(o)?.Has(PlotlyFigure.MimeType) == true);
        var body = new StringBuilder();
        int chart = 0;
        foreach (var cell in notebook.Cells)
        {
            switch (cell.Type)
            {
                case CellType.Markdown:
                    body.Append("<section class=\"cell markdown\">").Append(HtmlLinks.Rewrite(RenderMarkdown(cell), inPageAnchors: true)).Append("</section>\n");
                    break;
                case CellType.Raw:
                    body.Append("<section class=\"cell raw\"><pre>").Append(Encode(cell.Source)).Append("</pre></section>\n");
                    break;
                default:
                    body.Append("<section class=\"cell code\">");
                    body.Append($"<div class=\"prompt\">In&nbsp;[{(cell.ExecutionCount is int n ? n.ToString() : "&nbsp;")}]:</div>");
                    body.Append("<pre class=\"source\"><code class=\"language-csharp\">").Append(Encode(cell.Source)).Append("</code></pre>");
                    if (cell.Outputs.Count > 0)
                    {
                        body.Append("<div class=\"outputs\">");
                        foreach (var o in cell.Outputs) body.Append(HtmlLinks.Rewrite(RenderOutput(o, ref chart)));
                        body.Append("</div>");
                    }
                    body.Append("</section>\n");
                    break;
            }
        }
        var page = new StringBuilder();
        page.Append("<!DOCTYPE html>\n<html lang=\"en\" data-script-errors=\"0\">\n<head>\n<meta charset=\"utf-8\">\n");
        page.Append($"<title>{Encode(title)}</title>\n");
        page.Append("<script>").Append(ErrorRecorder).Append("</script>\n");
        page.Append("<style>").Append(Style).Append("</style>\n");
        if (hasCharts) page.Append($"<script>/* plotly.js {Mrh.Plots.PlotlyJs.Version} */\n").Append(Mrh.Plots.PlotlyJs.ForScriptElement).Append("\n</script>\n");
        page.Append("</head>\n<body>\n<main>\n").Append(body).Append("</main>\n");
        page.Append("<script>").Append(ChartDrawer).Append("</script>\n</body>\n</html>\n");
        return page.ToString();
    }

    /// <summary>Headings with GitHub's ids (<c>## Fig. 1 — training size</c>: <c>fig-1--training-size</c>), as the notebooks' links to docs/ expect.</summary>
    static readonly MarkdownPipeline GitHubMarkdown = new MarkdownPipelineBuilder()
        .UseAutoIdentifiers(Markdig.Extensions.AutoIdentifiers.AutoIdentifierOptions.GitHub).UseAdvancedExtensions().Build();

    /// <summary>
    /// A markdown document of the repository (docs/findings.md) as a page of the output folder, its headings with
    /// GitHub's ids so that the notebooks' links to its sections land on them, and its links rewritten as in the notebook pages.
    /// </summary>
    public static string RenderDocument(string markdown, string title)
    {
        ArgumentNullException.ThrowIfNull(markdown);
        var page = new StringBuilder();
        page.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
        page.Append($"<title>{Encode(title)}</title>\n<style>").Append(Style).Append("</style>\n</head>\n<body>\n<main>\n");
        page.Append("<section class=\"cell markdown\">").Append(HtmlLinks.Rewrite(Markdig.Markdown.ToHtml(markdown, GitHubMarkdown)))
            .Append("</section>\n</main>\n</body>\n</html>\n");
        return page.ToString();
    }

    static string RenderMarkdown(NotebookCell cell)
    {
        string source = cell.Source;
        if (cell.Attachments is { } attachments)
        {
            foreach (var (name, bundle) in attachments)
            {
                if (bundle is not JsonObject b) continue;
                foreach (var (mime, data) in b)
                {
                    string? base64 = data is JsonValue v && v.TryGetValue(out string? s) ? s : data is JsonArray a ? string.Concat(a.Select(x => x?.ToString())) : null;
                    if (base64 is null) continue;
                    source = source.Replace($"attachment:{name}", $"data:{mime};base64,{base64.Replace("\n", "")}", StringComparison.Ordinal);
                    break;
                }
            }
        }
        return Markdig.Markdown.ToHtml(source, Markdown);
    }

    static MimeBundle? DataOf(CellOutput o) => o switch
    {
        DisplayOutput d => d.Data,
        ExecuteResultOutput r => r.Data,
        _ => null,
    };

    static string RenderOutput(CellOutput output, ref int chart)
    {
        switch (output)
        {
            case StreamOutput s:
                return $"<pre class=\"output stream {s.Name}\">{Encode(s.Text)}</pre>";
            case ErrorOutput e:
                return $"<pre class=\"output error\">{Encode(string.Join("\n", e.Traceback))}</pre>";
        }
        var data = DataOf(output);
        if (data is null) return "";
        if (data.Json(PlotlyFigure.MimeType) is JsonObject figure)
        {
            chart++;
            return $"<div class=\"output chart\"><div id=\"chart-{chart}\" class=\"mrh-chart\"></div>" +
                   $"<script type=\"application/json\" class=\"mrh-chart-data\" data-target=\"chart-{chart}\">{PlotlyFigure.ForScript(figure)}</script></div>";
        }
        if (data.Text("text/html") is { } html) return $"<div class=\"output html\">{html}</div>";
        if (data.Text("image/png") is { } png) return $"<div class=\"output image\"><img alt=\"image\" src=\"data:image/png;base64,{png.Replace("\n", "")}\"></div>";
        if (data.Text("image/svg+xml") is { } svg) return $"<div class=\"output image\">{svg}</div>";
        if (data.Text("text/markdown") is { } md) return $"<div class=\"output markdown\">{Markdig.Markdown.ToHtml(md, Markdown)}</div>";
        if (data.Text("text/plain") is { } text) return $"<pre class=\"output text\">{Encode(text)}</pre>";
        return "";
    }

    static string Encode(string s) => WebUtility.HtmlEncode(s);

    const string ErrorRecorder = """
        (function () {
          var root = document.documentElement, errors = [];
          window.addEventListener('error', function (e) {
            errors.push(String(e.message || e.type) + (e.filename ? ' (' + e.filename + ':' + e.lineno + ')' : ''));
            root.setAttribute('data-script-errors', String(errors.length));
            root.setAttribute('data-script-error-messages', errors.join(' | '));
          }, true);
        })();
        """;

    const string ChartDrawer = """
        (function () {
          var root = document.documentElement;
          var blocks = document.querySelectorAll('script.mrh-chart-data');
          root.setAttribute('data-plotly-expected', String(blocks.length));
          var pending = [];
          blocks.forEach(function (block) {
            var figure = JSON.parse(block.textContent);
            var target = document.getElementById(block.getAttribute('data-target'));
            if (!window.Plotly) { target.textContent = 'plotly.js did not load: chart not drawn'; return; }
            pending.push(window.Plotly.newPlot(target, figure.data, figure.layout || {}, figure.config || {}));
          });
          function count() {
            var drawn = Array.prototype.filter.call(document.querySelectorAll('.js-plotly-plot'),
              function (d) { return d.querySelector('svg.main-svg') !== null; }).length;
            root.setAttribute('data-plotly-rendered', String(drawn));
          }
          count();
          Promise.all(pending).then(count, function (e) {
            root.setAttribute('data-script-errors', String(Number(root.getAttribute('data-script-errors') || 0) + 1));
            root.setAttribute('data-script-error-messages', String(e));
          });
        })();
        """;

    const string Style = """
        body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; margin: 0; background: #fafafa; color: #222; }
        main { max-width: 1100px; margin: 0 auto; padding: 1.5rem; }
        .cell { margin: 0.8rem 0; }
        .cell.markdown { line-height: 1.5; }
        .cell.code { background: #fff; border: 1px solid #e2e2e2; border-radius: 4px; padding: 0.4rem 0.6rem; }
        .prompt { color: #307fc1; font-family: monospace; font-size: 0.85em; }
        pre { margin: 0.3rem 0; white-space: pre-wrap; word-break: break-word; font-size: 0.9em; }
        pre.source { background: #f5f7f9; padding: 0.5rem; border-radius: 3px; }
        .output { margin-top: 0.4rem; overflow-x: auto; }
        pre.stream.stderr { background: #fdf0f0; }
        pre.error { background: #fdecea; color: #8a1f11; padding: 0.5rem; }
        table { border-collapse: collapse; font-size: 0.9em; }
        th, td { border: 1px solid #ddd; padding: 0.2rem 0.5rem; }
        th { background: #f0f0f0; }
        table.mrh-table td { text-align: right; }
        img { max-width: 100%; }
        """;
}
