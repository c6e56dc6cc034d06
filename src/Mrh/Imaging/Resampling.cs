namespace Mrh.Imaging;

/// <summary>How values between voxel centres are found.</summary>
public enum Interpolation
{
    /// <summary>Weighted mean of the 8 surrounding voxels (images).</summary>
    Trilinear,
    /// <summary>The closest voxel (labels, masks).</summary>
    Nearest,
}

/// <summary>
/// Resampling onto a new regular grid covering the same field of view. The field of view of a volume
/// is its voxels' extent, from the outer face of the first voxel to that of the last; output voxel i
/// samples the input at continuous index <c>(i + 0.5) * f - 0.5</c> with <c>f</c> = new spacing / old
/// spacing, so both grids share their outer faces. Outside the input's voxel centres the edge value is
/// used. The affine is updated to match; channel names and axes are kept.
/// </summary>
public static class Resampling
{
    /// <summary>Resamples to a voxel size (mm per axis); the size per axis is round(n * old / new), at least 1.</summary>
    public static Volume ToSpacing(Volume volume, double[] spacing, Interpolation method = Interpolation.Trilinear)
    {
        ArgumentNullException.ThrowIfNull(volume);
        if (spacing is null || spacing.Length != 3 || spacing.Any(s => !(s > 0) || double.IsInfinity(s)))
            throw new ArgumentException("spacing must be three positive, finite millimetre values");
        var n = new int[3];
        for (int k = 0; k < 3; k++)
        {
            double size = Math.Round(volume.Size(k) * volume.Spacing[k] / spacing[k]);
            if (size > 1 << 16) throw new ArgumentException($"resampling to {spacing[k]} mm would give {size} voxels along axis {k}");
            n[k] = Math.Max(1, (int)size);
        }
        return Resample(volume, n, spacing, method);
    }

    /// <summary>Resamples to a grid size; the voxel size becomes old size * old count / new count.</summary>
    public static Volume ToSize(Volume volume, int nx, int ny, int nz, Interpolation method = Interpolation.Trilinear)
    {
        ArgumentNullException.ThrowIfNull(volume);
        int[] n = [nx, ny, nz];
        if (n.Any(v => v < 1)) throw new ArgumentException($"grid size must be positive (got {nx} x {ny} x {nz})");
        var spacing = new double[3];
        for (int k = 0; k < 3; k++) spacing[k] = volume.Spacing[k] * volume.Size(k) / n[k];
        return Resample(volume, n, spacing, method);
    }

    static Volume Resample(Volume v, int[] n, double[] spacing, Interpolation method)
    {
        if ((long)n[0] * n[1] * n[2] > Array.MaxLength) throw new ArgumentException($"{n[0]} x {n[1]} x {n[2]} is too large for one channel");
        var f = new double[3];
        for (int k = 0; k < 3; k++) f[k] = spacing[k] / v.Spacing[k];
        var axes = new AxisTable[3];
        for (int k = 0; k < 3; k++) axes[k] = AxisTable.Build(n[k], v.Size(k), f[k], method);
        var channels = new float[v.ChannelCount][];
        for (int c = 0; c < channels.Length; c++) channels[c] = ResampleChannel(v, v.Channels[c], n, axes);
        // new index i maps to old index f*i + (f-1)/2 along each axis: A_new = A_old * that transform
        var a = v.Affine;
        var affine = new double[16];
        for (int r = 0; r < 4; r++)
        {
            for (int k = 0; k < 3; k++) affine[r * 4 + k] = a[r * 4 + k] * f[k];
            double t = a[r * 4 + 3];
            for (int k = 0; k < 3; k++) t += a[r * 4 + k] * (f[k] - 1) / 2;
            affine[r * 4 + 3] = t;
        }
        return new Volume(n[0], n[1], n[2], channels, spacing, affine, v.ChannelNames, v.Axes);
    }

    static float[] ResampleChannel(Volume v, float[] src, int[] n, AxisTable[] t)
    {
        var dst = new float[n[0] * n[1] * n[2]];
        int sx = v.NX, sxy = v.NX * v.NY;
        for (int z = 0; z < n[2]; z++)
        {
            int z0 = t[2].Lo[z] * sxy, z1 = t[2].Hi[z] * sxy;
            float wz = t[2].W[z];
            for (int y = 0; y < n[1]; y++)
            {
                int y0 = t[1].Lo[y] * sx, y1 = t[1].Hi[y] * sx;
                float wy = t[1].W[y];
                int row = (z * n[1] + y) * n[0];
                for (int x = 0; x < n[0]; x++)
                {
                    int x0 = t[0].Lo[x], x1 = t[0].Hi[x];
                    float wx = t[0].W[x];
                    float c00 = Lerp(src[z0 + y0 + x0], src[z0 + y0 + x1], wx);
                    float c10 = Lerp(src[z0 + y1 + x0], src[z0 + y1 + x1], wx);
                    float c01 = Lerp(src[z1 + y0 + x0], src[z1 + y0 + x1], wx);
                    float c11 = Lerp(src[z1 + y1 + x0], src[z1 + y1 + x1], wx);
                    dst[row + x] = Lerp(Lerp(c00, c10, wy), Lerp(c01, c11, wy), wz);
                }
            }
        }
        return dst;
    }

    // a weight of exactly 0 returns the first value untouched (no 0 * NaN from the neighbour)
    static float Lerp(float a, float b, float w) => w == 0 ? a : w == 1 ? b : a + (b - a) * w;

    /// <summary>Per output index along one axis: the two input indices and the weight of the second.</summary>
    sealed class AxisTable
    {
        public int[] Lo = [], Hi = [];
        public float[] W = [];

        public static AxisTable Build(int nOut, int nIn, double f, Interpolation method)
        {
            var t = new AxisTable { Lo = new int[nOut], Hi = new int[nOut], W = new float[nOut] };
            for (int i = 0; i < nOut; i++)
            {
                double x = (i + 0.5) * f - 0.5;
                x = Math.Clamp(x, 0, nIn - 1);
                if (method == Interpolation.Nearest)
                {
                    int k = Math.Min(nIn - 1, (int)Math.Floor(x + 0.5));
                    t.Lo[i] = t.Hi[i] = k;
                    t.W[i] = 0;
                    continue;
                }
                int lo = Math.Min((int)Math.Floor(x), nIn - 1);
                int hi = Math.Min(lo + 1, nIn - 1);
                t.Lo[i] = lo; t.Hi[i] = hi;
                t.W[i] = (float)(x - lo);
            }
            return t;
        }
    }
}
