using System.Text.Json.Nodes;
using Mrh.Notebooks.Documents;
using Mrh.Notebooks.Html;
using Mrh.Plots;

namespace Mrh.Tests.Notebooks;

/// <summary>The presenter's view that <c>mrh reproduce</c> writes beside the pages (slides.html).</summary>
public class SlidesPageTests
{
    /// <summary>
    /// An executed notebook as the runner saves it: a title cell, a code cell showing the origin note, a section with a
    /// figure (as the figure layer's HTML) and its note, a section without a figure, and a section with a figure as Plotly JSON.
    /// </summary>
    static NotebookDocument Executed()
    {
        string chart = FigureHtml.Fragment(new Figure([new Trace { ["type"] = "bar", ["x"] = new[] { "a" }, ["y"] = new[] { 1 } }], new Layout()), "f1", withPlotlyJs: false);
        string origin = new Note("Where these data come from", [new NoteLine("These data are synthetic.")]).ToHtml();
        string note = new Note("What you should see", [new NoteLine("AUC: paper > 0.94, this run 0.939 — does not hold.", "why", "../docs/findings.md#fig-1--training-size")]).ToHtml();
        var plotly = new JsonObject { ["data"] = new JsonArray(new JsonObject { ["type"] = "scatter", ["x"] = new JsonArray(1, 2), ["y"] = new JsonArray(3, 4) }), ["layout"] = new JsonObject() };
        NotebookCell Md(string text) => new(CellType.Markdown, text);
        NotebookCell Code(params MimeBundle[] outputs)
        {
            var cell = new NotebookCell(CellType.Code, "x");
            foreach (var o in outputs) cell.Outputs.Add(new DisplayOutput(o, null));
            return cell;
        }
        MimeBundle Html(string html) => new MimeBundle().With("text/html", html);
        return new NotebookDocument(null,
        [
            Md("# 01 · Fig. 1\n\n**Claim.** MRI predicts AF."),
            Code(Html(origin)),
            Md("## Fig. 1F — ROC\nPositives: dark voxels."),
            Code(Html(chart), Html(note)),
            Md("## A table only"),
            Code(new MimeBundle().With("text/plain", "rows")),
            Md("## Fig. 1H — profiles"),
            Code(new MimeBundle().WithJson("application/vnd.plotly.v1+json", plotly)),
        ]);
    }

    [Fact]
    public void OneSlidePerTitleAndPerSectionWithAFigure()
    {
        var slides = SlidesPage.Slides([new SlideDeckNotebook("01-training-size", "01-training-size.html", Executed())]);
        Assert.Equal(["01 · Fig. 1", "Fig. 1F — ROC", "Fig. 1H — profiles"], slides.Select(s => s.Title));
        Assert.Contains("MRI predicts AF", slides[0].TextHtml);
        Assert.Contains("01-training-size.html", slides[0].TextHtml);
        Assert.Contains("synthetic", Assert.Single(slides[0].Notes));
        Assert.Contains("Positives: dark voxels", slides[1].TextHtml);
        Assert.Equal("bar", (string?)Assert.Single(slides[1].Figures)["data"]![0]!["type"]);
        Assert.Contains("does not hold", Assert.Single(slides[1].Notes));
        Assert.Equal("scatter", (string?)Assert.Single(slides[2].Figures)["data"]![0]!["type"]);
        Assert.Empty(slides[2].Notes);
    }

    [ChromiumFact]
    public void ArrowKeysMoveBetweenSlidesInHeadlessChromium()
    {
        string dir = Directory.CreateTempSubdirectory("mrh-slides-").FullName;
        try
        {
            string page = SlidesPage.Render("test", [new SlideDeckNotebook("01-training-size", "01-training-size.html", Executed())]);
            // the presenter presses →, →, → (past the end: stays on the last), ←; the page records where it is
            const string presses = """
                <script>
                ['ArrowRight', 'ArrowRight', 'ArrowRight', 'ArrowLeft'].forEach(function (k) {
                  document.dispatchEvent(new KeyboardEvent('keydown', { key: k, bubbles: true }));
                });
                document.documentElement.setAttribute('data-visible', document.querySelector('section.slide.current h1').textContent);
                </script>
                """;
            string file = Path.Combine(dir, "slides.html");
            File.WriteAllText(file, page.Replace("</body>", presses + "</body>"));
            string dom = HeadlessChromium.DumpDom(file);
            Assert.Equal("0", HeadlessChromium.RootAttribute(dom, "data-script-errors"));
            Assert.Equal("3", HeadlessChromium.RootAttribute(dom, "data-slides"));
            Assert.Equal("2", HeadlessChromium.RootAttribute(dom, "data-slide"));
            Assert.Equal("Fig. 1F — ROC", HeadlessChromium.RootAttribute(dom, "data-visible"));
            Assert.Equal("2", HeadlessChromium.RootAttribute(dom, "data-plotly-expected"));
            Assert.Equal("2", HeadlessChromium.RootAttribute(dom, "data-plotly-rendered"));
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }
}
