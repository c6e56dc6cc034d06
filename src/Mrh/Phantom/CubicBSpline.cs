namespace Mrh.Phantom;

/// <summary>
/// Cubic B-splines on a regular lattice of control points, evaluated on a finer voxel grid one axis at a
/// time (a tensor product, so a 3D field costs about 4 multiply-adds per voxel and axis). Used for smooth
/// random fields (approximation: control values are weights) and for the paper's misregistration fields
/// (interpolation: control values are first turned into coefficients by <see cref="Prefilter"/>).
/// </summary>
public static class CubicBSpline
{
    /// <summary>
    /// Where each of <paramref name="n"/> samples falls on a control lattice: sample i is at lattice
    /// coordinate <c>(i * step + offset)</c>; returns the first of its 4 control indices and the weights.
    /// Control index c of the returned table refers to control point (c - 1) of the lattice, i.e. the lattice
    /// is padded by one point before and two after; <paramref name="controls"/> is the padded count.
    /// </summary>
    public static AxisTable Axis(int n, double step, double offset, out int controls)
    {
        var first = new int[n];
        var w = new double[n * 4];
        int maxIndex = 0;
        Span<double> tmp = stackalloc double[4];
        for (int i = 0; i < n; i++)
        {
            double u = i * step + offset;
            int k = (int)Math.Floor(u);
            Analysis.CubicBSpline.Weights(u - k, tmp);
            first[i] = k; // padded index of control k-1 is k
            for (int j = 0; j < 4; j++) w[i * 4 + j] = tmp[j];
            maxIndex = Math.Max(maxIndex, k + 3);
        }
        controls = maxIndex + 1;
        return new AxisTable(first, w);
    }

    /// <summary>Per-sample control index and weights along one axis.</summary>
    public sealed record AxisTable(int[] First, double[] Weights)
    {
        /// <summary>Sum of squared weights of each sample (the variance factor of a weighted sum of iid values).</summary>
        public double[] SquaredWeightSums()
        {
            var s = new double[First.Length];
            for (int i = 0; i < s.Length; i++)
                for (int j = 0; j < 4; j++) s[i] += Weights[i * 4 + j] * Weights[i * 4 + j];
            return s;
        }
    }

    /// <summary>
    /// Evaluates the tensor-product spline with coefficients <paramref name="coef"/> (cx * cy * cz, x fastest)
    /// on the grid given by three axis tables; result is nx * ny * nz, x fastest.
    /// </summary>
    public static float[] Evaluate(double[] coef, int cx, int cy, int cz, AxisTable ax, AxisTable ay, AxisTable az)
    {
        int nx = ax.First.Length, ny = ay.First.Length, nz = az.First.Length;
        // contract z: t1[(zi * cy + y) * cx + x]
        var t1 = new double[nz * cy * cx];
        for (int zi = 0; zi < nz; zi++)
        {
            int k = az.First[zi];
            for (int j = 0; j < 4; j++)
            {
                double wz = az.Weights[zi * 4 + j];
                int src = (k + j) * cy * cx, dst = zi * cy * cx;
                for (int q = 0; q < cy * cx; q++) t1[dst + q] += wz * coef[src + q];
            }
        }
        // contract y: t2[(zi * ny + yi) * cx + x]
        var t2 = new double[nz * ny * cx];
        for (int zi = 0; zi < nz; zi++)
            for (int yi = 0; yi < ny; yi++)
            {
                int k = ay.First[yi], dst = (zi * ny + yi) * cx;
                for (int j = 0; j < 4; j++)
                {
                    double wy = ay.Weights[yi * 4 + j];
                    int src = (zi * cy + k + j) * cx;
                    for (int x = 0; x < cx; x++) t2[dst + x] += wy * t1[src + x];
                }
            }
        // contract x
        var result = new float[(long)nx * ny * nz];
        Parallel.For(0, nz, zi =>
        {
            for (int yi = 0; yi < ny; yi++)
            {
                int row = (zi * ny + yi) * cx, o = (zi * ny + yi) * nx;
                for (int xi = 0; xi < nx; xi++)
                {
                    int k = ax.First[xi];
                    double s = 0;
                    for (int j = 0; j < 4; j++) s += ax.Weights[xi * 4 + j] * t2[row + k + j];
                    result[o + xi] = (float)s;
                }
            }
        });
        return result;
    }

    /// <summary>
    /// Turns samples into B-spline coefficients along one axis (in place, mirror boundaries), so that the
    /// spline passes through the samples: the recursive filter of Unser et al. with pole sqrt(3) - 2.
    /// </summary>
    public static void Prefilter(Span<double> c)
    {
        int n = c.Length;
        if (n < 2) return;
        double z = Math.Sqrt(3) - 2, lambda = (1 - z) * (1 - 1 / z);
        for (int i = 0; i < n; i++) c[i] *= lambda;
        // causal initialisation (mirror-symmetric extension, truncated sum)
        double sum = c[0], zk = z;
        int horizon = Math.Min(n, 30);
        for (int k = 1; k < horizon; k++) { sum += zk * c[k]; zk *= z; }
        c[0] = sum;
        for (int k = 1; k < n; k++) c[k] += z * c[k - 1];
        // anticausal initialisation
        c[n - 1] = z / (z * z - 1) * (c[n - 1] + z * c[n - 2]);
        for (int k = n - 2; k >= 0; k--) c[k] = z * (c[k + 1] - c[k]);
    }

    /// <summary>Prefilters a 3D coefficient array (cx * cy * cz, x fastest) along all three axes.</summary>
    public static void Prefilter3D(double[] coef, int cx, int cy, int cz)
    {
        var line = new double[Math.Max(cx, Math.Max(cy, cz))];
        for (int z = 0; z < cz; z++)
            for (int y = 0; y < cy; y++)
                Prefilter(coef.AsSpan((z * cy + y) * cx, cx));
        for (int z = 0; z < cz; z++)
            for (int x = 0; x < cx; x++)
            {
                for (int y = 0; y < cy; y++) line[y] = coef[(z * cy + y) * cx + x];
                Prefilter(line.AsSpan(0, cy));
                for (int y = 0; y < cy; y++) coef[(z * cy + y) * cx + x] = line[y];
            }
        for (int y = 0; y < cy; y++)
            for (int x = 0; x < cx; x++)
            {
                for (int z = 0; z < cz; z++) line[z] = coef[(z * cy + y) * cx + x];
                Prefilter(line.AsSpan(0, cz));
                for (int z = 0; z < cz; z++) coef[(z * cy + y) * cx + x] = line[z];
            }
    }
}
