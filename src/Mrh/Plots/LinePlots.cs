using static Mrh.Plots.Plotly;

namespace Mrh.Plots;

/// <summary>A named series of values along an x axis (a signal profile, a loss curve).</summary>
public sealed record LineSeries(string Name, double[] X, double[] Y, string? Color = null, bool Dashed = false);

/// <summary>Signal profiles of representative patches and training curves.</summary>
public static class LinePlots
{
    /// <summary>Generic lines with labelled axes (units in the titles).</summary>
    public static Figure Lines(IReadOnlyList<LineSeries> series, string xTitle, string yTitle, string? title = null,
        bool logY = false, IReadOnlyList<string>? xTickLabels = null)
    {
        var traces = series.Select((s, i) => Trace("scatter", ("x", s.X), ("y", s.Y), ("mode", "lines+markers"), ("name", s.Name),
            ("marker", Obj(("size", 4))),
            ("line", Obj(("color", s.Color ?? Palette.SeriesColor(i)), ("dash", s.Dashed ? "dash" : "solid"))))).ToList();
        var xaxis = xTickLabels is null ? Axis(xTitle)
            : Axis(xTitle, null, ("tickmode", "array"), ("tickvals", Enumerable.Range(0, xTickLabels.Count).ToArray()), ("ticktext", xTickLabels.ToArray()));
        return Chart(traces, Layout(
            ("title", title is null ? null : Title(title)),
            ("xaxis", xaxis),
            ("yaxis", Axis(yTitle, null, ("type", logY ? "log" : "linear"))),
            ("width", 720), ("height", 420)));
    }

    /// <summary>
    /// MRI signal of patches across the input images (x = image index, y = normalised signal),
    /// with vertical separators and labels for the image groups (e.g. b = 2,000 | b = 5,000 | T2W/MT).
    /// </summary>
    public static Figure SignalProfiles(IReadOnlyList<LineSeries> profiles, IReadOnlyList<(string Label, int Start, int End)> groups,
        string yTitle = "signal (normalised, a.u.)", string? title = null)
    {
        var chart = Lines(profiles, "MR image (index in the protocol)", yTitle, title);
        var shapes = groups.Skip(1).Select(g => (object)Obj(("type", "line"), ("xref", "x"), ("yref", "paper"),
            ("x0", g.Start - 0.5), ("x1", g.Start - 0.5), ("y0", 0), ("y1", 1), ("line", Obj(("color", "#cccccc"), ("dash", "dot"))))).ToList();
        var annotations = groups.Select(g => (object)Obj(("x", (g.Start + g.End) / 2.0), ("xref", "x"), ("y", 1.02), ("yref", "paper"),
            ("text", g.Label), ("showarrow", false), ("yanchor", "bottom"))).ToList();
        return chart.WithLayout(Layout(("shapes", shapes), ("annotations", annotations)));
    }

    /// <summary>Training and validation loss per epoch.</summary>
    public static Figure TrainingCurve(IReadOnlyList<double> trainLoss, IReadOnlyList<double> validationLoss, string lossName,
        int? bestEpoch = null, string? title = null)
    {
        var epochs = Enumerable.Range(1, Math.Max(trainLoss.Count, validationLoss.Count)).Select(e => (double)e).ToArray();
        var series = new List<LineSeries>
        {
            new("training", epochs[..trainLoss.Count], trainLoss.ToArray()),
            new("validation", epochs[..validationLoss.Count], validationLoss.ToArray()),
        };
        var chart = Lines(series, "epoch", lossName, title);
        if (bestEpoch is int b)
            chart = chart.WithLayout(Layout(("shapes", new object[]
            {
                Obj(("type", "line"), ("xref", "x"), ("yref", "paper"), ("x0", b), ("x1", b), ("y0", 0), ("y1", 1),
                    ("line", Obj(("color", "#999999"), ("dash", "dot")))),
            })));
        return chart;
    }
}
