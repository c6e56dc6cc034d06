using Mrh.Imaging;
using static Mrh.Plots.Plotly;

namespace Mrh.Plots;

/// <summary>
/// One image of a slice panel: a section, the size of its pixels in millimetres, and where its first pixel sits
/// (millimetres from the section's corner; not zero for a cropped image). <see cref="Outlines"/> are drawn over it
/// (the structures the text names), with their names in the legend.
/// </summary>
public sealed record SliceImage(string Title, Section Section, double PixelWidthMm, double PixelHeightMm, double OriginXMm = 0, double OriginYMm = 0)
{
    /// <summary>Structure outlines drawn over the image (pixel indices of this image's section).</summary>
    public IReadOnlyList<StructureOutline> Outlines { get; init; } = [];

    /// <summary>This image with <paramref name="outlines"/> drawn over it (empty outlines are left out).</summary>
    public SliceImage WithOutlines(IEnumerable<StructureOutline> outlines) => this with { Outlines = outlines.Where(o => !o.IsEmpty).ToArray() };

    /// <summary>A section of <paramref name="volume"/> with its pixel size taken from the volume's spacing.</summary>
    public static SliceImage Of(string title, Volume volume, AnatomicalPlane plane, int index, int channel = 0)
    {
        var (cols, rows) = volume.Axes.InPlaneAxes(plane);
        return new SliceImage(title, volume.Slice(plane, index, channel), volume.Spacing[cols], volume.Spacing[rows]);
    }

    /// <summary>The part of this image inside <paramref name="window"/> (an enlarged view), at its place in millimetres.</summary>
    public SliceImage Crop(SectionWindow window) => this with
    {
        Section = Section.Crop(window),
        OriginXMm = OriginXMm + window.Column * PixelWidthMm,
        OriginYMm = OriginYMm + window.Row * PixelHeightMm,
        Outlines = Outlines.Select(o => CropOutline(o, window)).Where(o => !o.IsEmpty).ToArray(),
    };

    static StructureOutline CropOutline(StructureOutline o, SectionWindow w)
    {
        var keep = Enumerable.Range(0, o.Columns.Length).Where(i => o.Columns[i] >= w.Column && o.Columns[i] < w.Column + w.Width
            && o.Rows[i] >= w.Row && o.Rows[i] < w.Row + w.Height).ToArray();
        return o with { Columns = keep.Select(i => o.Columns[i] - w.Column).ToArray(), Rows = keep.Select(i => o.Rows[i] - w.Row).ToArray() };
    }
}

/// <summary>One row of <see cref="SlicePanels.CreateRows"/>: images on one colour scale, and its title with units.</summary>
public sealed record SliceRow(string ValueTitle, IReadOnlyList<SliceImage> Images);

/// <summary>
/// Rows of brain sections side by side. Images compared with each other share one colour range (and
/// one colour bar) so that equal values look equal; axes are in millimetres with equal aspect, rows
/// running top (dorsal / anterior) to bottom. The first panel of each row carries a scale bar
/// (<see cref="ScaleBar"/>); structure outlines of an image (<see cref="SliceImage.Outlines"/>) are drawn as
/// coloured boundary pixels, one legend entry per structure.
/// </summary>
public static class SlicePanels
{
    /// <param name="images">the panels, filled row by row</param>
    /// <param name="valueTitle">colour bar title, with units (e.g. "AF (a.u.)")</param>
    /// <param name="columns">panels per row (default: all in one row)</param>
    /// <param name="range">the shared colour range; default: the 1st-99th percentile of all non-zero pixels</param>
    /// <param name="colorScale">a plotly.js colour scale name</param>
    public static Figure Create(IReadOnlyList<SliceImage> images, string valueTitle, int? columns = null,
        (double Min, double Max)? range = null, string colorScale = "Greys", bool reverseScale = true, string? title = null)
    {
        if (images.Count == 0) throw new ArgumentException("no images to show");
        int nc = Math.Clamp(columns ?? images.Count, 1, images.Count);
        var scale = range ?? SharedRange(images.Select(i => i.Section));
        var cells = images.Select((img, i) => new Cell(img, i / nc, i % nc, scale, valueTitle, i == images.Count - 1)).ToList();
        return Build(cells, nc, (images.Count + nc - 1) / nc, colorScale, reverseScale, title, perRowScale: false);
    }

    /// <summary>
    /// Rows of images where each row has its own colour scale and colour bar (e.g. NF next to MRH-NF in one row,
    /// DR at both shells in the next): images compared within a row share one range; rows with different
    /// quantities do not. <paramref name="columns"/> defaults to the longest row.
    /// </summary>
    public static Figure CreateRows(IReadOnlyList<SliceRow> rows, int? columns = null, string colorScale = "Greys",
        bool reverseScale = false, string? title = null)
    {
        if (rows.Count == 0 || rows.Any(r => r.Images.Count == 0)) throw new ArgumentException("every row needs at least one image");
        int nc = columns ?? rows.Max(r => r.Images.Count);
        if (rows.Any(r => r.Images.Count > nc)) throw new ArgumentException($"a row has more than {nc} images");
        var cells = new List<Cell>();
        for (int r = 0; r < rows.Count; r++)
        {
            var scale = SharedRange(rows[r].Images.Select(i => i.Section));
            for (int c = 0; c < rows[r].Images.Count; c++)
                cells.Add(new Cell(rows[r].Images[c], r, c, scale, rows[r].ValueTitle, c == rows[r].Images.Count - 1));
        }
        return Build(cells, nc, rows.Count, colorScale, reverseScale, title, perRowScale: true);
    }

    sealed record Cell(SliceImage Image, int Row, int Column, (double Min, double Max) Scale, string ValueTitle, bool ShowScale);

