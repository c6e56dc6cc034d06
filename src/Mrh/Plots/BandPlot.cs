using Plotly.NET;
using static Mrh.Plots.Plotly;

namespace Mrh.Plots;

/// <summary>A mean curve with a spread (e.g. ± 1 SD over voxels) to draw as a shaded band.</summary>
public sealed record BandSeries(string Name, double[] X, double[] Mean, double[] Spread, string? Color = null);

/// <summary>Mean curves with shaded ± spread bands (e.g. signal against oscillation frequency).</summary>
public static class BandPlot
{
    public static GenericChart Create(IReadOnlyList<BandSeries> series, string xTitle, string yTitle, string? title = null,
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
            traces.Add(Trace("scatter", ("x", s.X), ("y", upper), ("mode", "lines"), ("line", Obj(("width", 0), ("color", color))),
                ("showlegend", false), ("hoverinfo", "skip"), ("legendgroup", s.Name)));
            traces.Add(Trace("scatter", ("x", s.X), ("y", lower), ("mode", "lines"), ("line", Obj(("width", 0), ("color", color))),
                ("fill", "tonexty"), ("fillcolor", Palette.WithAlpha(color, 0.2)), ("showlegend", false), ("hoverinfo", "skip"),
                ("legendgroup", s.Name)));
            traces.Add(Trace("scatter", ("x", s.X), ("y", s.Mean), ("mode", "lines+markers"), ("name", s.Name),
                ("line", Obj(("color", color), ("width", 2))), ("marker", Obj(("size", 7))), ("legendgroup", s.Name)));
        }
        var xaxis = xTicks is null ? Axis(xTitle) : Axis(xTitle, null, ("tickmode", "array"), ("tickvals", xTicks.ToArray()));
        return Chart(traces, Layout(
            ("title", title is null ? null : Title(title)),
            ("xaxis", xaxis), ("yaxis", Axis(yTitle)),
            ("width", 640), ("height", 420)));
    }
}
