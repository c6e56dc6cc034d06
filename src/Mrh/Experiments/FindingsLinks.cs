using System.Text;

namespace Mrh.Experiments;

/// <summary>
/// Where docs/findings.md explains the claims of each figure that do not hold on the data: the section heading per
/// claim table (<see cref="ClaimTable.Figure"/>) and its anchor as GitHub and the notebook front ends make it.
/// Links are relative to notebooks/ (where the notebooks live).
/// </summary>
public static class FindingsLinks
{
    /// <summary>docs/findings.md as seen from a notebook.</summary>
    public const string Document = "../docs/findings.md";

    /// <summary>The glossary of terms, in the tour notebook, as seen from another notebook.</summary>
    public const string Glossary = "00-tour.ipynb#Glossary";

    /// <summary>The heading of docs/findings.md that discusses each figure's claims.</summary>
    public static IReadOnlyDictionary<string, string> Headings { get; } = new Dictionary<string, string>
    {
        ["Fig. 1"] = "Fig. 1 — training size",
        ["Fig. 2"] = "Fig. 2 — contributions",
        ["Fig. 3"] = "Fig. 3 — NF and MBP",
        ["Fig. 4"] = "Fig. 4 — Nissl from PGSE + OGSE",
        ["Supplementary"] = "Supplementary",
        ["Contrast"] = "Notebook 06 — a new contrast",
    };

    /// <summary>The heading of docs/findings.md with the rows of the tested causes (<c>mrh causes</c>).</summary>
    public const string TestedCausesHeading = "Tested causes";

    /// <summary>The claims (figure, id) whose cause has rows under <see cref="TestedCausesHeading"/>.</summary>
    public static IReadOnlySet<(string Figure, string Id)> TestedCauses { get; } = new HashSet<(string, string)>
    {
        ("Fig. 1", "auc-i"), ("Fig. 1", "auc-ii"), ("Fig. 1", "baseline-mrh-af-linear"),
        ("Fig. 2", "share-top4"), ("Fig. 2", "share-top17"), ("Fig. 2", "auc-38"), ("Fig. 2", "rmse-4"), ("Fig. 3", "r2-nf"), ("Fig. 3", "r2-mbp"),
        ("Fig. 3", "nf-mtr-whole"), ("Fig. 3", "mbp-dr-hippocampus"), ("Fig. 3", "shiverer-dr"), ("Fig. 3", "shiverer-dr-b5000"),
        ("Fig. 4", "auc-both"), ("Fig. 4", "tsne"), ("Fig. 4", "frequency"),
    };

    /// <summary>Where a claim is explained: the tested causes' rows when it has some, else its figure's section.</summary>
    public static (string Heading, string Link) For(Claim claim)
    {
        ArgumentNullException.ThrowIfNull(claim);
        if (TestedCauses.Contains((claim.Figure, claim.Id))) return (TestedCausesHeading, $"{Document}#{Anchor(TestedCausesHeading)}");
        return (Headings.TryGetValue(claim.Figure, out var h) ? h : claim.Figure, For(claim.Figure));
    }

    /// <summary>The link to the section of <paramref name="figure"/> (the page's top when it has none).</summary>
    public static string For(string figure) =>
        Headings.TryGetValue(figure, out var heading) ? $"{Document}#{Anchor(heading)}" : Document;

    /// <summary>GitHub's anchor of a heading: lower case, punctuation other than '-' and '_' dropped, spaces to '-'.</summary>
    public static string Anchor(string heading)
    {
        var sb = new StringBuilder();
        foreach (char ch in heading.Trim().ToLowerInvariant())
        {
            if (char.IsLetterOrDigit(ch) || ch is '-' or '_') sb.Append(ch);
            else if (ch == ' ') sb.Append('-');
        }
        return sb.ToString();
    }
}
