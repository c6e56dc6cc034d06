using static Mrh.Plots.Plotly;

namespace Mrh.Plots;

/// <summary>An ROC curve to draw: false and true positive rates (0..1) and its area under the curve.</summary>
public sealed record RocSeries(string Name, double[] FalsePositiveRate, double[] TruePositiveRate, double Auc);

/// <summary>Several repeats of one condition: drawn as the mean curve with a band of one standard deviation.</summary>
public sealed record RocGroup(string Name, IReadOnlyList<RocSeries> Repeats);

/// <summary>ROC curves with the AUC in the legend, a chance diagonal, and spread bands for repeated runs.</summary>
public static class RocPlot
{
    public static Figure Create(IReadOnlyList<RocSeries> curves, string? title = null) =>
        Create(curves.Select(c => new RocGroup(c.Name, [c])).ToList(), title);

    public static Figure Create(IReadOnlyList<RocGroup> groups, string? title = null)
    {
        var traces = new List<Trace>
        {
            Trace("scatter", ("x", new[] { 0.0, 1.0 }), ("y", new[] { 0.0, 1.0 }), ("mode", "lines"),
                ("line", Obj(("dash", "dot"), ("color", "#bbbbbb"))), ("name", "chance"), ("showlegend", false), ("hoverinfo", "skip")),
        };
        for (int g = 0; g < groups.Count; g++)
        {
            var group = groups[g];
            if (group.Repeats.Count == 0) continue;
            string color = Palette.SeriesColor(g);
            var aucs = group.Repeats.Select(r => r.Auc).ToArray();
            double meanAuc = aucs.Average();
            string label = aucs.Length == 1 ? $"{group.Name} (AUC {meanAuc:0.000})"
                : $"{group.Name} (AUC {meanAuc:0.000} ± {StandardDeviation(aucs):0.000}, n={aucs.Length})";
            if (group.Repeats.Count == 1)
            {
                var c = group.Repeats[0];
                traces.Add(Trace("scatter", ("x", c.FalsePositiveRate), ("y", c.TruePositiveRate), ("mode", "lines"),
                    ("name", label), ("line", Obj(("color", color), ("width", 2)))));
                continue;
            }
            var (grid, mean, sd) = MeanCurve(group.Repeats);
            var upper = mean.Zip(sd, (m, s) => Math.Min(1, m + s)).ToArray();
            var lower = mean.Zip(sd, (m, s) => Math.Max(0, m - s)).ToArray();
            traces.AddRange(BandPlot.Band(group.Name, label, grid, mean, lower, upper, color, markers: false));
        }
        return Chart(traces, Layout(
            ("title", title is null ? null : Title(title)),
            ("xaxis", Axis("False positive rate (1 - specificity)", [0, 1])),
            ("yaxis", Axis("True positive rate (sensitivity)", [0, 1.02])),
            ("legend", Obj(("x", 0.45), ("y", 0.05), ("bgcolor", "rgba(255,255,255,0.7)"))),
            ("width", 520), ("height", 480)));
    }

    /// <summary>
    /// Mean and standard deviation of several ROC curves, each interpolated linearly onto a common
    /// grid of 101 false-positive rates (vertical averaging).
    /// </summary>
    public static (double[] Grid, double[] Mean, double[] Sd) MeanCurve(IReadOnlyList<RocSeries> curves)
    {
        var grid = Enumerable.Range(0, 101).Select(i => i / 100.0).ToArray();
        var values = curves.Select(c => grid.Select(f => Interpolate(c.FalsePositiveRate, c.TruePositiveRate, f)).ToArray()).ToArray();
        var mean = grid.Select((_, i) => values.Average(v => v[i])).ToArray();
        var sd = grid.Select((_, i) => StandardDeviation(values.Select(v => v[i]).ToArray())).ToArray();
        return (grid, mean, sd);
    }

    /// <summary>TPR at a given FPR on a curve sorted by FPR (the highest TPR where FPR has a vertical step).</summary>
    public static double Interpolate(double[] fpr, double[] tpr, double at)
    {
        if (fpr.Length == 0) return 0;
        // the last point with FPR <= at: on a vertical step that is the highest TPR
        int i = -1;
        while (i + 1 < fpr.Length && fpr[i + 1] <= at) i++;
        if (i < 0) return tpr[0];
        if (fpr[i] == at || i == fpr.Length - 1) return tpr[i];
        double t = (at - fpr[i]) / (fpr[i + 1] - fpr[i]);
        return tpr[i] + t * (tpr[i + 1] - tpr[i]);
    }

    static double StandardDeviation(double[] v)
    {
        if (v.Length < 2) return 0;
        double m = v.Average();
        return Math.Sqrt(v.Sum(x => (x - m) * (x - m)) / (v.Length - 1));
    }
}
