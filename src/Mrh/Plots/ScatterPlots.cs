using static Mrh.Plots.Plotly;

namespace Mrh.Plots;

/// <summary>Point clouds: a t-SNE map coloured by category, and prediction-versus-reference agreement.</summary>
public static class ScatterPlots
{
    /// <summary>
    /// A 2D embedding with one colour per category (e.g. "hyper-intense", "hypo-intense", "surface").
    /// <paramref name="colors"/> maps category names to colours; others get the series palette.
    /// </summary>
    public static Figure Embedding(IReadOnlyList<double> x, IReadOnlyList<double> y, IReadOnlyList<string> categories,
        string? title = null, IReadOnlyDictionary<string, string>? colors = null)
    {
        if (x.Count != y.Count || x.Count != categories.Count) throw new ArgumentException("x, y and categories must have the same length");
        var traces = new List<Trace>();
        int k = 0;
        foreach (var cat in categories.Distinct().OrderBy(c => c, StringComparer.Ordinal))
        {
            var idx = Enumerable.Range(0, x.Count).Where(i => categories[i] == cat).ToArray();
            string color = colors is not null && colors.TryGetValue(cat, out var c) ? c : Palette.SeriesColor(k);
            k++;
            traces.Add(Trace("scatter", ("x", idx.Select(i => x[i]).ToArray()), ("y", idx.Select(i => y[i]).ToArray()),
                ("mode", "markers"), ("name", $"{cat} (n={idx.Length})"),
                ("marker", Obj(("color", color), ("size", 4), ("opacity", 0.75)))));
        }
        return Chart(traces, Layout(
            ("title", title is null ? null : Title(title)),
            ("xaxis", Axis("t-SNE 1 (a.u.)")), ("yaxis", Axis("t-SNE 2 (a.u.)")),
            ("width", 560), ("height", 480)));
    }

    /// <summary>
    /// Predicted against reference values (at most <paramref name="maxPoints"/>, evenly subsampled),
    /// with the identity line and the least-squares line, R^2 in the title.
    /// </summary>
    public static Figure Agreement(IReadOnlyList<float> reference, IReadOnlyList<float> predicted, string valueTitle,
        double rSquared, int maxPoints = 4000, string? title = null)
    {
        if (reference.Count != predicted.Count) throw new ArgumentException("reference and prediction must have the same length");
        int n = reference.Count, stride = Math.Max(1, n / Math.Max(1, maxPoints));
        var xs = new List<double>();
        var ys = new List<double>();
        for (int i = 0; i < n; i += stride) { xs.Add(reference[i]); ys.Add(predicted[i]); }
        double lo = Math.Min(xs.DefaultIfEmpty(0).Min(), ys.DefaultIfEmpty(0).Min()), hi = Math.Max(xs.DefaultIfEmpty(1).Max(), ys.DefaultIfEmpty(1).Max());
        var (slope, intercept) = LeastSquares(reference, predicted);
        var traces = new List<Trace>
        {
            Trace("scattergl", ("x", xs.ToArray()), ("y", ys.ToArray()), ("mode", "markers"), ("name", "voxels"),
                ("marker", Obj(("size", 3), ("opacity", 0.35), ("color", Palette.Series[0])))),
            Trace("scatter", ("x", new[] { lo, hi }), ("y", new[] { lo, hi }), ("mode", "lines"), ("name", "identity"),
                ("line", Obj(("dash", "dot"), ("color", "#999999")))),
            Trace("scatter", ("x", new[] { lo, hi }), ("y", new[] { intercept + slope * lo, intercept + slope * hi }), ("mode", "lines"),
                ("name", $"fit (R² = {rSquared:0.00})"), ("line", Obj(("color", Palette.Series[1])))),
        };
        return Chart(traces, Layout(
            ("title", Title(title ?? $"R² = {rSquared:0.00}")),
            ("xaxis", Axis("reference " + valueTitle)), ("yaxis", Axis("predicted " + valueTitle)),
            ("width", 520), ("height", 480)));
    }

    static (double Slope, double Intercept) LeastSquares(IReadOnlyList<float> x, IReadOnlyList<float> y)
    {
        int n = x.Count;
        if (n < 2) return (1, 0);
        double mx = 0, my = 0;
        for (int i = 0; i < n; i++) { mx += x[i]; my += y[i]; }
        mx /= n; my /= n;
        double sxy = 0, sxx = 0;
        for (int i = 0; i < n; i++) { sxy += (x[i] - mx) * (y[i] - my); sxx += (x[i] - mx) * (x[i] - mx); }
        double slope = sxx > 0 ? sxy / sxx : 0;
        return (slope, my - slope * mx);
    }
}
