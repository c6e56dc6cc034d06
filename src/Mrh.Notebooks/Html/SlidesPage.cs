using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Mrh.Notebooks.Documents;
using Mrh.Notebooks.Formatting;

namespace Mrh.Notebooks.Html;

/// <summary>An executed notebook for <see cref="SlidesPage"/>: its name, its HTML page (linked from its slides) and the document.</summary>
public sealed record SlideDeckNotebook(string Name, string HtmlPage, NotebookDocument Document);

/// <summary>One slide: the notebook it comes from, its title, the text above the figures (HTML), the figures' JSON and the notes under them (HTML).</summary>
public sealed record Slide(string Notebook, string Title, string TextHtml, IReadOnlyList<JsonObject> Figures, IReadOnlyList<string> Notes);

/// <summary>
/// The presenter's view of a reproduction (<c>slides.html</c> beside the notebooks' pages): one slide per notebook
/// title (its claim and where the data come from) and one per section with a figure (its heading and text, its
/// figures and the "what you should see" notes under them). Arrow keys (and Page Up/Down, Space, Home, End) or the
/// buttons move between slides; <c>#N</c> in the address opens slide N. Self-contained: plotly.js is inlined once.
/// After load the page records on its root element the current slide (<c>data-slide</c>, 1-based), the number of
/// slides (<c>data-slides</c>), the charts expected and drawn and any script errors, for automated checks.
/// </summary>
public static partial class SlidesPage
{
    /// <summary>The slides of notebooks, in order: each notebook's title slide, then one per section with a figure.</summary>
    public static IReadOnlyList<Slide> Slides(IEnumerable<SlideDeckNotebook> notebooks)
    {
        var slides = new List<Slide>();
        foreach (var nb in notebooks)
        {
            string title = nb.Name, titleText = "";
            var titleNotes = new List<string>();
            string? heading = null, text = "";
            var figures = new List<JsonObject>();
            var notes = new List<string>();
            void Flush()
            {
                if (heading is not null && figures.Count > 0) slides.Add(new Slide(nb.Name, heading, text, figures.ToList(), notes.ToList()));
                figures.Clear();
                notes.Clear();
            }
            foreach (var cell in nb.Document.Cells)
            {
                if (cell.Type == CellType.Markdown)
                {
                    var (level, head, body) = SplitHeading(cell.Source);
                    if (level == 1) { title = head; titleText = HtmlLinks.Rewrite(Markdig.Markdown.ToHtml(body, HtmlPage.Markdown), page: nb.HtmlPage); }
                    else if (level >= 2) { Flush(); heading = head; text = HtmlLinks.Rewrite(Markdig.Markdown.ToHtml(body, HtmlPage.Markdown), page: nb.HtmlPage); }
                    else if (heading is not null) text += HtmlLinks.Rewrite(Markdig.Markdown.ToHtml(cell.Source, HtmlPage.Markdown), page: nb.HtmlPage);
                    continue;
                }
                foreach (var o in cell.Outputs)
                {
                    var data = o switch { DisplayOutput d => d.Data, ExecuteResultOutput r => r.Data, _ => null };
                    if (data is null) continue;
                    if (FigureOf(data) is { } figure) figures.Add(figure);
                    else if (data.Text("text/html") is { } html && html.Contains("class=\"" + Mrh.Plots.Note.CssClass + "\"", StringComparison.Ordinal))
                        (heading is null ? titleNotes : notes).Add(HtmlLinks.Rewrite(html));
                }
            }
            Flush();
            int at = slides.FindIndex(s => s.Notebook == nb.Name);
            var titleSlide = new Slide(nb.Name, title, titleText + $"<p><a href=\"{WebUtility.HtmlEncode(nb.HtmlPage)}\">the whole notebook</a></p>", [], titleNotes);
            if (at < 0) slides.Add(titleSlide); else slides.Insert(at, titleSlide);
        }
        return slides;
    }

    /// <summary>The page.</summary>
    public static string Render(string title, IEnumerable<SlideDeckNotebook> notebooks)
    {
        var slides = Slides(notebooks);
        static string E(string s) => WebUtility.HtmlEncode(s);
        var body = new StringBuilder();
        int chart = 0;
        for (int i = 0; i < slides.Count; i++)
        {
            var s = slides[i];
            body.Append($"<section class=\"slide\" id=\"slide-{i + 1}\"><div class=\"where\">{E(s.Notebook)} · {i + 1} / {slides.Count}</div>");
            body.Append($"<h1>{E(s.Title)}</h1><div class=\"text\">{s.TextHtml}</div>");
            foreach (var f in s.Figures)
            {
                chart++;
                body.Append($"<div id=\"chart-{chart}\" class=\"mrh-chart\"></div><script type=\"application/json\" class=\"mrh-chart-data\" data-target=\"chart-{chart}\">{PlotlyFigure.ForScript(f)}</script>");
            }
            foreach (var n in s.Notes) body.Append(n);
            body.Append("</section>\n");
        }
        var page = new StringBuilder();
        page.Append("<!DOCTYPE html>\n<html lang=\"en\" data-script-errors=\"0\">\n<head>\n<meta charset=\"utf-8\">\n");
        page.Append($"<title>{E(title)}</title>\n<script>{ErrorRecorder}</script>\n<style>{Style}</style>\n");
        if (chart > 0) page.Append($"<script>/* plotly.js {Mrh.Plots.PlotlyJs.Version} */\n").Append(Mrh.Plots.PlotlyJs.ForScriptElement).Append("\n</script>\n");
        page.Append("</head>\n<body>\n<nav><button id=\"prev\" title=\"previous (←)\">←</button> <span id=\"counter\"></span> ");
        page.Append("<button id=\"next\" title=\"next (→)\">→</button> <a href=\"index.html\">index</a></nav>\n<main>\n").Append(body).Append("</main>\n");
        page.Append($"<script>{Navigator}</script>\n</body>\n</html>\n");
        return page.ToString();
    }

