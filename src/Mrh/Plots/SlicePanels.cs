using Mrh.Imaging;
using Plotly.NET;
using static Mrh.Plots.Plotly;

namespace Mrh.Plots;

/// <summary>One image of a slice panel: a section and the size of its pixels in millimetres.</summary>
public sealed record SliceImage(string Title, Section Section, double PixelWidthMm, double PixelHeightMm)
{
    /// <summary>A section of <paramref name="volume"/> with its pixel size taken from the volume's spacing.</summary>
    public static SliceImage Of(string title, Volume volume, AnatomicalPlane plane, int index, int channel = 0)
    {
        var (cols, rows) = volume.Axes.InPlaneAxes(plane);
        return new SliceImage(title, volume.Slice(plane, index, channel), volume.Spacing[cols], volume.Spacing[rows]);
    }
}

/// <summary>
/// Rows of brain sections side by side. Images compared with each other share one colour range (and
/// one colour bar) so that equal values look equal; axes are in millimetres with equal aspect, rows
/// running top (dorsal / anterior) to bottom.
/// </summary>
public static class SlicePanels
{
    /// <param name="images">the panels, filled row by row</param>
    /// <param name="valueTitle">colour bar title, with units (e.g. "AF (a.u.)")</param>
    /// <param name="columns">panels per row (default: all in one row)</param>
    /// <param name="range">the shared colour range; default: the 1st-99th percentile of all non-zero pixels</param>
    /// <param name="colorScale">a plotly.js colour scale name</param>
    public static GenericChart Create(IReadOnlyList<SliceImage> images, string valueTitle, int? columns = null,
        (double Min, double Max)? range = null, string colorScale = "Greys", bool reverseScale = true, string? title = null)
    {
        if (images.Count == 0) throw new ArgumentException("no images to show");
        int nc = Math.Clamp(columns ?? images.Count, 1, images.Count);
        int nr = (images.Count + nc - 1) / nc;
        var (lo, hi) = range ?? SharedRange(images.Select(i => i.Section));
        var traces = new List<Trace>();
        var layout = new List<(string, object?)>();
        var annotations = new List<object>();
        // rows leave room for the x-axis title of the row above and the panel titles of their own
        double gap = 0.02, rowGap = nr > 1 ? 0.14 : 0.06, cellW = (1.0 - gap * (nc - 1)) / nc * 0.92, cellH = (1.0 - rowGap * nr) / nr;
        for (int i = 0; i < images.Count; i++)
        {
            var img = images[i];
            int r = i / nc, c = i % nc;
            string suffix = i == 0 ? "" : (i + 1).ToString();
            var s = img.Section;
            var x = Enumerable.Range(0, s.Width).Select(k => Math.Round(k * img.PixelWidthMm, 4)).ToArray();
            var y = Enumerable.Range(0, s.Height).Select(k => Math.Round(k * img.PixelHeightMm, 4)).ToArray();
            traces.Add(Trace("heatmap",
                ("z", s.ToRows()), ("x", x), ("y", y),
                ("zmin", lo), ("zmax", hi), ("zauto", false),
                ("colorscale", colorScale), ("reversescale", reverseScale),
                ("showscale", i == images.Count - 1),
                ("colorbar", Obj(("title", Title(valueTitle)), ("len", 0.9), ("exponentformat", "none"))), // "0.0003", not "300µ" (an SI prefix reads as a unit)
                ("name", img.Title),
                ("hovertemplate", "%{x:.2f} mm, %{y:.2f} mm: %{z:.3g}<extra>" + img.Title + "</extra>"),
                ("xaxis", "x" + suffix), ("yaxis", "y" + suffix)));
            double x0 = c * (cellW + gap), y1 = 1 - r * (cellH + rowGap) - 0.04;
            layout.Add(("xaxis" + suffix, Axis("mm", null,
                ("domain", new[] { x0, x0 + cellW }), ("anchor", "y" + suffix), ("showgrid", false))));
            layout.Add(("yaxis" + suffix, Axis(c == 0 ? "mm" : "", null,
                ("domain", new[] { y1 - cellH, y1 }), ("anchor", "x" + suffix), ("autorange", "reversed"),
                ("scaleanchor", "x" + suffix), ("showgrid", false))));
            annotations.Add(Obj(("text", img.Title), ("x", x0 + cellW / 2), ("y", y1 + 0.005), ("xref", "paper"), ("yref", "paper"),
                ("xanchor", "center"), ("yanchor", "bottom"), ("showarrow", false)));
        }
        layout.Add(("annotations", annotations));
        layout.Add(("title", title is null ? null : Title(title)));
        layout.Add(("height", 80 + 330 * nr));
        layout.Add(("width", Math.Min(1400, 120 + 300 * nc)));
        layout.Add(("margin", Obj(("l", 50), ("r", 20), ("t", title is null ? 30 : 60), ("b", 40))));
        return Chart(traces, Layout(layout.ToArray()));
    }

    /// <summary>The 1st and 99th percentiles of all non-zero, finite pixels of the sections.</summary>
    public static (double Min, double Max) SharedRange(IEnumerable<Section> sections)
    {
        var values = sections.SelectMany(s => s.Pixels).Where(v => v != 0 && float.IsFinite(v)).ToArray();
        if (values.Length == 0) return (0, 1);
        Array.Sort(values);
        double lo = values[(int)Math.Floor(0.01 * (values.Length - 1))], hi = values[(int)Math.Ceiling(0.99 * (values.Length - 1))];
        if (!(hi > lo)) hi = lo + 1;
        return (lo, hi);
    }
}
