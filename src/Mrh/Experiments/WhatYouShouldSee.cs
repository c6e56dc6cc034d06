using Mrh.Plots;

namespace Mrh.Experiments;

/// <summary>
/// The "what you should see" note under a figure: what the figure shows when the paper's claim holds, then for
/// each claim the figure bears on, the paper's number, this run's (from the notebook's findings record, judged by
/// its claims rule) and the verdict; a claim that does not hold links to its explanation in docs/findings.md.
/// </summary>
public static class WhatYouShouldSee
{
    public const string Heading = "What you should see";

    /// <summary>The note for the claims <paramref name="ids"/> of <paramref name="claims"/> (a clear error for an unknown id).</summary>
    public static Note For(ClaimTable claims, string expectation, params string[] ids)
    {
        ArgumentNullException.ThrowIfNull(claims);
        var lines = new List<NoteLine> { new(expectation) };
        foreach (var id in ids)
        {
            var c = claims.Rows.FirstOrDefault(r => r.Id == id)
                ?? throw new ArgumentException($"{claims.Figure} has no claim '{id}' (it has {string.Join(", ", claims.Rows.Select(r => r.Id))})");
            lines.Add(Line(c));
        }
        return new Note(Heading, lines);
    }

    /// <summary>The note of a figure that bears on no numbered claim: what it shows.</summary>
    public static Note Picture(string expectation) => new(Heading, [new NoteLine(expectation)]);

    /// <summary>One claim's line: "statement: paper X, this run Y — verdict (its note, e.g. the rule)", with the link when it does not hold.</summary>
    public static NoteLine Line(Claim c)
    {
        string paper = c.Paper.Trim() is "" or "—" ? "no number in the paper" : $"paper {c.Paper}";
        string text = $"{c.Statement}: {paper}, this run {c.ThisRun}" + (c.Holds is null ? " (shown for reference)" : $" — {c.Verdict}") +
            (c.Note.Trim() is "" ? "" : $" ({c.Note})") + (c.Holds is null ? "" : ".");
        if (c.Holds != false) return new NoteLine(text);
        var (heading, link) = FindingsLinks.For(c);
        return new NoteLine(text, "Why: docs/findings.md, " + heading, link);
    }
}
