using Mrh.Model;
using Mrh.Model.Compute;
using static TorchSharp.torch;

namespace Mrh.Tests.Model.Compute;

/// <summary>The bfloat16 option: its dense matrix form is exact in float32, and in bfloat16 it stays close to float32.</summary>
[Collection(TorchCollection.Name)]
public class BFloat16Tests
{
    [Fact]
    public void DenseMatrixIsTheConvolution()
    {
        // one input and one output channel, kernel 1..9: output pixel p collects the taps that stay inside
        var w = Enumerable.Range(1, 9).Select(v => (float)v).ToArray();
        using var d = BFloat16MatrixNetwork.DenseMatrix(w, 1, 1);
        var m = d.data<float>().ToArray();
        var x = Enumerable.Range(0, 9).Select(v => (float)(v * v - 3)).ToArray();
        for (int pr = 0; pr < 3; pr++)
            for (int pc = 0; pc < 3; pc++)
            {
                double direct = 0, dense = 0;
                for (int ky = 0; ky < 3; ky++)
                    for (int kx = 0; kx < 3; kx++)
                    {
                        int qr = pr + ky - 1, qc = pc + kx - 1;
                        if (qr is >= 0 and < 3 && qc is >= 0 and < 3) direct += w[ky * 3 + kx] * x[qr * 3 + qc];
                    }
                for (int q = 0; q < 9; q++) dense += x[q] * m[q * 9 + pr * 3 + pc];
                Assert.Equal(direct, dense);
            }
        // the centre output sees all 9 taps, a corner output 4
        Assert.Equal(9, Enumerable.Range(0, 9).Count(q => m[q * 9 + 4] != 0));
        Assert.Equal(4, Enumerable.Range(0, 9).Count(q => m[q * 9 + 0] != 0));
    }

    [EngineFact]
    public void BFloat16PredictionsStayCloseToFloat32()
    {
        using var net = new MrhNetwork(new NetworkConfig(6, 2, 24), 5);
        int n = 300;
        using var gen = new Generator(6);
        var x = randn(n * 6 * 9, generator: gen).data<float>().ToArray();
        var fp32 = new float[n];
        var bf16 = new float[n];
        var f32 = new float[n * 24];
        var f16 = new float[n * 24];
        using (var reference = new FastPatchNetwork(net)) reference.Predict(x, n, fp32, f32);
        using (var reduced = new BFloat16MatrixNetwork(net)) reduced.Predict(x, n, bf16, f16);
        double range = fp32.Max() - fp32.Min();
        double max = fp32.Zip(bf16).Max(p => Math.Abs(p.First - p.Second));
        Assert.True(max < 0.05 * range, $"bfloat16 differs by {max} (range {range})");
        Assert.True(max > 0, "bfloat16 is not float32");
        double fmax = f32.Zip(f16).Max(p => Math.Abs(p.First - p.Second));
        Assert.True(fmax < 0.05 * f32.Max(Math.Abs), $"features differ by {fmax}");
    }
}
