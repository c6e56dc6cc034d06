using Mrh.Imaging;

namespace Mrh.Analysis;

/// <summary>
/// Settings of the structural similarity index. The defaults are those of Wang, Bovik, Sheikh &amp;
/// Simoncelli (IEEE TIP 2004) and their reference implementation: an 11 x 11 Gaussian window of
/// sigma 1.5 (radius 5, weights normalised to sum 1), K1 = 0.01, K2 = 0.03.
/// </summary>
public sealed record SsimOptions(double Sigma = 1.5, int Radius = 5, double K1 = 0.01, double K2 = 0.03)
{
    /// <summary>The published settings.</summary>
    public static SsimOptions Wang2004 { get; } = new();

    /// <summary>Window width, 2 * Radius + 1.</summary>
    public int WindowSize => 2 * Radius + 1;

    internal void Validate()
    {
        if (!(Sigma > 0) || Radius < 1 || !(K1 > 0) || !(K2 > 0))
            throw new ArgumentException($"invalid SSIM settings (sigma {Sigma}, radius {Radius}, K1 {K1}, K2 {K2})");
    }
}

/// <summary>SSIM of a volume: the mean over sections and each section's value.</summary>
/// <param name="Mean">Mean of <paramref name="PerSection"/>.</param>
/// <param name="PerSection">Mean SSIM of each section used, in the order of <paramref name="SectionIndices"/>.</param>
/// <param name="SectionIndices">Indices of the sections used along the plane's normal axis.</param>
/// <param name="DataRange">The dynamic range L used in the constants C1 = (K1 L)^2, C2 = (K2 L)^2.</param>
public sealed record SsimResult(double Mean, double[] PerSection, int[] SectionIndices, double DataRange);

/// <summary>
/// Structural similarity (Wang et al. 2004). For one 2D section:
/// SSIM(x, y) = (2 mu_x mu_y + C1)(2 sigma_xy + C2) / ((mu_x^2 + mu_y^2 + C1)(sigma_x^2 + sigma_y^2 + C2)),
/// with local means, variances and covariance weighted by the Gaussian window (population form,
/// no n/(n-1) correction), C1 = (K1 L)^2, C2 = (K2 L)^2, L the data range. The section's SSIM is the
/// mean of the SSIM map over the positions where the whole window lies inside the image ("valid"
/// positions: a border of <see cref="SsimOptions.Radius"/> pixels is left out), so no padding
/// convention enters the result. This is what the reference MATLAB code (filter2 'valid') computes, and
/// equals scikit-image's <c>structural_similarity(gaussian_weights=True, sigma=1.5,
/// use_sample_covariance=False, data_range=L)</c>, which filters with reflection padding and then
/// crops the same border before averaging. Sections must be at least 11 x 11 pixels.
/// </summary>
public static class Ssim
{
    /// <summary>The normalised 1D Gaussian weights of the window (length 2 * radius + 1).</summary>
    public static double[] Window(SsimOptions? options = null)
    {
        var o = options ?? SsimOptions.Wang2004;
        o.Validate();
        var w = new double[o.WindowSize];
        double sum = 0;
        for (int i = 0; i < w.Length; i++)
        {
            double x = i - o.Radius;
            w[i] = Math.Exp(-0.5 * x * x / (o.Sigma * o.Sigma));
            sum += w[i];
        }
        for (int i = 0; i < w.Length; i++) w[i] /= sum;
        return w;
    }

    /// <summary>
    /// The SSIM map of a section over its valid positions: (width - 2r) x (height - 2r) values, row-major.
    /// <paramref name="x"/> and <paramref name="y"/> are row-major images of the given size (the
    /// measure is symmetric in x and y).
    /// </summary>
    public static double[] Map(ReadOnlySpan<float> x, ReadOnlySpan<float> y, int width, int height, double dataRange,
        SsimOptions? options = null)
    {
        var o = options ?? SsimOptions.Wang2004;
        var g = Window(o);
        if (width <= 0 || height <= 0 || x.Length != width * height || y.Length != width * height)
            throw new ArgumentException($"SSIM needs two images of {width} x {height} pixels (got {x.Length} and {y.Length} values)");
        if (width < o.WindowSize || height < o.WindowSize)
            throw new MrhException($"SSIM needs sections of at least {o.WindowSize} x {o.WindowSize} pixels (got {width} x {height})");
        if (!(dataRange > 0) || double.IsInfinity(dataRange))
            throw new MrhException($"SSIM needs a positive data range (got {dataRange}); is the reference constant?");

        int ow = width - 2 * o.Radius, oh = height - 2 * o.Radius, k = g.Length;
        // horizontal pass of the five moments: x, y, x^2, y^2, xy -> height x ow each
        var hx = new double[height * ow];
        var hy = new double[height * ow];
        var hxx = new double[height * ow];
        var hyy = new double[height * ow];
        var hxy = new double[height * ow];
        for (int r = 0; r < height; r++)
        {
            int row = r * width;
            for (int c = 0; c < ow; c++)
            {
                double sx = 0, sy = 0, sxx = 0, syy = 0, sxy = 0;
                for (int t = 0; t < k; t++)
                {
                    double a = x[row + c + t], b = y[row + c + t], w = g[t];
                    sx += w * a; sy += w * b; sxx += w * a * a; syy += w * b * b; sxy += w * a * b;
                }
                int i = r * ow + c;
                hx[i] = sx; hy[i] = sy; hxx[i] = sxx; hyy[i] = syy; hxy[i] = sxy;
            }
        }
        double c1 = o.K1 * dataRange * (o.K1 * dataRange), c2 = o.K2 * dataRange * (o.K2 * dataRange);
        var map = new double[oh * ow];
        for (int r = 0; r < oh; r++)
            for (int c = 0; c < ow; c++)
            {
                double mx = 0, my = 0, mxx = 0, myy = 0, mxy = 0;
                for (int t = 0; t < k; t++)
                {
                    int i = (r + t) * ow + c;
                    double w = g[t];
                    mx += w * hx[i]; my += w * hy[i]; mxx += w * hxx[i]; myy += w * hyy[i]; mxy += w * hxy[i];
                }
                double vx = mxx - mx * mx, vy = myy - my * my, cxy = mxy - mx * my;
                map[r * ow + c] = (2 * mx * my + c1) * (2 * cxy + c2) / ((mx * mx + my * my + c1) * (vx + vy + c2));
            }
        return map;
    }

