namespace Mrh.Analysis;

/// <summary>
/// Ranking of normalised contributions (one per image, summing to 1): the order, the cumulative
/// curve, and how many top images reach given fractions of the total (the paper: the top 4, 17 and
/// 38 of 67 images make 28%, 50% and 75%).
/// </summary>
public static class ContributionRanking
{
    /// <summary>Indices sorted by contribution, largest first (ties: lower index first).</summary>
    public static int[] Ranking(IReadOnlyList<double> contributions)
    {
        ArgumentNullException.ThrowIfNull(contributions);
        return Enumerable.Range(0, contributions.Count).OrderByDescending(i => contributions[i]).ThenBy(i => i).ToArray();
    }

    /// <summary>Cumulative sum of the contributions in ranked order: element k is the share of the top k + 1 images.</summary>
    public static double[] Cumulative(IReadOnlyList<double> contributions)
    {
        var rank = Ranking(contributions);
        var cum = new double[rank.Length];
        double s = 0;
        for (int k = 0; k < rank.Length; k++) { s += contributions[rank[k]]; cum[k] = s; }
        return cum;
    }

    /// <summary>
    /// For each fraction, the smallest number of top-ranked images whose contributions add up to at
    /// least that fraction of the total (fractions in (0, 1]).
    /// </summary>
    public static int[] ImagesToReach(IReadOnlyList<double> contributions, params double[] fractions)
    {
        ArgumentNullException.ThrowIfNull(fractions);
        var cum = Cumulative(contributions);
        if (cum.Length == 0) throw new ArgumentException("no contributions to rank");
        double total = cum[^1];
        if (!(total > 0)) throw new ArgumentException("contributions add up to zero");
        var result = new int[fractions.Length];
        for (int f = 0; f < fractions.Length; f++)
        {
            double q = fractions[f];
            if (!(q > 0 && q <= 1)) throw new ArgumentException($"fractions must be in (0, 1] (got {q})");
            int k = 0;
            // relative tolerance so that a share of exactly q (in exact arithmetic) counts as reached
            while (k < cum.Length - 1 && cum[k] < q * total * (1 - 1e-12)) k++;
            result[f] = k + 1;
        }
        return result;
    }

    /// <summary>
    /// Sums of contributions by group, groups in order of first appearance
    /// (<paramref name="groupOfImage"/>[i] names the group of image i, e.g. T2W, MT, DWI-low, DWI-high).
    /// </summary>
    public static IReadOnlyDictionary<string, double> ByGroup(IReadOnlyList<double> contributions, IReadOnlyList<string> groupOfImage)
    {
        ArgumentNullException.ThrowIfNull(contributions);
        ArgumentNullException.ThrowIfNull(groupOfImage);
        if (contributions.Count != groupOfImage.Count)
            throw new ArgumentException($"{groupOfImage.Count} group names for {contributions.Count} contributions");
        var sums = new Dictionary<string, double>();
        var order = new List<string>();
        for (int i = 0; i < contributions.Count; i++)
        {
            string g = groupOfImage[i];
            if (!sums.ContainsKey(g)) { sums[g] = 0; order.Add(g); }
            sums[g] += contributions[i];
        }
        // Dictionary keeps insertion order while nothing is removed; make it explicit anyway
        var ordered = new Dictionary<string, double>();
        foreach (var g in order) ordered[g] = sums[g];
        return ordered;
    }
}
