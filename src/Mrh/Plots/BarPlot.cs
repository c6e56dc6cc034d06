using static Mrh.Plots.Plotly;

namespace Mrh.Plots;

/// <summary>A significance bracket between two bars: "p = 0.028" (or "*" style text) drawn above them.</summary>
public sealed record Comparison(int First, int Second, double PValue);

/// <summary>One series of a grouped bar chart: a mean and SD per category (e.g. one region's contribution of each image group).</summary>
public sealed record BarSeries(string Name, IReadOnlyList<double> Means, IReadOnlyList<double> Sds);

/// <summary>A significance bracket between two series' bars of one category of a grouped bar chart.</summary>
public sealed record SeriesComparison(int Category, int FirstSeries, int SecondSeries, double PValue);

/// <summary>Bars of means with standard-deviation error bars, and p-value brackets between bars.</summary>
public static class BarPlot
{
    public static Figure MeanWithSd(IReadOnlyList<string> categories, IReadOnlyList<double> means, IReadOnlyList<double> sds,
        string valueTitle, string? title = null, IReadOnlyList<Comparison>? comparisons = null, string? color = null)
    {
        if (categories.Count != means.Count || means.Count != sds.Count)
            throw new ArgumentException("categories, means and standard deviations must have the same length");
        var traces = new List<Trace>
        {
            Trace("bar", ("x", categories.ToArray()), ("y", means.ToArray()),
                ("error_y", Obj(("type", "data"), ("array", sds.ToArray()), ("visible", true), ("color", "#333333"))),
                ("marker", Obj(("color", color ?? Palette.Series[0]))), ("name", valueTitle), ("showlegend", false),
                ("hovertemplate", "%{x}: %{y:.4g} ± %{error_y.array:.2g}<extra></extra>")),
        };
        var shapes = new List<object>();
        var annotations = new List<object>();
        double top = means.Zip(sds, (m, s) => m + s).DefaultIfEmpty(1).Max();
        double step = Math.Abs(top) * 0.08 + 1e-12;
        int level = 0;
        foreach (var cmp in comparisons ?? [])
        {
            double y = top + step * (1 + level++);
            shapes.Add(Obj(("type", "line"), ("xref", "x"), ("yref", "y"), ("x0", categories[cmp.First]), ("x1", categories[cmp.Second]),
                ("y0", y), ("y1", y), ("line", Obj(("color", "#333333"), ("width", 1)))));
            annotations.Add(Obj(("x", (cmp.First + cmp.Second) / 2.0), ("xref", "x"), ("y", y), ("yref", "y"),
                ("text", FormatP(cmp.PValue)), ("showarrow", false), ("yanchor", "bottom")));
        }
        return Chart(traces, Layout(
            ("title", title is null ? null : Title(title)),
            ("xaxis", Axis("")),
            ("yaxis", Axis(valueTitle, [0, top + step * (level + 1.5)])),
            ("shapes", shapes), ("annotations", annotations),
            ("width", Math.Min(1000, 120 + 90 * categories.Count)), ("height", 420))); // fits a notebook page
    }

    /// <summary>The share of a category's width the bars of a grouped chart take (plotly's bargap 0.2).</summary>
    const double GroupWidth = 0.8;

    /// <summary>
    /// Grouped bars: one group of bars per category (x), one bar per series with SD error bars and a legend,
    /// brackets with p-values between two series within a category. Sized to fit a page (about 1000 px at most
    /// for up to six categories of three series).
    /// </summary>
    public static Figure Grouped(IReadOnlyList<string> categories, IReadOnlyList<BarSeries> series, string valueTitle, string categoryTitle,
        string? title = null, IReadOnlyList<SeriesComparison>? comparisons = null)
    {
        if (series.Count == 0) throw new ArgumentException("a grouped bar chart needs at least one series");
        foreach (var s in series)
            if (s.Means.Count != categories.Count || s.Sds.Count != categories.Count)
                throw new ArgumentException($"series '{s.Name}' needs one mean and one SD per category ({categories.Count})");
        var x = Enumerable.Range(0, categories.Count).Select(c => (double)c).ToArray();
        var traces = series.Select((s, k) => Trace("bar", ("x", x), ("y", s.Means.ToArray()),
            ("error_y", Obj(("type", "data"), ("array", s.Sds.ToArray()), ("visible", true), ("color", "#333333"))),
            ("marker", Obj(("color", Palette.SeriesColor(k)))), ("name", s.Name), ("text", categories.ToArray()), ("textposition", "none"),
            ("hovertemplate", $"{s.Name}, %{{text}}: %{{y:.4g}} ± %{{error_y.array:.2g}}<extra></extra>"))).ToList();
        double Top(int c, int k) => series[k].Means[c] + series[k].Sds[c];
        double top = series.SelectMany((s, k) => Enumerable.Range(0, categories.Count).Select(c => Top(c, k))).Where(double.IsFinite).DefaultIfEmpty(1).Max();
        double step = Math.Abs(top) * 0.06 + 1e-12;
        var shapes = new List<object>();
        var annotations = new List<object>();
        double highest = top;
        foreach (var cmp in comparisons ?? [])
        {
            int lo = Math.Min(cmp.FirstSeries, cmp.SecondSeries), hi = Math.Max(cmp.FirstSeries, cmp.SecondSeries);
            double under = Enumerable.Range(lo, hi - lo + 1).Select(k => Top(cmp.Category, k)).Where(double.IsFinite).DefaultIfEmpty(0).Max();
            double y = under + step;
            highest = Math.Max(highest, y + 2 * step);
            double x0 = BarCentre(cmp.Category, cmp.FirstSeries, series.Count), x1 = BarCentre(cmp.Category, cmp.SecondSeries, series.Count);
            shapes.Add(Obj(("type", "line"), ("xref", "x"), ("yref", "y"), ("x0", x0), ("x1", x1), ("y0", y), ("y1", y),
                ("line", Obj(("color", "#333333"), ("width", 1)))));
            annotations.Add(Obj(("x", (x0 + x1) / 2), ("xref", "x"), ("y", y), ("yref", "y"), ("text", FormatP(cmp.PValue)),
                ("showarrow", false), ("yanchor", "bottom"), ("font", Obj(("size", 11)))));
        }
        return Chart(traces, Layout(
            ("title", title is null ? null : Title(title)),
            ("barmode", "group"), ("bargap", 1 - GroupWidth), ("bargroupgap", 0.0),
            ("xaxis", Axis(categoryTitle, [-0.5, categories.Count - 0.5], ("tickmode", "array"), ("tickvals", x), ("ticktext", categories.ToArray()))),
            ("yaxis", Axis(valueTitle, [0, highest + step])),
            ("shapes", shapes), ("annotations", annotations),
            ("width", Math.Min(1000, 320 + categories.Count * Math.Max(120, 45 * series.Count))), ("height", 460)));
    }

    /// <summary>The x of series <paramref name="k"/>'s bar in category <paramref name="category"/> of a grouped chart of <paramref name="n"/> series.</summary>
    public static double BarCentre(int category, int k, int n) => category - GroupWidth / 2 + GroupWidth * (k + 0.5) / n;

    /// <summary>"p = 0.028", "p < 0.001", with a star when below 0.05.</summary>
    public static string FormatP(double p) =>
        double.IsNaN(p) ? "p = n/a" : p < 0.001 ? "p < 0.001 *" : $"p = {p:0.000}{(p < 0.05 ? " *" : "")}";
}
