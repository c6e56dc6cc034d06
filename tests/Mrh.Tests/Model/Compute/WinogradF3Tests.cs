using Mrh.Model.Compute;

namespace Mrh.Tests.Model.Compute;

/// <summary>The transform matrices against the convolution they stand for, in exact-enough double arithmetic.</summary>
public class WinogradF3Tests
{
    /// <summary>'same' correlation of 3 values: y[i] = sum_j w[j] x[i + j - 1], x zero outside 0..2.</summary>
    static double[] Correlate(double[] x, double[] w)
    {
        var y = new double[3];
        for (int i = 0; i < 3; i++)
            for (int j = 0; j < 3; j++)
            {
                int s = i + j - 1;
                if (s >= 0 && s < 3) y[i] += w[j] * x[s];
            }
        return y;
    }

    static double[] Winograd(double[] x, double[] w)
    {
        var m = new double[5];
        for (int t = 0; t < 5; t++)
        {
            double bx = 0, gw = 0;
            for (int k = 0; k < 3; k++) { bx += WinogradF3.Input(t, k) * x[k]; gw += WinogradF3.Kernel(t, k) * w[k]; }
            m[t] = bx * gw;
        }
        var y = new double[3];
        for (int i = 0; i < 3; i++)
            for (int t = 0; t < 5; t++) y[i] += WinogradF3.Output(i, t) * m[t];
        return y;
    }

    [Fact]
    public void HandCases()
    {
        // the centre tap copies, the first tap shifts right (it reads x[i - 1]), the last shifts left
        Assert.Equal([1, 2, 3], Winograd([1, 2, 3], [0, 1, 0]), new Tol(1e-12));
        Assert.Equal([0, 1, 2], Winograd([1, 2, 3], [1, 0, 0]), new Tol(1e-12));
        Assert.Equal([2, 3, 0], Winograd([1, 2, 3], [0, 0, 1]), new Tol(1e-12));
        // 1 2 3 with 1 1 1: 0+1+2, 1+2+3, 2+3+0
        Assert.Equal([3, 6, 5], Winograd([1, 2, 3], [1, 1, 1]), new Tol(1e-12));
    }

    [Fact]
    public void FiveProductsGiveTheSameCorrelationForAnyInput()
    {
        var rng = new Random(3);
        for (int trial = 0; trial < 200; trial++)
        {
            double[] x = [rng.NextDouble() * 4 - 2, rng.NextDouble() * 4 - 2, rng.NextDouble() * 4 - 2];
            double[] w = [rng.NextDouble() * 4 - 2, rng.NextDouble() * 4 - 2, rng.NextDouble() * 4 - 2];
            Assert.Equal(Correlate(x, w), Winograd(x, w), new Tol(1e-12));
        }
    }

    [Fact]
    public void TwentyFivePointsGiveTheThreeByThreeConvolution()
    {
        var rng = new Random(4);
        for (int trial = 0; trial < 50; trial++)
        {
            var x = new double[9];
            var w = new double[9];
            for (int i = 0; i < 9; i++) { x[i] = rng.NextDouble() * 2 - 1; w[i] = rng.NextDouble() * 2 - 1; }
            // direct: y[r][c] = sum w[ky][kx] x[r + ky - 1][c + kx - 1]
            var direct = new double[9];
            for (int r = 0; r < 3; r++)
                for (int c = 0; c < 3; c++)
                    for (int ky = 0; ky < 3; ky++)
                        for (int kx = 0; kx < 3; kx++)
                        {
                            int sr = r + ky - 1, sc = c + kx - 1;
                            if (sr is >= 0 and < 3 && sc is >= 0 and < 3) direct[r * 3 + c] += w[ky * 3 + kx] * x[sr * 3 + sc];
                        }
            // Kronecker products of the one-dimensional transforms
            var m = new double[25];
            for (int t1 = 0; t1 < 5; t1++)
                for (int t2 = 0; t2 < 5; t2++)
                {
                    double u = 0, g = 0;
                    for (int a = 0; a < 3; a++)
                        for (int b = 0; b < 3; b++)
                        {
                            u += WinogradF3.Input(t1, a) * WinogradF3.Input(t2, b) * x[a * 3 + b];
                            g += WinogradF3.Kernel(t1, a) * WinogradF3.Kernel(t2, b) * w[a * 3 + b];
                        }
                    m[t1 * 5 + t2] = u * g;
                }
            var y = new double[9];
            for (int r = 0; r < 3; r++)
                for (int c = 0; c < 3; c++)
                    for (int t1 = 0; t1 < 5; t1++)
                        for (int t2 = 0; t2 < 5; t2++) y[r * 3 + c] += WinogradF3.Output(r, t1) * WinogradF3.Output(c, t2) * m[t1 * 5 + t2];
            Assert.Equal(direct, y, new Tol(1e-12));
        }
    }
}

/// <summary>Equality of doubles within an absolute tolerance.</summary>
sealed class Tol(double tolerance) : IEqualityComparer<double>
{
    public bool Equals(double a, double b) => Math.Abs(a - b) <= tolerance;
    public int GetHashCode(double obj) => 0;
}
