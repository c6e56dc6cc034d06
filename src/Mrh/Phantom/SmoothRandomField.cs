namespace Mrh.Phantom;

/// <summary>
/// Smooth Gaussian random fields on a voxel grid: independent N(0, 1) values on a coarse lattice with
/// spacing <c>correlationMm</c>, blended by cubic B-splines and normalised to unit variance at every voxel.
/// The result is a stationary-looking field whose correlation length is about the lattice spacing; it costs
/// a few multiply-adds per voxel (no FFT, no large kernels).
/// </summary>
public static class SmoothRandomField
{
    /// <summary>A unit-variance smooth field of nx * ny * nz values (x fastest).</summary>
    public static float[] Generate(int nx, int ny, int nz, double spacingMm, double correlationMm, ulong seed)
    {
        if (!(correlationMm > 0) || !(spacingMm > 0)) throw new ArgumentException("spacing and correlation length must be positive");
        var rng = new Rng(seed);
        double step = spacingMm / correlationMm;
        var ax = CubicBSpline.Axis(nx, step, rng.NextDouble(), out int cx);
        var ay = CubicBSpline.Axis(ny, step, rng.NextDouble(), out int cy);
        var az = CubicBSpline.Axis(nz, step, rng.NextDouble(), out int cz);
        var coef = new double[cx * cy * cz];
        for (int i = 0; i < coef.Length; i++) coef[i] = rng.NextGaussian();
        var field = CubicBSpline.Evaluate(coef, cx, cy, cz, ax, ay, az);
        var sx = ax.SquaredWeightSums(); var sy = ay.SquaredWeightSums(); var sz = az.SquaredWeightSums();
        Parallel.For(0, nz, z =>
        {
            for (int y = 0; y < ny; y++)
            {
                double syz = sy[y] * sz[z];
                int o = (z * ny + y) * nx;
                for (int x = 0; x < nx; x++) field[o + x] = (float)(field[o + x] / Math.Sqrt(sx[x] * syz));
            }
        });
        return field;
    }
}
