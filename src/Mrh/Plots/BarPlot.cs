using Plotly.NET;
using static Mrh.Plots.Plotly;

namespace Mrh.Plots;

/// <summary>A significance bracket between two bars: "p = 0.028" (or "*" style text) drawn above them.</summary>
public sealed record Comparison(int First, int Second, double PValue);

/// <summary>Bars of means with standard-deviation error bars, and p-value brackets between bars.</summary>
public static class BarPlot
{
    public static GenericChart MeanWithSd(IReadOnlyList<string> categories, IReadOnlyList<double> means, IReadOnlyList<double> sds,
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
            ("width", 120 + 90 * categories.Count), ("height", 420)));
    }

    /// <summary>"p = 0.028", "p < 0.001", with a star when below 0.05.</summary>
    public static string FormatP(double p) =>
        double.IsNaN(p) ? "p = n/a" : p < 0.001 ? "p < 0.001 *" : $"p = {p:0.000}{(p < 0.05 ? " *" : "")}";
}
