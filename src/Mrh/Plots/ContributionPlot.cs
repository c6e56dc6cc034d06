using static Mrh.Plots.Plotly;

namespace Mrh.Plots;

/// <summary>
/// Relative contributions of the input images in descending order (bars, left axis) with their
/// cumulative sum (line, right axis) and markers where it first reaches the given fractions; with groups,
/// the bars are coloured by group and the legend names the groups.
/// </summary>
public static class ContributionPlot
{
    /// <param name="names">image names, in any order</param>
    /// <param name="contributions">relative contributions (they need not sum to one; they are normalised)</param>
    /// <param name="marks">cumulative fractions to mark, e.g. 0.28, 0.5, 0.75</param>
    public static Figure Ranked(IReadOnlyList<string> names, IReadOnlyList<double> contributions, IReadOnlyList<double>? marks = null,
        IReadOnlyList<string>? groups = null, string? title = null)
    {
        if (names.Count != contributions.Count) throw new ArgumentException("one contribution per image");
        double total = contributions.Sum();
        if (!(total > 0)) throw new ArgumentException("contributions must have a positive sum");
        var order = Enumerable.Range(0, names.Count).OrderByDescending(i => contributions[i]).ThenBy(i => i).ToArray();
        var share = order.Select(i => contributions[i] / total).ToArray();
        var cumulative = new double[share.Length];
        double run = 0;
        for (int i = 0; i < share.Length; i++) cumulative[i] = run += share[i];
        var ranks = Enumerable.Range(1, share.Length).ToArray();
        var groupNames = groups ?? names.Select(_ => "").ToArray();
        var distinctGroups = groupNames.Distinct().ToList();
        var barColors = order.Select(i => Palette.SeriesColor(distinctGroups.IndexOf(groupNames[i]))).ToArray();
        var traces = new List<Trace>();
        if (groups is null)
            traces.Add(Trace("bar", ("x", ranks), ("y", share.Select(s => s * 100).ToArray()), ("name", "contribution"),
                ("text", order.Select(i => names[i]).ToArray()), ("hovertemplate", "#%{x} %{text}: %{y:.2f}%<extra></extra>"), ("textposition", "none"),
                ("marker", Obj(("color", barColors)))));
        else
            // one bar trace per group, so that the legend names the groups
            foreach (var g in distinctGroups)
            {
                var at = Enumerable.Range(0, order.Length).Where(r => groupNames[order[r]] == g).ToArray();
                traces.Add(Trace("bar", ("x", at.Select(r => ranks[r]).ToArray()), ("y", at.Select(r => share[r] * 100).ToArray()), ("name", g),
                    ("text", at.Select(r => names[order[r]]).ToArray()), ("hovertemplate", "#%{x} %{text}: %{y:.2f}%<extra></extra>"), ("textposition", "none"),
                    ("marker", Obj(("color", Palette.SeriesColor(distinctGroups.IndexOf(g))))), ("width", 0.8)));
            }
        traces.Add(Trace("scatter", ("x", ranks), ("y", cumulative.Select(s => s * 100).ToArray()), ("mode", "lines"), ("name", "cumulative"),
            ("yaxis", "y2"), ("line", Obj(("color", "#333333")))));
        var annotations = new List<object>();
        foreach (var f in marks ?? [])
        {
            int k = Array.FindIndex(cumulative, c => c >= f - 1e-12) + 1;
            if (k <= 0) continue;
            traces.Add(Trace("scatter", ("x", new[] { k }), ("y", new[] { cumulative[k - 1] * 100 }), ("mode", "markers"),
                ("yaxis", "y2"), ("showlegend", false), ("marker", Obj(("size", 9), ("color", Palette.Series[1])))));
            annotations.Add(Obj(("x", k), ("y", cumulative[k - 1] * 100), ("xref", "x"), ("yref", "y2"),
                ("text", $"top {k}: {f * 100:0}%"), ("ax", -35), ("ay", -30)));
        }
        return Chart(traces, Layout(
            ("title", title is null ? null : Title(title)),
            ("xaxis", Axis("rank of MR image")),
            ("yaxis", Axis("relative contribution (%)")),
            ("yaxis2", Axis("cumulative contribution (%)", [0, 100], ("overlaying", "y"), ("side", "right"))),
            ("annotations", annotations),
            ("legend", Obj(("x", 1.1), ("y", 1))),
            ("barmode", "overlay"),
            ("width", 920), ("height", 420)));
    }
    /// <summary>
    /// Two rankings of the same inputs side by side, e.g. Fig. 2's perturbation (sensitivity) and permutation importance
    /// (usefulness): for each of <paramref name="names"/>, a bar per ranking of how many of the <paramref name="count"/>
    /// inputs rank below it, so a taller bar is a higher rank and an input ranked last has no bar.
    /// </summary>
    public static Figure TwoRankings(IReadOnlyList<string> names, string firstName, IReadOnlyList<int> firstRanks, string secondName,
        IReadOnlyList<int> secondRanks, int count, string? title = null)
    {
        if (firstRanks.Count != names.Count || secondRanks.Count != names.Count)
            throw new ArgumentException($"{names.Count} names, {firstRanks.Count} and {secondRanks.Count} ranks");
        List<double> Below(IReadOnlyList<int> ranks) => ranks.Select(r => (double)(count - r)).ToList();
        var none = names.Select(_ => 0.0).ToList();
        return BarPlot.Grouped(names, [new BarSeries(firstName, Below(firstRanks), none), new BarSeries(secondName, Below(secondRanks), none)],
            $"inputs ranked below it (of {count}; 0 = last)", "input", title);
    }
}
