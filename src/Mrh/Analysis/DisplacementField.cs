using Mrh.Imaging;

namespace Mrh.Analysis;

/// <summary>
/// A dense displacement field on a volume grid, in voxels along the array axes: the value at voxel p
/// is read from p + (Dx, Dy, Dz)[p] (a pull-back field). Arrays are x fastest, like volume channels.
/// Used to simulate MRI-histology misregistration (<see cref="PixelMismatch"/>, and the phantom's histology).
/// </summary>
public sealed record DisplacementField
{
    public DisplacementField(int nx, int ny, int nz, float[] dx, float[] dy, float[] dz)
    {
        long n = (long)nx * ny * nz;
        if (dx.Length != n || dy.Length != n || dz.Length != n) throw new ArgumentException("displacement components must have one value per voxel");
        NX = nx; NY = ny; NZ = nz; Dx = dx; Dy = dy; Dz = dz;
    }

    public int NX { get; }
    public int NY { get; }
    public int NZ { get; }
    /// <summary>Displacement along array axes 0, 1, 2, in voxels.</summary>
    public float[] Dx { get; }
    public float[] Dy { get; }
    public float[] Dz { get; }

    /// <summary>|u| at every voxel.</summary>
    public float[] Magnitudes()
    {
        var m = new float[Dx.Length];
        for (int i = 0; i < m.Length; i++) m[i] = MathF.Sqrt(Dx[i] * Dx[i] + Dy[i] * Dy[i] + Dz[i] * Dz[i]);
        return m;
    }

    /// <summary>Mean |u| in voxels, weighted by <paramref name="weights"/> (all voxels equally if null).</summary>
    public double MeanMagnitude(float[]? weights = null)
    {
        if (weights is not null && weights.Length != Dx.Length) throw new ArgumentException("weights must have one value per voxel");
        double sum = 0, wsum = 0;
        for (int i = 0; i < Dx.Length; i++)
        {
            double w = weights is null ? 1 : weights[i];
            if (w == 0) continue;
            sum += w * Math.Sqrt((double)Dx[i] * Dx[i] + (double)Dy[i] * Dy[i] + (double)Dz[i] * Dz[i]);
            wsum += w;
        }
        return wsum > 0 ? sum / wsum : 0;
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

    /// <summary>One channel resampled through the field: out(p) = data(p + u(p)), trilinear, clamped to the grid.</summary>
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

    /// <summary>Every channel of a volume resampled trilinearly (geometry unchanged).</summary>
    public Volume Warp(Volume volume)
    {
        if (volume.NX != NX || volume.NY != NY || volume.NZ != NZ)
            throw new ArgumentException($"displacement field {NX}x{NY}x{NZ} does not match the volume {volume.NX}x{volume.NY}x{volume.NZ}");
        return volume.WithChannels(volume.Channels.Select(Warp).ToArray(), volume.ChannelNames);
    }

    /// <summary>A field of the same displacement everywhere.</summary>
    public static DisplacementField Constant(int nx, int ny, int nz, float dx, float dy, float dz)
    {
        int n = nx * ny * nz;
        return new DisplacementField(nx, ny, nz, Fill(n, dx), Fill(n, dy), Fill(n, dz));
        static float[] Fill(int n, float v) { var a = new float[n]; Array.Fill(a, v); return a; }
    }

    /// <summary>Trilinear interpolation at a fractional voxel position, clamped to the grid.</summary>
    public static float Trilinear(float[] data, int nx, int ny, int nz, float x, float y, float z)
    {
        x = Math.Clamp(x, 0, nx - 1); y = Math.Clamp(y, 0, ny - 1); z = Math.Clamp(z, 0, nz - 1);
        int x0 = Math.Min((int)x, Math.Max(nx - 2, 0)), y0 = Math.Min((int)y, Math.Max(ny - 2, 0)), z0 = Math.Min((int)z, Math.Max(nz - 2, 0));
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