    static Figure Build(IReadOnlyList<Cell> cells, int nc, int nr, string colorScale, bool reverseScale, string? title, bool perRowScale)
    {
        var traces = new List<Trace>();
        var layout = new List<(string, object?)>();
        var annotations = new List<object>();
        var shapes = new List<object>();
        var named = new HashSet<string>();
        // rows leave room for the x-axis title of the row above and the panel titles of their own
        // (about 105 px between rows: the tick labels and "mm" of one row, then the panel titles of the next)
        int height = 80 + (perRowScale ? 300 : 330) * nr + (cells.Any(c => c.Image.Outlines.Count > 0) ? 40 : 0);
        double gap = 0.02, rowGap = nr > 1 ? 105.0 / height : 0.06, cellW = (1.0 - gap * (nc - 1)) / nc * (perRowScale ? 0.86 : 0.92),
            cellH = (1.0 - rowGap * nr) / nr;
        for (int i = 0; i < cells.Count; i++)
        {
            var (img, r, c) = (cells[i].Image, cells[i].Row, cells[i].Column);
            var (lo, hi) = cells[i].Scale;
            string suffix = i == 0 ? "" : (i + 1).ToString();
            var s = img.Section;
            var x = Enumerable.Range(0, s.Width).Select(k => Math.Round(img.OriginXMm + k * img.PixelWidthMm, 4)).ToArray();
            var y = Enumerable.Range(0, s.Height).Select(k => Math.Round(img.OriginYMm + k * img.PixelHeightMm, 4)).ToArray();
            double x0 = c * (cellW + gap), y1 = 1 - r * (cellH + rowGap) - 0.04;
            // plain numbers on the colour bar: "0.0003", not "300µ" (an SI prefix reads as a unit)
            var colorbar = perRowScale
                ? Obj(("title", Title(cells[i].ValueTitle)), ("len", cellH * 0.9), ("y", y1 - cellH / 2), ("yanchor", "middle"),
                    ("x", x0 + cellW + 0.01), ("thickness", 14), ("exponentformat", "none"))
                : Obj(("title", Title(cells[i].ValueTitle)), ("len", 0.9), ("exponentformat", "none"));
            traces.Add(Trace("heatmap",
                ("z", s.ToRows()), ("x", x), ("y", y),
                ("zmin", lo), ("zmax", hi), ("zauto", false),
                ("colorscale", colorScale), ("reversescale", reverseScale),
                ("showscale", cells[i].ShowScale),
                ("colorbar", colorbar),
                ("name", img.Title),
                ("hovertemplate", "%{x:.2f} mm, %{y:.2f} mm: %{z:.3g}<extra>" + img.Title + "</extra>"),
                ("xaxis", "x" + suffix), ("yaxis", "y" + suffix)));
            layout.Add(("xaxis" + suffix, Axis("mm", null,
                ("domain", new[] { x0, x0 + cellW }), ("anchor", "y" + suffix), ("showgrid", false))));
            layout.Add(("yaxis" + suffix, Axis(c == 0 ? "mm" : "", null,
                ("domain", new[] { y1 - cellH, y1 }), ("anchor", "x" + suffix), ("autorange", "reversed"),
                ("scaleanchor", "x" + suffix), ("showgrid", false))));
            annotations.Add(Obj(("text", img.Title), ("x", x0 + cellW / 2), ("y", y1 + 0.005), ("xref", "paper"), ("yref", "paper"),
                ("xanchor", "center"), ("yanchor", "bottom"), ("showarrow", false)));
            foreach (var o in img.Outlines)
                traces.Add(Trace("scatter", ("mode", "markers"),
                    ("x", o.Columns.Select(k => Math.Round(img.OriginXMm + k * img.PixelWidthMm, 4)).ToArray()),
                    ("y", o.Rows.Select(k => Math.Round(img.OriginYMm + k * img.PixelHeightMm, 4)).ToArray()),
                    ("marker", Obj(("color", o.Color), ("size", 3), ("symbol", "square"))),
                    ("name", o.Name), ("legendgroup", o.Name), ("showlegend", named.Add(o.Name)),
                    ("hovertemplate", o.Name + "<extra></extra>"), ("xaxis", "x" + suffix), ("yaxis", "y" + suffix)));
            if (c == 0)
            {
                var bar = ScaleBar.For(img);
                shapes.Add(Obj(("type", "line"), ("xref", "x" + suffix), ("yref", "y" + suffix), ("x0", bar.X0Mm), ("x1", bar.X1Mm),
                    ("y0", bar.YMm), ("y1", bar.YMm), ("line", Obj(("color", "#d62728"), ("width", 4)))));
                annotations.Add(Obj(("text", bar.Label), ("x", (bar.X0Mm + bar.X1Mm) / 2), ("y", bar.YMm), ("xref", "x" + suffix), ("yref", "y" + suffix),
                    ("xanchor", "center"), ("yanchor", "bottom"), ("showarrow", false), ("font", Obj(("color", "#d62728"), ("size", 11)))));
            }
        }
        layout.Add(("shapes", shapes));
        if (named.Count > 0) layout.Add(("legend", Obj(("orientation", "h"), ("x", 0), ("y", -0.02), ("yanchor", "top"))));
        layout.Add(("annotations", annotations));
        layout.Add(("title", title is null ? null : Title(title)));
        layout.Add(("height", height));
        layout.Add(("width", Math.Min(1000, 120 + (perRowScale ? 330 : 300) * nc))); // fits a notebook page
        layout.Add(("margin", Obj(("l", 50), ("r", 20), ("t", title is null ? 30 : 60), ("b", named.Count > 0 ? 80 : 40))));
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
