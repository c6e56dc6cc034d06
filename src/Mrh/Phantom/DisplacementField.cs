using Mrh.Imaging;

namespace Mrh.Phantom;

/// <summary>
/// A dense displacement field in voxel units (one vector per voxel, x fastest) and the random
/// misregistration model of the paper's supplementary simulation: Gaussian random displacements on a
/// 1 mm lattice in the coronal plane, propagated to every voxel by cubic B-spline interpolation, so that
/// displacement magnitudes follow a chi distribution with two degrees of freedom; the field is then scaled
/// so that its mean magnitude equals a target (the 1-2 voxel residual mismatch between MRI and histology).
/// Reusable by the analysis toolkit (deforming a target to simulate misregistration).
/// </summary>
public sealed class DisplacementField
{
    public int NX { get; }
    public int NY { get; }
    public int NZ { get; }
    /// <summary>Displacement along array axes 0, 1, 2, in voxels. A voxel's value is taken from p + d(p).</summary>
    public float[] Dx { get; }
    public float[] Dy { get; }
    public float[] Dz { get; }

    public DisplacementField(int nx, int ny, int nz, float[] dx, float[] dy, float[] dz)
    {
        long n = (long)nx * ny * nz;
        if (dx.Length != n || dy.Length != n || dz.Length != n) throw new ArgumentException("displacement components must have one value per voxel");
        NX = nx; NY = ny; NZ = nz; Dx = dx; Dy = dy; Dz = dz;
    }

