using Mrh.Notebooks.Documents;
using Mrh.Notebooks.Html;
using Mrh.Plots;

namespace Mrh.Tests.Notebooks;

/// <summary>The notebooks' links rewritten for the pages that `mrh reproduce` writes side by side (<see cref="HtmlLinks"/>).</summary>
public class HtmlLinksTests
{
    [Theory]
    [InlineData("00-tour.ipynb#Glossary", false, "00-tour.html#glossary")]
    [InlineData("01-training-size.ipynb", false, "01-training-size.html")]
    [InlineData("../docs/findings.md#baselines-does-mrh-beat-a-simple-model", false, "findings.html#baselines-does-mrh-beat-a-simple-model")]
    [InlineData("../docs/findings.md", false, "findings.html")]
    [InlineData("#Glossary", true, "#glossary")]
    [InlineData("#Glossary", false, "#Glossary")]
    [InlineData("../README.md", false, "../README.md")]
    [InlineData("https://example.org/a.ipynb#X", false, "https://example.org/a.ipynb#X")]
    [InlineData("sub/02.ipynb", false, "sub/02.ipynb")]
    public void ALinkTargetIsRewritten(string href, bool inPage, string expected) =>
        Assert.Equal(expected, HtmlLinks.Target(href, inPage));

    [Fact]
    public void AnInPageAnchorShownOnAnotherPagePointsAtItsNotebooksPage() =>
        Assert.Equal("00-tour.html#glossary", HtmlLinks.Target("#Glossary", page: "00-tour.html"));

    [Fact]
    public void HrefAttributesAreRewrittenAndNothingElse()
    {
        const string html = "<p>See the <a href=\"00-tour.ipynb#Glossary\">glossary</a> and <a href=\"../docs/findings.md#fig-1--training-size\">why</a>; " +
            "<use xlink:href=\"#Clip1\"/> <a href=\"#Top\">top</a> 00-tour.ipynb</p>";
        const string expected = "<p>See the <a href=\"00-tour.html#glossary\">glossary</a> and <a href=\"findings.html#fig-1--training-size\">why</a>; " +
            "<use xlink:href=\"#Clip1\"/> <a href=\"#Top\">top</a> 00-tour.ipynb</p>";
        Assert.Equal(expected, HtmlLinks.Rewrite(html));
        Assert.Contains("<a href=\"#top\">top</a>", HtmlLinks.Rewrite(html, inPageAnchors: true));
    }

    /// <summary>A notebook page: the markdown's links (in-page ones too) and a note's "Why:" link point at pages of the output folder.</summary>
    [Fact]
    public void TheNotebookPageLinksToSiblingPagesAndTheFindingsPage()
    {
        var cell = new NotebookCell(CellType.Code, "x");
        cell.Outputs.Add(new DisplayOutput(new MimeBundle().With("text/html",
            new Note("What you should see", [new NoteLine("AUC — does not hold.", "Why", "../docs/findings.md#fig-1--training-size")]).ToHtml()), null));
        var page = HtmlPage.Render(new NotebookDocument(null,
        [
            new NotebookCell(CellType.Markdown, "Terms: [glossary](00-tour.ipynb#Glossary), [below](#Glossary)."),
            cell,
            new NotebookCell(CellType.Markdown, "## Glossary"),
        ]), "t");
        Assert.Contains("href=\"00-tour.html#glossary\"", page);
        Assert.Contains("href=\"#glossary\"", page);
        Assert.Contains("id=\"glossary\"", page);
        Assert.Contains("href=\"findings.html#fig-1--training-size\"", page);
        Assert.DoesNotContain(".ipynb#", page);
    }

    /// <summary>docs/findings.md as a page: GitHub's heading ids, which the notebooks' links name.</summary>
    [Fact]
    public void TheFindingsPageHasTheHeadingIdsTheLinksName()
    {
        string page = HtmlPage.RenderDocument("# Findings\n\n## Fig. 1 — training size\n\ntext\n\n## Baselines: does MRH beat a simple model?\n", "findings");
        Assert.Contains("id=\"fig-1--training-size\"", page);
        Assert.Contains("id=\"baselines-does-mrh-beat-a-simple-model\"", page);
    }
}
