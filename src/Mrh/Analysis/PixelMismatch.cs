using Mrh.Imaging;
using Mrh.Presets;

namespace Mrh.Analysis;

/// <summary>
/// Settings of the pixel-mismatch simulation. <see cref="MeanDisplacementVoxels"/>: the mean
/// displacement magnitude the field is scaled to (the paper matched the one-to-two-pixel mismatch seen
/// between MRI and histology); <see cref="GridSpacingMm"/>: spacing of the coarse grid of random
/// displacements (1 mm in the paper); <see cref="Plane"/>: the plane the displacements lie in (coronal,
/// the plane of the histological sections).
/// </summary>
public sealed record PixelMismatchOptions(
    double MeanDisplacementVoxels = 1.5,
    double GridSpacingMm = 1.0,
    AnatomicalPlane Plane = AnatomicalPlane.Coronal,
    int Seed = 0)
{
    /// <summary>The same physics at every preset (1 mm grid, 1.5 voxels); only the seed varies by use.</summary>
    public static PixelMismatchOptions For(Preset preset) => new();

    internal void Validate()
    {
        if (!(MeanDisplacementVoxels >= 0) || double.IsInfinity(MeanDisplacementVoxels))
            throw new ArgumentException($"mean displacement must be finite and non-negative (got {MeanDisplacementVoxels})");
        if (!(GridSpacingMm > 0) || double.IsInfinity(GridSpacingMm))
            throw new ArgumentException($"grid spacing must be positive (got {GridSpacingMm} mm)");
    }
}

/// <summary>
/// Simulated misregistration between inputs and targets, as in the paper's supplementary experiment:
/// Gaussian random displacement vectors on a coarse grid (1 mm x 1 mm in the section plane) are
/// propagated to every voxel by cubic B-spline interpolation; with two in-plane Gaussian components
/// the magnitudes are chi-distributed with 2 degrees of freedom. Each section of the chosen plane gets
/// its own independent field (histology is cut, mounted and warped section by section), with no
/// component along the plane's normal. The field is then scaled so that its mean magnitude over the
/// volume equals the target exactly, and the target volume is resampled through it with trilinear
/// interpolation (edge values repeated outside the grid). Every channel moves with the same field.
/// The phantom's histology uses this generator for its section-by-section misregistration.
/// </summary>
public static class PixelMismatch
{
    /// <summary>A random field for a volume's grid (its spacing sets the coarse grid in voxels).</summary>
    public static DisplacementField RandomField(Volume like, PixelMismatchOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(like);
        var o = options ?? new PixelMismatchOptions();
        o.Validate();
        int normal = like.Axes.NormalAxis(o.Plane);
        var (colAxis, rowAxis) = like.Axes.InPlaneAxes(o.Plane);
        int w = like.Size(colAxis), h = like.Size(rowAxis), sections = like.Size(normal);
        double hc = o.GridSpacingMm / like.Spacing[colAxis], hr = o.GridSpacingMm / like.Spacing[rowAxis];
        // control points cover B-spline support: knot i sits at pixel (i - 1) * h
        int nc = (int)Math.Floor((w - 1) / hc) + 4, nr = (int)Math.Floor((h - 1) / hr) + 4;

        // per-pixel B-spline weights along each in-plane axis (first control index, 4 weights)
        var (colFirst, colWeights) = Weights(w, hc);
        var (rowFirst, rowWeights) = Weights(h, hr);

        var comps = new float[3][];
        for (int a = 0; a < 3; a++) comps[a] = new float[like.VoxelCount];
        Parallel.For(0, sections, s =>
        {
            var random = new SeededRandom(Seeds.Int(o.Seed, "section", s));
            var cu = new double[nr * nc];
            var cv = new double[nr * nc];
            for (int i = 0; i < cu.Length; i++) { cu[i] = random.NextGaussian(); cv[i] = random.NextGaussian(); }
            Span<int> p = stackalloc int[3];
            p[normal] = s;
            for (int r = 0; r < h; r++)
            {
                p[rowAxis] = r;
                for (int c = 0; c < w; c++)
                {
                    p[colAxis] = c;
                    double u = 0, v = 0;
                    for (int m = 0; m < 4; m++)
                    {
                        double wr = rowWeights[r * 4 + m];
                        int row = (rowFirst[r] + m) * nc + colFirst[c];
                        for (int n = 0; n < 4; n++)
                        {
                            double wgt = wr * colWeights[c * 4 + n];
                            u += wgt * cu[row + n];
                            v += wgt * cv[row + n];
                        }
                    }
                    int idx = like.Index(p[0], p[1], p[2]);
                    comps[colAxis][idx] = (float)u;
                    comps[rowAxis][idx] = (float)v;
                }
            }
        });
        var field = new DisplacementField(like.NX, like.NY, like.NZ, comps[0], comps[1], comps[2]);
        double mean = field.MeanMagnitude();
        float scale = mean > 0 ? (float)(o.MeanDisplacementVoxels / mean) : 0f;
        foreach (var comp in comps)
            for (int i = 0; i < comp.Length; i++) comp[i] *= scale;
        return field;
    }

    /// <summary>For pixels 0..n-1 and knot spacing h: the first of the four control points and their cubic B-spline weights.</summary>
    static (int[] First, double[] Weights) Weights(int n, double h)
    {
        var first = new int[n];
        var weights = new double[n * 4];
        for (int x = 0; x < n; x++)
        {
            double u = x / h;
            int i = (int)Math.Floor(u);
            double t = u - i;
            first[x] = i; // control index i + m (m = 0..3) is the knot at (i + m - 1) * h
            CubicBSpline.Weights(t, weights.AsSpan(x * 4, 4));
        }
        return (first, weights);
    }

    /// <summary>
    /// Resamples every channel of <paramref name="target"/> through the field: out(p) = target(p + u(p)),
    /// trilinear, coordinates clamped to the grid.
    /// </summary>
    public static Volume Apply(Volume target, DisplacementField field)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(field);
        return field.Warp(target);
    }

    /// <summary>A random field for <paramref name="target"/> and the target resampled through it.</summary>
    public static (Volume Moved, DisplacementField Field) Simulate(Volume target, PixelMismatchOptions? options = null)
    {
        var field = RandomField(target, options);
        return (Apply(target, field), field);
    }
}
