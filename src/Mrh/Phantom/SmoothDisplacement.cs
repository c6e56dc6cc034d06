using Mrh.Analysis;
using Mrh.Imaging;

namespace Mrh.Phantom;

/// <summary>
/// The smooth 3D part of the phantom's MRI-histology misregistration: Gaussian random displacements on a
/// 1 mm lattice (with a random offset), propagated to every voxel by cubic B-spline interpolation, in the
/// coronal plane only, so that magnitudes follow a chi distribution with two degrees of freedom. The
/// section-by-section part comes from <see cref="PixelMismatch.RandomField"/> (each section its own field).
/// </summary>
public static class SmoothDisplacement
{
    /// <summary>
    /// A field with control points every <paramref name="controlSpacingMm"/> along all three axes, no
    /// component along the anterior-posterior axis of <paramref name="axes"/>, scaled so that its mean
    /// magnitude over <paramref name="weights"/> (all voxels if null) is <paramref name="meanMagnitudeVoxels"/>.
    /// </summary>
    public static DisplacementField Random(int nx, int ny, int nz, double spacingMm, double meanMagnitudeVoxels, ulong seed,
        double controlSpacingMm = 1.0, AnatomicalAxes? axes = null, float[]? weights = null)
    {
        if (!(meanMagnitudeVoxels >= 0) || double.IsInfinity(meanMagnitudeVoxels)) throw new ArgumentException("mean displacement must be a finite, non-negative number of voxels");
        if (!(spacingMm > 0) || !(controlSpacingMm > 0)) throw new ArgumentException("spacings must be positive");
        var ax = axes ?? AnatomicalAxes.Atlas;
        ax.Validate();
        int ap = ax.AnteriorPosterior;
        int[] dims = [nx, ny, nz];
        var rng = new Rng(seed);
        double step = spacingMm / controlSpacingMm;
        var tables = new CubicBSpline.AxisTable[3];
        var counts = new int[3];
        for (int a = 0; a < 3; a++) tables[a] = CubicBSpline.Axis(dims[a], step, 1 + rng.NextDouble(), out counts[a]);
        var comps = new float[3][];
        for (int a = 0; a < 3; a++)
        {
            if (a == ap) { comps[a] = new float[(long)nx * ny * nz]; continue; }
            var coef = new double[counts[0] * counts[1] * counts[2]];
            for (int i = 0; i < coef.Length; i++) coef[i] = rng.NextGaussian();
            CubicBSpline.Prefilter3D(coef, counts[0], counts[1], counts[2]);
            comps[a] = CubicBSpline.Evaluate(coef, counts[0], counts[1], counts[2], tables[0], tables[1], tables[2]);
        }
        return new DisplacementField(nx, ny, nz, comps[0], comps[1], comps[2]).ScaledToMean(meanMagnitudeVoxels, weights);
    }
}