    /// <summary>Mean SSIM of one section (the mean of <see cref="Map"/>).</summary>
    public static double Section(ReadOnlySpan<float> x, ReadOnlySpan<float> y, int width, int height, double dataRange,
        SsimOptions? options = null)
    {
        var map = Map(x, y, width, height, dataRange, options);
        double s = 0;
        foreach (double v in map) s += v;
        return s / map.Length;
    }

    /// <summary>Mean SSIM of two sections of the same size.</summary>
    public static double Section(Section x, Section y, double dataRange, SsimOptions? options = null)
    {
        if (x.Width != y.Width || x.Height != y.Height)
            throw new ArgumentException($"sections differ in size ({x.Width} x {x.Height} and {y.Width} x {y.Height})");
        return Section(x.Pixels, y.Pixels, x.Width, x.Height, dataRange, options);
    }

    /// <summary>max - min of the values (inside the mask, when given).</summary>
    public static double DataRange(ReadOnlySpan<float> reference, bool[]? mask = null)
    {
        VoxelMask.CheckLength(reference.Length, mask, "the reference");
        double lo = double.PositiveInfinity, hi = double.NegativeInfinity;
        for (int i = 0; i < reference.Length; i++)
        {
            if (mask is not null && !mask[i]) continue;
            float v = reference[i];
            if (float.IsNaN(v)) continue;
            if (v < lo) lo = v;
            if (v > hi) hi = v;
        }
        return hi >= lo ? hi - lo : 0;
    }

    /// <summary>
    /// SSIM of a predicted volume against a reference volume (channel 0 of each), section by section in
    /// <paramref name="plane"/>, averaged over the sections. The data range L is
    /// <paramref name="dataRange"/> or, when null, max - min of the whole reference volume (one L for
    /// all sections). With a <paramref name="mask"/>, only sections that hold at least one mask voxel
    /// are used (each such section is still compared as a whole).
    /// </summary>
    public static SsimResult OfVolume(Volume prediction, Volume reference, AnatomicalPlane plane = AnatomicalPlane.Coronal,
        bool[]? mask = null, double? dataRange = null, SsimOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(prediction);
        ArgumentNullException.ThrowIfNull(reference);
        if (!prediction.SameGrid(reference))
            throw new ArgumentException($"prediction ({prediction.NX}x{prediction.NY}x{prediction.NZ}) and reference ({reference.NX}x{reference.NY}x{reference.NZ}) are on different grids");
        VoxelMask.CheckLength(reference.VoxelCount, mask, "the reference");
        double range = dataRange ?? DataRange(reference.Channels[0]);
        var o = options ?? SsimOptions.Wang2004;
        var (colAxis, rowAxis) = reference.Axes.InPlaneAxes(plane);
        int w = reference.Size(colAxis), h = reference.Size(rowAxis);
        if (w < o.WindowSize || h < o.WindowSize)
            throw new MrhException($"SSIM needs {plane.ToString().ToLowerInvariant()} sections of at least {o.WindowSize} x {o.WindowSize} pixels (they are {w} x {h})");
        if (!(range > 0) || double.IsInfinity(range))
            throw new MrhException($"SSIM needs a positive data range (got {range}); is the reference constant?");
        var used = SectionsTouching(reference, plane, mask);
        if (used.Length == 0) throw new MrhException("SSIM over an empty region (the mask selects no voxel)");
        var values = new double[used.Length];
        Parallel.For(0, used.Length, i =>
        {
            var a = prediction.Slice(plane, used[i]);
            var b = reference.Slice(plane, used[i]);
            values[i] = Section(a, b, range, o);
        });
        return new SsimResult(values.Average(), values, used, range);
    }

    /// <summary>Indices of the sections in <paramref name="plane"/> that contain a mask voxel (all when no mask).</summary>
    public static int[] SectionsTouching(Volume like, AnatomicalPlane plane, bool[]? mask)
    {
        int normal = like.Axes.NormalAxis(plane);
        int n = like.Size(normal);
        if (mask is null) return Enumerable.Range(0, n).ToArray();
        var hit = new bool[n];
        for (int z = 0; z < like.NZ; z++)
            for (int y = 0; y < like.NY; y++)
                for (int x = 0; x < like.NX; x++)
                    if (mask[like.Index(x, y, z)])
                        hit[normal == 0 ? x : normal == 1 ? y : z] = true;
        return Enumerable.Range(0, n).Where(i => hit[i]).ToArray();
    }
}
