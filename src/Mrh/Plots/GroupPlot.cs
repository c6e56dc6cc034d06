using static Mrh.Plots.Plotly;

namespace Mrh.Plots;

/// <summary>Individual values of groups of animals (e.g. shiverer vs control) with mean ± SD and a p-value.</summary>
public static class GroupPlot
{
    public static Figure Strip(IReadOnlyList<(string Group, double[] Values)> groups, string valueTitle, string? title = null,
        IReadOnlyList<Comparison>? comparisons = null)
    {
        var traces = new List<Trace>();
        for (int g = 0; g < groups.Count; g++)
        {
            var (name, values) = groups[g];
            string color = Palette.SeriesColor(g);
            double mean = values.Length > 0 ? values.Average() : double.NaN;
            double sd = values.Length > 1 ? Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / (values.Length - 1)) : 0;
            // deterministic jitter so that points of one group do not overlap
            var x = values.Select((_, i) => g + (values.Length > 1 ? (i / (double)(values.Length - 1) - 0.5) * 0.3 : 0)).ToArray();
            traces.Add(Trace("scatter", ("x", x), ("y", values), ("mode", "markers"), ("name", $"{name} (n={values.Length})"),
                ("marker", Obj(("color", color), ("size", 9)))));
            traces.Add(Trace("scatter", ("x", new[] { g - 0.25, g + 0.25 }), ("y", new[] { mean, mean }), ("mode", "lines"),
                ("showlegend", false), ("line", Obj(("color", color), ("width", 3))),
                ("error_y", Obj(("type", "data"), ("array", new[] { sd, sd }), ("visible", true), ("color", color)))));
        }
        double top = groups.SelectMany(g => g.Values).DefaultIfEmpty(1).Max();
        double bottom = groups.SelectMany(g => g.Values).DefaultIfEmpty(0).Min();
        double step = (top - bottom) * 0.1 + 1e-12;
        var annotations = new List<object>();
        var shapes = new List<object>();
        int level = 0;
        foreach (var cmp in comparisons ?? [])
        {
            double y = top + step * (1 + level++);
            shapes.Add(Obj(("type", "line"), ("x0", cmp.First), ("x1", cmp.Second), ("y0", y), ("y1", y), ("xref", "x"), ("yref", "y"),
                ("line", Obj(("color", "#333333"), ("width", 1)))));
            annotations.Add(Obj(("x", (cmp.First + cmp.Second) / 2.0), ("y", y), ("xref", "x"), ("yref", "y"),
                ("text", BarPlot.FormatP(cmp.PValue)), ("showarrow", false), ("yanchor", "bottom")));
        }
        return Chart(traces, Layout(
            ("title", title is null ? null : Title(title)),
            ("xaxis", Axis("", [-0.6, groups.Count - 0.4], ("tickmode", "array"), ("tickvals", Enumerable.Range(0, groups.Count).ToArray()),
                ("ticktext", groups.Select(g => g.Group).ToArray()))),
            ("yaxis", Axis(valueTitle, [bottom - step, top + step * (level + 1.5)])),
            ("shapes", shapes), ("annotations", annotations),
            ("width", Math.Min(1000, 160 + 100 * groups.Count)), ("height", 420))); // fits a notebook page
    }
}
