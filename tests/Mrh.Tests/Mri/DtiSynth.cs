using Mrh.Imaging;

namespace Mrh.Tests.Mri;

/// <summary>Synthetic diffusion signals from known tensors: S = S0 exp(-b g^T D g), D = R diag(l) R^T.</summary>
static class DtiSynth
{
    /// <summary>Rotation matrix (row-major 3x3) R = Rz(a) Ry(b) Rx(c).</summary>
    public static double[] Rotation(double a, double b, double c)
    {
        double ca = Math.Cos(a), sa = Math.Sin(a), cb = Math.Cos(b), sb = Math.Sin(b), cc = Math.Cos(c), sc = Math.Sin(c);
        return
        [
            ca * cb, ca * sb * sc - sa * cc, ca * sb * cc + sa * sc,
            sa * cb, sa * sb * sc + ca * cc, sa * sb * cc - ca * sc,
            -sb, cb * sc, cb * cc,
        ];
    }

    /// <summary>Column k of a row-major 3x3 matrix: the eigenvector of eigenvalue k.</summary>
    public static double[] Column(double[] r, int k) => [r[k], r[3 + k], r[6 + k]];

    /// <summary>D = R diag(l) R^T, row-major 3x3.</summary>
    public static double[] Tensor(double[] r, double l1, double l2, double l3)
    {
        var l = new[] { l1, l2, l3 };
        var d = new double[9];
        for (int i = 0; i < 3; i++)
            for (int j = 0; j < 3; j++)
                for (int k = 0; k < 3; k++) d[i * 3 + j] += r[i * 3 + k] * l[k] * r[j * 3 + k];
        return d;
    }

    public static double Signal(double s0, double[] d, double b, double[] g)
    {
        double q = 0;
        for (int i = 0; i < 3; i++)
            for (int j = 0; j < 3; j++) q += g[i] * d[i * 3 + j] * g[j];
        return s0 * Math.Exp(-b * q);
    }

    /// <summary>Signals of one voxel for b-values/directions (b0 entries may have a zero direction).</summary>
    public static double[] Signals(double s0, double[] d, double[] b, double[][] g) =>
        b.Select((bi, i) => Signal(s0, d, bi, g[i])).ToArray();

    /// <summary>b-values and directions: <paramref name="b0"/> b0s, then the directions at each b.</summary>
    public static (double[] B, double[][] G) Scheme(int b0, double[][] dirs, params double[] shells)
    {
        var b = new List<double>();
        var g = new List<double[]>();
        for (int i = 0; i < b0; i++) { b.Add(0); g.Add([0, 0, 0]); }
        foreach (double s in shells)
            foreach (var d in dirs) { b.Add(s); g.Add(d); }
        return (b.ToArray(), g.ToArray());
    }

    /// <summary>A volume holding the given per-voxel signal vectors (voxel v = x + NX(y + NY z)).</summary>
    public static Volume VolumeOf(int nx, int ny, int nz, IReadOnlyList<double[]> voxels)
    {
        int n = nx * ny * nz, m = voxels[0].Length;
        var ch = new float[m][];
        for (int c = 0; c < m; c++)
        {
            ch[c] = new float[n];
            for (int v = 0; v < n; v++) ch[c][v] = (float)voxels[v][c];
        }
        return new Volume(nx, ny, nz, ch, [0.1, 0.1, 0.1]);
    }

    /// <summary>Standard normal deviate (Box-Muller) from a seeded generator.</summary>
    public static double Gaussian(Random rng)
    {
        double u1 = 1 - rng.NextDouble(), u2 = rng.NextDouble();
        return Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }

    /// <summary>Rician magnitude of a signal with Gaussian noise sigma on both channels.</summary>
    public static double Rician(double s, double sigma, Random rng)
    {
        double re = s + sigma * Gaussian(rng), im = sigma * Gaussian(rng);
        return Math.Sqrt(re * re + im * im);
    }
}
