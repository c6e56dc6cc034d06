using Mrh.Experiments;
using Mrh.Notebooks.Reproduction;
using Mrh.Tests.Kernel;
using System.Text.RegularExpressions;

namespace Mrh.Tests.Reproduction;

/// <summary>summary.md ends with where each claim that does not hold is explained: its tested causes, else its figure's section.</summary>
public class SummaryPagesTests
{
    [Fact]
    public void EachClaimThatDoesNotHoldLinksToWhereItIsExplained()
    {
        Claim[] claims =
        [
            new("Fig. 1", "auc-ii", "AUC with AF of 6 animals", "> 0.94", "0.916", false),
            new("Fig. 3", "contrib-mbp", "MRH-MBP: contributions differ by region", "p < 0.005", "partly", false),
            new("Fig. 1", "auc-iii", "AUC with AF of 1 animal", "0.937", "0.916", true),
        ];
        var md = SummaryPages.Markdown(new ReproductionSummary("quick", "phantom", DateTimeOffset.UnixEpoch, 1, [], claims));
        var why = md[md.IndexOf("## Why a claim does not hold", StringComparison.Ordinal)..];
        var lines = why.Split('\n').Where(l => l.StartsWith("- ", StringComparison.Ordinal)).ToArray();
        Assert.Equal(2, lines.Length); // the claim that holds has no line
        Assert.Equal("- Fig. 1, AUC with AF of 6 animals: [Tested causes](findings.html#tested-causes)", lines[0]);
        Assert.Equal("- Fig. 3, MRH-MBP: contributions differ by region: [Fig. 3 — NF and MBP](findings.html#fig-3--nf-and-mbp)", lines[1]);
    }

    [Fact]
    public void EveryClaimWithTestedCausesHasRowsInDocsFindings()
    {
        string doc = File.ReadAllText(Path.Combine(JupyterKernel.RepoRoot, "docs", "findings.md"));
        var section = doc[doc.IndexOf("## " + FindingsLinks.TestedCausesHeading + "\n", StringComparison.Ordinal)..];
        section = section[..(section.IndexOf("\n## ", 3, StringComparison.Ordinal) is var end and > 0 ? end : section.Length)];
        foreach (var (figure, id) in FindingsLinks.TestedCauses)
            Assert.Matches(new Regex($@"^\| {Regex.Escape(figure)} \| `{Regex.Escape(id)}`", RegexOptions.Multiline), section);
    }
}