    /// <summary>
    /// The paper's random misregistration field. In-plane components only (the two array axes other than
    /// the anterior-posterior one of <paramref name="axes"/>). Control points every
    /// <paramref name="controlSpacingMm"/> in the coronal plane; along the anterior-posterior axis either
    /// the same spacing (a smooth 3D field) or, with <paramref name="independentSections"/>, an independent
    /// 2D field per coronal section (histology assembled from separately aligned sections). The field is
    /// scaled so that its mean magnitude over <paramref name="weights"/> (all voxels if null) is exactly
    /// <paramref name="meanMagnitudeVoxels"/>.
    /// </summary>
    public static DisplacementField Random(int nx, int ny, int nz, double spacingMm, double meanMagnitudeVoxels, ulong seed,
        double controlSpacingMm = 1.0, bool independentSections = false, AnatomicalAxes? axes = null, float[]? weights = null)
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
        for (int a = 0; a < 3; a++)
        {
            if (a == ap && independentSections)
            {
                // one lattice plane per section: weight 1 on its own plane, nothing shared with neighbours
                var first = Enumerable.Range(0, dims[a]).ToArray();
                var w = new double[dims[a] * 4];
                for (int i = 0; i < dims[a]; i++) w[i * 4] = 1;
                tables[a] = new CubicBSpline.AxisTable(first, w);
                counts[a] = dims[a] + 3;
            }
            else tables[a] = CubicBSpline.Axis(dims[a], step, 1 + rng.NextDouble(), out counts[a]);
        }
        var comps = new float[3][];
        for (int a = 0; a < 3; a++)
        {
            if (a == ap) { comps[a] = new float[(long)nx * ny * nz]; continue; }
            var coef = new double[counts[0] * counts[1] * counts[2]];
            for (int i = 0; i < coef.Length; i++) coef[i] = rng.NextGaussian();
            if (independentSections) PrefilterInPlane(coef, counts, ap);
            else CubicBSpline.Prefilter3D(coef, counts[0], counts[1], counts[2]);
            comps[a] = CubicBSpline.Evaluate(coef, counts[0], counts[1], counts[2], tables[0], tables[1], tables[2]);
        }
        var field = new DisplacementField(nx, ny, nz, comps[0], comps[1], comps[2]);
        double mean = field.MeanMagnitude(weights);
        float scale = mean > 0 ? (float)(meanMagnitudeVoxels / mean) : 0f;
        for (int a = 0; a < 3; a++)
        {
            var c = comps[a];
            for (int i = 0; i < c.Length; i++) c[i] *= scale;
        }
        return field;
    }

    static void PrefilterInPlane(double[] coef, int[] counts, int ap)
    {
        // prefilter along the two in-plane axes only (each section's lattice is a separate 2D spline)
        int cx = counts[0], cy = counts[1], cz = counts[2];
        var line = new double[Math.Max(cx, Math.Max(cy, cz))];
        for (int axis = 0; axis < 3; axis++)
        {
            if (axis == ap) continue;
            int n = counts[axis];
            int stride = axis == 0 ? 1 : axis == 1 ? cx : cx * cy;
            int other1 = axis == 0 ? cy : cx, other2 = axis == 2 ? cy : cz;
            int s1 = axis == 0 ? cx : 1, s2 = axis == 2 ? cx : cx * cy;
            for (int b = 0; b < other2; b++)
                for (int a = 0; a < other1; a++)
                {
                    int origin = a * s1 + b * s2;
                    for (int k = 0; k < n; k++) line[k] = coef[origin + k * stride];
                    CubicBSpline.Prefilter(line.AsSpan(0, n));
                    for (int k = 0; k < n; k++) coef[origin + k * stride] = line[k];
                }
        }
    }

    /// <summary>The weighted sum a * this + b * other (same grid).</summary>
    public DisplacementField Combine(double a, DisplacementField other, double b)
    {
        if (other.NX != NX || other.NY != NY || other.NZ != NZ) throw new ArgumentException("displacement fields must share a grid");
        float fa = (float)a, fb = (float)b;
        var dx = new float[Dx.Length]; var dy = new float[Dx.Length]; var dz = new float[Dx.Length];
        for (int i = 0; i < dx.Length; i++)
        {
            dx[i] = fa * Dx[i] + fb * other.Dx[i]; dy[i] = fa * Dy[i] + fb * other.Dy[i]; dz[i] = fa * Dz[i] + fb * other.Dz[i];
        }
        return new DisplacementField(NX, NY, NZ, dx, dy, dz);
    }

    /// <summary>This field scaled so that its mean magnitude over <paramref name="weights"/> is <paramref name="meanMagnitudeVoxels"/>.</summary>
    public DisplacementField ScaledToMean(double meanMagnitudeVoxels, float[]? weights = null)
    {
        double mean = MeanMagnitude(weights);
        return Combine(mean > 0 ? meanMagnitudeVoxels / mean : 0, this, 0);
    }

    /// <summary>Displacement magnitude of every voxel, in voxels.</summary>
    public float[] Magnitudes()
    {
        var m = new float[Dx.Length];
        for (int i = 0; i < m.Length; i++) m[i] = MathF.Sqrt(Dx[i] * Dx[i] + Dy[i] * Dy[i] + Dz[i] * Dz[i]);
        return m;
    }

    /// <summary>Mean magnitude in voxels, weighted by <paramref name="weights"/> (all voxels equally if null).</summary>
    public double MeanMagnitude(float[]? weights = null)
    {
        if (weights is not null && weights.Length != Dx.Length) throw new ArgumentException("weights must have one value per voxel");
        var partial = new double[NZ * 2];
        Parallel.For(0, NZ, z =>
        {
            double s = 0, w = 0;
            int o = z * NX * NY;
            for (int i = o; i < o + NX * NY; i++)
            {
                double wi = weights is null ? 1 : weights[i];
                if (wi == 0) continue;
                s += wi * Math.Sqrt(Dx[i] * Dx[i] + Dy[i] * Dy[i] + Dz[i] * Dz[i]);
                w += wi;
            }
            partial[2 * z] = s; partial[2 * z + 1] = w;
        });
        double sum = 0, wsum = 0;
        for (int z = 0; z < NZ; z++) { sum += partial[2 * z]; wsum += partial[2 * z + 1]; }
        return wsum > 0 ? sum / wsum : 0;
    }

    /// <summary>
    /// Resamples one channel: output(p) = data(p + d(p)), trilinear, clamped at the edges.
    /// </summary>
    public float[] Warp(float[] data)
    {
        if (data.Length != Dx.Length) throw new ArgumentException("data and displacement field must have the same grid");
        var output = new float[data.Length];
        Parallel.For(0, NZ, z =>
        {
            for (int y = 0; y < NY; y++)
                for (int x = 0; x < NX; x++)
                {
                    int i = (z * NY + y) * NX + x;
                    output[i] = Trilinear(data, NX, NY, NZ, x + Dx[i], y + Dy[i], z + Dz[i]);
                }
        });
        return output;
    }

    /// <summary>Resamples labels (or any categorical map) with the nearest voxel.</summary>
    public float[] WarpNearest(float[] data)
    {
        if (data.Length != Dx.Length) throw new ArgumentException("data and displacement field must have the same grid");
        var output = new float[data.Length];
        Parallel.For(0, NZ, z =>
        {
            for (int y = 0; y < NY; y++)
                for (int x = 0; x < NX; x++)
                {
                    int i = (z * NY + y) * NX + x;
                    int sx = Math.Clamp((int)MathF.Round(x + Dx[i]), 0, NX - 1);
                    int sy = Math.Clamp((int)MathF.Round(y + Dy[i]), 0, NY - 1);
                    int sz = Math.Clamp((int)MathF.Round(z + Dz[i]), 0, NZ - 1);
                    output[i] = data[(sz * NY + sy) * NX + sx];
                }
        });
        return output;
    }

    /// <summary>Every channel of a volume resampled trilinearly (geometry unchanged).</summary>
    public Volume Warp(Volume volume)
    {
        if (volume.NX != NX || volume.NY != NY || volume.NZ != NZ)
            throw new ArgumentException($"a {NX}x{NY}x{NZ} displacement field cannot warp a {volume.NX}x{volume.NY}x{volume.NZ} volume");
        return volume.WithChannels(volume.Channels.Select(Warp).ToArray(), volume.ChannelNames);
    }

    /// <summary>Trilinear interpolation at a fractional voxel position, clamped to the grid.</summary>
    public static float Trilinear(float[] data, int nx, int ny, int nz, float x, float y, float z)
    {
        x = Math.Clamp(x, 0, nx - 1); y = Math.Clamp(y, 0, ny - 1); z = Math.Clamp(z, 0, nz - 1);
        int x0 = Math.Min((int)x, nx - 2 < 0 ? 0 : nx - 2), y0 = Math.Min((int)y, ny - 2 < 0 ? 0 : ny - 2), z0 = Math.Min((int)z, nz - 2 < 0 ? 0 : nz - 2);
        int x1 = Math.Min(x0 + 1, nx - 1), y1 = Math.Min(y0 + 1, ny - 1), z1 = Math.Min(z0 + 1, nz - 1);
        float fx = x - x0, fy = y - y0, fz = z - z0;
        int r00 = (z0 * ny + y0) * nx, r01 = (z0 * ny + y1) * nx, r10 = (z1 * ny + y0) * nx, r11 = (z1 * ny + y1) * nx;
        float c00 = data[r00 + x0] + fx * (data[r00 + x1] - data[r00 + x0]);
        float c01 = data[r01 + x0] + fx * (data[r01 + x1] - data[r01 + x0]);
        float c10 = data[r10 + x0] + fx * (data[r10 + x1] - data[r10 + x0]);
        float c11 = data[r11 + x0] + fx * (data[r11 + x1] - data[r11 + x0]);
        float c0 = c00 + fy * (c01 - c00), c1 = c10 + fy * (c11 - c10);
        return c0 + fz * (c1 - c0);
    }
}
