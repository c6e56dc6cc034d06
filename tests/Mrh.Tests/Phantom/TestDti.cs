using Mrh.Data;
using Mrh.Imaging;

namespace Mrh.Tests.Phantom;

/// <summary>
/// A small log-linear diffusion-tensor fit for the phantom tests (ordinary least squares of ln S on
/// [1, -b gx², -b gy², -b gz², -2b gxgy, -2b gxgz, -2b gygz]); eigenvalues by Jacobi rotations.
/// Deliberately separate from the library's own DTI so the tests check the phantom independently.
/// </summary>
static class TestDti
{
    public readonly record struct Fit(double Fa, double Md, double Ad, double Rd);

    /// <summary>Fits one voxel from the b0 and DWI channels of one shell (b in s/mm²).</summary>
    public static Fit FitVoxel(Volume v, Protocol p, int[] channels, int voxel)
    {
        var ata = new double[7, 7];
        var atb = new double[7];
        var row = new double[7];
        foreach (int c in channels)
        {
            double s = Math.Max(v.Channels[c][voxel], 1e-6);
            double b = p[c].Kind == ChannelKind.B0 ? 0 : p[c].BValue / 1000.0; // ms/µm²
            var g = p[c].Direction ?? [0, 0, 0];
            row[0] = 1; row[1] = -b * g[0] * g[0]; row[2] = -b * g[1] * g[1]; row[3] = -b * g[2] * g[2];
            row[4] = -2 * b * g[0] * g[1]; row[5] = -2 * b * g[0] * g[2]; row[6] = -2 * b * g[1] * g[2];
            double y = Math.Log(s);
            for (int i = 0; i < 7; i++)
            {
                atb[i] += row[i] * y;
                for (int j = 0; j < 7; j++) ata[i, j] += row[i] * row[j];
            }
        }
        var x = Solve(ata, atb);
        var d = new double[3, 3] { { x[1], x[4], x[5] }, { x[4], x[2], x[6] }, { x[5], x[6], x[3] } };
        var ev = Eigenvalues(d);
        Array.Sort(ev);
        double l1 = ev[2], l2 = ev[1], l3 = ev[0], md = (l1 + l2 + l3) / 3;
        double num = (l1 - md) * (l1 - md) + (l2 - md) * (l2 - md) + (l3 - md) * (l3 - md);
        double den = l1 * l1 + l2 * l2 + l3 * l3;
        return new Fit(den > 0 ? Math.Sqrt(1.5 * num / den) : 0, md, l1, (l2 + l3) / 2);
    }

    /// <summary>Channel indices of a shell: its b0 images and its DWIs at <paramref name="bValue"/>.</summary>
    public static int[] Shell(Protocol p, double bValue, string group) =>
        p.IndicesWhere(c => c.Group == group && (c.Kind == ChannelKind.B0 || Math.Abs(c.BValue - bValue) < 1));

    static double[] Solve(double[,] a, double[] b)
    {
        int n = b.Length;
        var m = (double[,])a.Clone();
        var x = (double[])b.Clone();
        for (int k = 0; k < n; k++)
        {
            int piv = k;
            for (int i = k + 1; i < n; i++) if (Math.Abs(m[i, k]) > Math.Abs(m[piv, k])) piv = i;
            for (int j = 0; j < n; j++) (m[k, j], m[piv, j]) = (m[piv, j], m[k, j]);
            (x[k], x[piv]) = (x[piv], x[k]);
            for (int i = k + 1; i < n; i++)
            {
                double f = m[i, k] / m[k, k];
                for (int j = k; j < n; j++) m[i, j] -= f * m[k, j];
                x[i] -= f * x[k];
            }
        }
        for (int k = n - 1; k >= 0; k--)
        {
            for (int j = k + 1; j < n; j++) x[k] -= m[k, j] * x[j];
            x[k] /= m[k, k];
        }
        return x;
    }

    static double[] Eigenvalues(double[,] a)
    {
        var m = (double[,])a.Clone();
        for (int sweep = 0; sweep < 50; sweep++)
        {
            double off = m[0, 1] * m[0, 1] + m[0, 2] * m[0, 2] + m[1, 2] * m[1, 2];
            if (off < 1e-30) break;
            for (int p = 0; p < 2; p++)
                for (int q = p + 1; q < 3; q++)
                {
                    if (Math.Abs(m[p, q]) < 1e-300) continue;
                    double theta = (m[q, q] - m[p, p]) / (2 * m[p, q]);
                    double t = Math.Sign(theta) / (Math.Abs(theta) + Math.Sqrt(theta * theta + 1));
                    if (theta == 0) t = 1;
                    double c = 1 / Math.Sqrt(t * t + 1), s = t * c;
                    for (int k = 0; k < 3; k++)
                    {
                        double akp = m[k, p], akq = m[k, q];
                        m[k, p] = c * akp - s * akq; m[k, q] = s * akp + c * akq;
                    }
                    for (int k = 0; k < 3; k++)
                    {
                        double apk = m[p, k], aqk = m[q, k];
                        m[p, k] = c * apk - s * aqk; m[q, k] = s * apk + c * aqk;
                    }
                }
        }
        return [m[0, 0], m[1, 1], m[2, 2]];
    }
}
