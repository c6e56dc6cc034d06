namespace Mrh.Plots;

/// <summary>Colours used consistently across the figures (close to the paper's).</summary>
public static class Palette
{
    /// <summary>Hyper-intense reference signal (paper: turquoise).</summary>
    public const string Hyper = "#1fb5ac";
    /// <summary>Hypo-intense reference signal (paper: orange).</summary>
    public const string Hypo = "#f28e2b";
    /// <summary>Brain surface / other (paper: gray).</summary>
    public const string Surface = "#9e9e9e";
    /// <summary>A qualitative series palette for curves and bars.</summary>
    public static readonly string[] Series =
        ["#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b", "#e377c2", "#17becf", "#bcbd22", "#7f7f7f"];

    public static string SeriesColor(int i) => Series[((i % Series.Length) + Series.Length) % Series.Length];

    /// <summary>An rgba() string of a #rrggbb colour with the given opacity (for bands).</summary>
    public static string WithAlpha(string hex, double alpha)
    {
        int r = Convert.ToInt32(hex.Substring(1, 2), 16), g = Convert.ToInt32(hex.Substring(3, 2), 16), b = Convert.ToInt32(hex.Substring(5, 2), 16);
        return $"rgba({r},{g},{b},{alpha.ToString(System.Globalization.CultureInfo.InvariantCulture)})";
    }
}
