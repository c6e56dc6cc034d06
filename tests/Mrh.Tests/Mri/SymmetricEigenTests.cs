using Mrh.Mri;

namespace Mrh.Tests.Mri;

public class SymmetricEigenTests
{
    static void CheckDecomposition(double[] a, double[] values, double[] vectors, double tol)
    {
        double scale = Math.Max(1e-300, a.Max(Math.Abs));
        for (int k = 0; k < 3; k++)
        {
            var v = vectors.AsSpan(3 * k, 3);
            Assert.Equal(1, v[0] * v[0] + v[1] * v[1] + v[2] * v[2], 1e-12);
            for (int i = 0; i < 3; i++)
            {
                double av = a[i * 3] * v[0] + a[i * 3 + 1] * v[1] + a[i * 3 + 2] * v[2];
                Assert.True(Math.Abs(av - values[k] * v[i]) <= tol * scale, $"A v != l v (k={k}, i={i}): {av} vs {values[k] * v[i]}");
            }
            for (int j = 0; j < k; j++)
            {
                var u = vectors.AsSpan(3 * j, 3);
                Assert.True(Math.Abs(u[0] * v[0] + u[1] * v[1] + u[2] * v[2]) < 1e-12, "eigenvectors not orthogonal");
            }
        }
        Assert.True(values[0] >= values[1] && values[1] >= values[2], "not sorted");
    }

    static (double[] Values, double[] Vectors) Run(double[] a)
    {
        var values = new double[3];
        var vectors = new double[9];
        SymmetricEigen.Decompose3(a[0], a[4], a[8], a[1], a[2], a[5], values, vectors);
        return (values, vectors);
    }

    [Fact]
    public void RecoversKnownEigenvaluesOfRotatedDiagonalMatrices()
    {
        var rng = new Random(7);
        for (int trial = 0; trial < 200; trial++)
        {
            var r = DtiSynth.Rotation(rng.NextDouble() * 6.3, rng.NextDouble() * 6.3, rng.NextDouble() * 6.3);
            var l = new[] { rng.NextDouble() * 2 - 0.5, rng.NextDouble() * 2 - 0.5, rng.NextDouble() * 2 - 0.5 }.OrderDescending().ToArray();
            var a = DtiSynth.Tensor(r, l[0], l[1], l[2]);
            var (values, vectors) = Run(a);
            for (int k = 0; k < 3; k++) Assert.Equal(l[k], values[k], 1e-13);
            CheckDecomposition(a, values, vectors, 1e-13);
            // eigenvector k is column k of R up to sign
            for (int k = 0; k < 3; k++)
            {
                var e = DtiSynth.Column(r, k);
                double dot = e[0] * vectors[3 * k] + e[1] * vectors[3 * k + 1] + e[2] * vectors[3 * k + 2];
                if (l[0] - l[1] > 1e-3 && l[1] - l[2] > 1e-3) Assert.Equal(1, Math.Abs(dot), 1e-10);
            }
        }
    }

    [Fact]
    public void HandlesRepeatedAndZeroEigenvalues()
    {
        // prolate tensor: l2 = l3 exactly; the principal vector is still determined
        var r = DtiSynth.Rotation(0.3, 1.1, -0.4);
        var a = DtiSynth.Tensor(r, 2, 1, 1);
        var (values, vectors) = Run(a);
        Assert.Equal(new[] { 2.0, 1.0, 1.0 }, values.Select(x => Math.Round(x, 12)));
        CheckDecomposition(a, values, vectors, 1e-13);
        var e1 = DtiSynth.Column(r, 0);
        Assert.Equal(1, Math.Abs(e1[0] * vectors[0] + e1[1] * vectors[1] + e1[2] * vectors[2]), 1e-12);

        // identity and zero matrix
        var (iv, ivec) = Run([1, 0, 0, 0, 1, 0, 0, 0, 1]);
        Assert.Equal(new[] { 1.0, 1.0, 1.0 }, iv);
        CheckDecomposition([1, 0, 0, 0, 1, 0, 0, 0, 1], iv, ivec, 0);
        var (zv, _) = Run(new double[9]);
        Assert.Equal(new[] { 0.0, 0.0, 0.0 }, zv);
    }

    [Fact]
    public void HandCase()
    {
        // [[2,1,0],[1,2,0],[0,0,5]]: eigenvalues 5, 3, 1 with vectors z, (1,1,0)/sqrt2, (1,-1,0)/sqrt2
        var (values, vectors) = Run([2, 1, 0, 1, 2, 0, 0, 0, 5]);
        Assert.Equal(5, values[0], 1e-14);
        Assert.Equal(3, values[1], 1e-14);
        Assert.Equal(1, values[2], 1e-14);
        Assert.Equal(1, Math.Abs(vectors[2]), 1e-14);
        Assert.Equal(Math.Sqrt(0.5), Math.Abs(vectors[3]), 1e-14);
        Assert.Equal(vectors[3], vectors[4], 1e-14);
        Assert.Equal(-vectors[6], vectors[7], 1e-14);
    }

    [Fact]
    public void GeneralSizeMatchesKnownSpectrum()
    {
        // A = Q diag(d) Q^T with Q a product of plane rotations (7 x 7)
        int n = 7;
        var d = new[] { 9.0, 5, 4, 2, 1, 0.5, -3 };
        var q = new double[n, n];
        for (int i = 0; i < n; i++) q[i, i] = 1;
        var rng = new Random(3);
        for (int p = 0; p < n - 1; p++)
            for (int r = p + 1; r < n; r++)
            {
                double t = rng.NextDouble() * 6.28, c = Math.Cos(t), s = Math.Sin(t);
                for (int k = 0; k < n; k++)
                {
                    double a = q[k, p], b = q[k, r];
                    q[k, p] = c * a - s * b;
                    q[k, r] = s * a + c * b;
                }
            }
        var m = new double[n, n];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++)
                for (int k = 0; k < n; k++) m[i, j] += q[i, k] * d[k] * q[j, k];
        var (values, vectors) = SymmetricEigen.Decompose(m);
        for (int k = 0; k < n; k++)
        {
            Assert.Equal(d[k], values[k], 1e-12);
            for (int i = 0; i < n; i++)
            {
                double mv = 0;
                for (int j = 0; j < n; j++) mv += m[i, j] * vectors[k][j];
                Assert.Equal(values[k] * vectors[k][i], mv, 1e-11);
            }
        }
    }
}