    /// <summary>The figure JSON of an output: the Plotly MIME type, or the figure element of the figure layer's HTML.</summary>
    static JsonObject? FigureOf(MimeBundle data)
    {
        if (data.Json(PlotlyFigure.MimeType) is JsonObject json) return json;
        if (data.Text("text/html") is { } html && FigureScript().Match(html) is { Success: true } m)
            return JsonNode.Parse(m.Groups[1].Value) as JsonObject;
        return null;
    }

    static (int Level, string Heading, string Body) SplitHeading(string source)
    {
        var lines = source.Replace("\r\n", "\n").Split('\n');
        int first = Array.FindIndex(lines, l => l.Trim().Length > 0);
        if (first < 0) return (0, "", source);
        var m = HeadingLine().Match(lines[first]);
        return m.Success ? (m.Groups[1].Value.Length, m.Groups[2].Value.Trim(), string.Join("\n", lines.Skip(first + 1))) : (0, "", source);
    }

    [GeneratedRegex("^(#{1,6})\\s+(.*)$")]
    private static partial Regex HeadingLine();

    [GeneratedRegex("<script type=\"application/vnd\\.plotly\\.v1\\+json\"[^>]*>(.*?)</script>", RegexOptions.Singleline)]
    private static partial Regex FigureScript();

    const string ErrorRecorder = """
        (function () {
          var root = document.documentElement, errors = [];
          window.addEventListener('error', function (e) {
            errors.push(String(e.message || e.type));
            root.setAttribute('data-script-errors', String(errors.length));
            root.setAttribute('data-script-error-messages', errors.join(' | '));
          }, true);
        })();
        """;

    const string Navigator = """
        (function () {
          var root = document.documentElement;
          var slides = document.querySelectorAll('section.slide');
          var current = 0;
          root.setAttribute('data-slides', String(slides.length));
          function show(i) {
            if (slides.length === 0) return;
            current = Math.max(0, Math.min(slides.length - 1, i));
            slides.forEach(function (s, k) { s.classList.toggle('current', k === current); });
            document.getElementById('counter').textContent = (current + 1) + ' / ' + slides.length;
            root.setAttribute('data-slide', String(current + 1));
            if (location.hash !== '#' + (current + 1)) history.replaceState(null, '', '#' + (current + 1));
            window.scrollTo(0, 0);
          }
          document.addEventListener('keydown', function (e) {
            var k = e.key;
            if (k === 'ArrowRight' || k === 'PageDown' || k === ' ') { show(current + 1); e.preventDefault(); }
            else if (k === 'ArrowLeft' || k === 'PageUp') { show(current - 1); e.preventDefault(); }
            else if (k === 'Home') { show(0); e.preventDefault(); }
            else if (k === 'End') { show(slides.length - 1); e.preventDefault(); }
          });
          document.getElementById('prev').addEventListener('click', function () { show(current - 1); });
          document.getElementById('next').addEventListener('click', function () { show(current + 1); });
          var start = parseInt((location.hash || '#1').slice(1), 10);
          show(isNaN(start) ? 0 : start - 1);
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
        body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; margin: 0; background: #fff; color: #222; }
        nav { position: fixed; top: 0; right: 0; padding: 0.4rem 0.8rem; background: rgba(255,255,255,0.9); z-index: 10; }
        nav button { font-size: 1.1rem; }
        main { position: relative; max-width: 1100px; margin: 0 auto; padding: 1rem 1.5rem; }
        .slide { position: absolute; top: 1rem; left: 1.5rem; right: 1.5rem; visibility: hidden; }
        .slide.current { visibility: visible; }
        .slide h1 { font-size: 1.6rem; margin: 0.3rem 0 0.6rem; }
        .slide .where { color: #777; font-size: 0.85rem; }
        .slide .text { line-height: 1.45; font-size: 1.05rem; }
        table { border-collapse: collapse; } th, td { border: 1px solid #ddd; padding: 0.2rem 0.5rem; }
        """;
}
