using Mrh.Analysis;

namespace Mrh.Contrasts;

/// <summary>Pooling the input contributions of several networks (the repeats of one arm).</summary>
public static class InputContributions
{
    /// <summary>The mean share of each input over the lists (same inputs in the same order), re-ranked.</summary>
    public static IReadOnlyList<InputContribution> Mean(IReadOnlyList<IReadOnlyList<InputContribution>> lists)
    {
        if (lists.Count == 0) throw new MrhException("no contributions to pool");
        var first = lists[0];
        foreach (var l in lists)
            if (l.Count != first.Count || l.Select(c => c.Name).Where((n, i) => n != first[i].Name).Any())
                throw new MrhException("the contributions to pool are of different inputs");
        var shares = Enumerable.Range(0, first.Count).Select(i => lists.Average(l => l[i].Share)).ToArray();
        var ranking = ContributionRanking.Ranking(shares);
        var rank = new int[shares.Length];
        for (int r = 0; r < ranking.Length; r++) rank[ranking[r]] = r + 1;
        return first.Select((c, i) => c with { Share = shares[i], Rank = rank[i] }).ToArray();
    }
}
