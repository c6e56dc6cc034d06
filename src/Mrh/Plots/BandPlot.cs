using static Mrh.Plots.Plotly;

namespace Mrh.Plots;

/// <summary>A mean curve with a spread (e.g. ± 1 SD over voxels) to draw as a shaded band.</summary>
public sealed record BandSeries(string Name, double[] X, double[] Mean, double[] Spread, string? Color = null);

/// <summary>Mean curves with shaded ± spread bands (e.g. signal against oscillation frequency).</summary>
public static class BandPlot
{
    public static Figure Create(IReadOnlyList<BandSeries> series, string xTitle, string yTitle, string? title = null,
        IReadOnlyList<double>? xTicks = null)
    {
        var traces = new List<Trace>();
        for (int i = 0; i < series.Count; i++)
        {
            var s = series[i];
            if (s.X.Length != s.Mean.Length || s.Mean.Length != s.Spread.Length) throw new ArgumentException($"series '{s.Name}': x, mean and spread differ in length");
            string color = s.Color ?? Palette.SeriesColor(i);
            var upper = s.Mean.Zip(s.Spread, (m, d) => m + d).ToArray();
            var lower = s.Mean.Zip(s.Spread, (m, d) => m - d).ToArray();
            traces.AddRange(Band(s.Name, s.Name, s.X, s.Mean, lower, upper, color, markers: true));
        }
        var xaxis = xTicks is null ? Axis(xTitle) : Axis(xTitle, null, ("tickmode", "array"), ("tickvals", xTicks.ToArray()));
        return Chart(traces, Layout(
            ("title", title is null ? null : Title(title)),
            ("xaxis", xaxis), ("yaxis", Axis(yTitle)),
            ("width", 640), ("height", 420)));
    }

    /// <summary>
    /// The three traces of a mean curve with a shaded band between <paramref name="lower"/> and
    /// <paramref name="upper"/> (edges invisible, one legend entry <paramref name="name"/>; also RocPlot's spread).
    /// </summary>
    internal static IEnumerable<Trace> Band(string group, string name, double[] x, double[] mean, double[] lower, double[] upper, string color, bool markers)
    {
        yield return Trace("scatter", ("x", x), ("y", upper), ("mode", "lines"), ("line", Obj(("width", 0), ("color", color))),
            ("showlegend", false), ("hoverinfo", "skip"), ("legendgroup", group));
        yield return Trace("scatter", ("x", x), ("y", lower), ("mode", "lines"), ("line", Obj(("width", 0), ("color", color))),
            ("fill", "tonexty"), ("fillcolor", Palette.WithAlpha(color, 0.2)), ("showlegend", false), ("hoverinfo", "skip"),
            ("legendgroup", group));
        yield return markers
            ? Trace("scatter", ("x", x), ("y", mean), ("mode", "lines+markers"), ("name", name),
                ("line", Obj(("color", color), ("width", 2))), ("marker", Obj(("size", 7))), ("legendgroup", group))
            : Trace("scatter", ("x", x), ("y", mean), ("mode", "lines"), ("name", name),
                ("line", Obj(("color", color), ("width", 2))), ("legendgroup", group));
    }
}
