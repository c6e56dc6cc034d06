using Mrh.Model;
using static TorchSharp.torch;

namespace Mrh.Tests.Model;

/// <summary>Setting weights by hand, and an independent loop implementation of the V3Res forward pass.</summary>
static class NetworkTestKit
{
    /// <summary>Sets one convolution's weights [out][in][3][3] (flat) and bias.</summary>
    public static void Set(MrhNetwork net, string name, float[] weights, float[] bias)
    {
        var conv = net.Convolutions.Single(c => c.Name == name).Conv;
        using var noGrad = no_grad();
        conv.weight!.copy_(tensor(weights).reshape(conv.weight.shape));
        conv.bias!.copy_(tensor(bias));
    }

    /// <summary>Every convolution zero.</summary>
    public static void Zero(MrhNetwork net)
    {
        using var noGrad = no_grad();
        foreach (var (_, c) in net.Convolutions) { c.weight!.zero_(); c.bias!.zero_(); }
    }

    /// <summary>Weights with only the centre tap: w[o][i] given as a matrix [out][in].</summary>
    public static float[] Centre(float[,] m)
    {
        int o = m.GetLength(0), i = m.GetLength(1);
        var w = new float[o * i * 9];
        for (int a = 0; a < o; a++)
            for (int b = 0; b < i; b++) w[(a * i + b) * 9 + 4] = m[a, b];
        return w;
    }

    public static float[,] Identity(int n)
    {
        var m = new float[n, n];
        for (int i = 0; i < n; i++) m[i, i] = 1;
        return m;
    }

    public static (float[] W, float[] B) Get(MrhNetwork net, string name)
    {
        var conv = net.Convolutions.Single(c => c.Name == name).Conv;
        return (conv.weight!.data<float>().ToArray(), conv.bias!.data<float>().ToArray());
    }

    /// <summary>
    /// Cross-correlation with zero padding 1, written as plain loops: x [C][k][k] -> y [O][k][k],
    /// y[o][i][j] = b[o] + sum_c sum_di sum_dj w[o][c][di][dj] x[c][i + di - 1][j + dj - 1].
    /// </summary>
    public static double[] Conv(double[] x, int c, int k, float[] w, float[] b, int o)
    {
        var y = new double[o * k * k];
        for (int a = 0; a < o; a++)
            for (int i = 0; i < k; i++)
                for (int j = 0; j < k; j++)
                {
                    double s = b[a];
                    for (int ch = 0; ch < c; ch++)
                        for (int di = 0; di < 3; di++)
                            for (int dj = 0; dj < 3; dj++)
                            {
                                int ii = i + di - 1, jj = j + dj - 1;
                                if (ii < 0 || ii >= k || jj < 0 || jj >= k) continue;
                                s += w[((a * c + ch) * 3 + di) * 3 + dj] * x[(ch * k + ii) * k + jj];
                            }
                    y[(a * k + i) * k + j] = s;
                }
        return y;
    }

    static double[] Relu(double[] v) => v.Select(a => Math.Max(0, a)).ToArray();
    static double[] Add(double[] a, double[] b) => a.Select((v, i) => v + b[i]).ToArray();

    /// <summary>The architecture as described in the reference, on one patch, in double precision.</summary>
    public static double[] Reference(MrhNetwork net, double[] x, int k)
    {
        var cfg = net.Config;
        int w = cfg.Width;
        double[] C(string name, double[] input, int inCh, int outCh)
        {
            var (wt, b) = Get(net, name);
            return Conv(input, inCh, k, wt, b, outCh);
        }
        var x1 = Relu(C("conv1", x, cfg.InputChannels, w));
        var r2 = Relu(C("conv2", x1, w, w));
        var y = Add(C("conv3_1", Relu(C("conv3", r2, w, w)), w, w), r2);
        for (int blk = 1; blk <= cfg.Blocks; blk++)
        {
            var r = Relu(y);
            y = Add(C($"res{blk:00}b", Relu(C($"res{blk:00}a", r, w, w)), w, w), r);
        }
        var f = Relu(C("conv4", Relu(y), w, w));
        return C("conv5", f, w, 1);
    }
}
