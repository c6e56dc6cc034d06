using Mrh.Model;
using Mrh.Presets;
using static TorchSharp.torch;
using static Mrh.Tests.Model.NetworkTestKit;

namespace Mrh.Tests.Model;

[Collection(TorchCollection.Name)]
public class NetworkTests
{
    [Fact]
    public void PaperNetworkHasTheReferenceParameterCount()
    {
        var cfg = new NetworkConfig(67, 30, 64);
        Assert.Equal(2_402_625, cfg.ParameterCount);
        using var net = new MrhNetwork(cfg);
        Assert.Equal(2_402_625, net.ParameterCount);
        Assert.Equal(65 + 1, net.Convolutions.Count); // 2N + 6 = 66 convolutions ("64 hidden layers" + in + out)
        Assert.Equal(2_402_625, MrhNetwork.Describe(cfg).Sum(l => l.Parameters));
        Assert.Equal(["conv4", "conv5"], net.LastConvolutionNames(2));
        Assert.Equal(["res30b", "conv4", "conv5"], net.LastConvolutionNames(3));
    }

    [Fact]
    public void PresetSizes()
    {
        Assert.Equal((1, 16), (NetworkConfig.For(Preset.Smoke).Blocks, NetworkConfig.For(Preset.Smoke).Width));
        Assert.Equal(5, NetworkConfig.For(Preset.Quick).Blocks);
        Assert.Equal(new NetworkConfig(67, 30, 64), NetworkConfig.For(Preset.Paper));
    }

    /// <summary>
    /// Width 2, one block, centre taps only, so every pixel is computed on its own. By hand, for an input
    /// pixel v: conv1 (1, -1; bias 0, 0.5) + ReLU gives a = (relu(v), relu(0.5 - v)); conv2 identity, ReLU:
    /// r2 = a; conv3 identity, bias (-1, 0), ReLU, conv3_1 = 2 x identity, + r2: y = (2 relu(a0 - 1) + a0, 3 a1);
    /// block: ReLU, identity, ReLU, swap, + r: both = s = y0 + y1; ReLU, conv4 identity, bias (0, -1), ReLU:
    /// f = (s, relu(s - 1)); conv5 (1, 2), bias 0.25: out = s + 2 relu(s - 1) + 0.25.
    /// v = 2: a = (2, 0), y = (4, 0), s = 4, out = 4 + 6 + 0.25 = 10.25, f = (4, 3).
    /// v = -1: a = (0, 1.5), y = (0, 4.5), s = 4.5, out = 4.5 + 7 + 0.25 = 11.75, f = (4.5, 3.5).
    /// v = 0: a = (0, 0.5), y = (0, 1.5), s = 1.5, out = 1.5 + 1 + 0.25 = 2.75.
    /// v = 0.25: a = (0.25, 0.25), y = (0.25, 0.75), s = 1, out = 1 + 0 + 0.25 = 1.25.
    /// </summary>
    [Fact]
    public void HandSetTinyNetworkMatchesAHandComputation()
    {
        using var net = new MrhNetwork(new NetworkConfig(1, 1, 2));
        Set(net, "conv1", Centre(new float[,] { { 1 }, { -1 } }), [0, 0.5f]);
        Set(net, "conv2", Centre(Identity(2)), [0, 0]);
        Set(net, "conv3", Centre(Identity(2)), [-1, 0]);
        Set(net, "conv3_1", Centre(new float[,] { { 2, 0 }, { 0, 2 } }), [0, 0]);
        Set(net, "res01a", Centre(Identity(2)), [0, 0]);
        Set(net, "res01b", Centre(new float[,] { { 0, 1 }, { 1, 0 } }), [0, 0]);
        Set(net, "conv4", Centre(Identity(2)), [0, -1]);
        Set(net, "conv5", Centre(new float[,] { { 1, 2 } }), [0.25f]);
        float[] patch = [2, -1, 0, 0.25f, 2, -1, 0, 0, 2];
        float[] expected = [10.25f, 11.75f, 2.75f, 1.25f, 10.25f, 11.75f, 2.75f, 2.75f, 10.25f];
        using var x = tensor(patch).reshape(1, 1, 3, 3);
        var (y, f) = net.Forward(x, keepFeatures: true);
        Assert.Equal(expected, y.data<float>().ToArray());
        Assert.Equal([4f, 3f], f!.data<float>().ToArray()); // centre pixel v = 2
        y.Dispose(); f.Dispose();
    }

    /// <summary>
    /// Random weights in every tap (including the corners, so padding and the orientation of the
    /// cross-correlation matter): the TorchSharp forward pass equals a plain-loop implementation of the
    /// architecture as the reference describes it.
    /// </summary>
    [Theory]
    [InlineData(WeightInit.Orthogonal)]
    [InlineData(WeightInit.He)]
    public void ForwardPassEqualsALoopImplementation(WeightInit init)
    {
        var cfg = new NetworkConfig(3, 2, 4, init);
        using var net = new MrhNetwork(cfg, seed: 11);
        using (no_grad())
            foreach (var (_, c) in net.Convolutions) c.bias!.copy_(randn(c.bias.shape, generator: new Generator(5)) * 0.1);
        var rng = new Random(3);
        var x = Enumerable.Range(0, 2 * 3 * 9).Select(_ => rng.NextDouble() * 2 - 1).ToArray();
        using var xt = tensor(x.Select(v => (float)v).ToArray()).reshape(2, 3, 3, 3);
        using var y = net.call(xt);
        var got = y.data<float>().ToArray();
        for (int p = 0; p < 2; p++)
        {
            var want = Reference(net, x.Skip(p * 27).Take(27).ToArray(), 3);
            for (int i = 0; i < 9; i++) Assert.Equal(want[i], got[p * 9 + i], 4);
        }
    }

    [Fact]
    public void OrthogonalInitGivesOrthonormalFiltersAndZeroBiasSeeded()
    {
        using var a = new MrhNetwork(new NetworkConfig(5, 1, 8), seed: 3);
        using var b = new MrhNetwork(new NetworkConfig(5, 1, 8), seed: 3);
        using var c = new MrhNetwork(new NetworkConfig(5, 1, 8), seed: 4);
        Assert.Equal(a.WeightBytes(), b.WeightBytes());
        Assert.NotEqual(a.WeightBytes(), c.WeightBytes());
        foreach (var (name, conv) in a.Convolutions)
        {
            using var w = conv.weight!.reshape(conv.weight.shape[0], -1).to_type(ScalarType.Float64);
            using var gram = w.matmul(w.t());
            using var id = eye(w.shape[0], dtype: ScalarType.Float64);
            Assert.True((gram - id).abs().max().item<double>() < 1e-5, $"{name} filters are not orthonormal");
            Assert.Equal(0, conv.bias!.abs().sum().item<float>());
        }
    }

    [Fact]
    public void HeInitHasTheRightSpread()
    {
        using var net = new MrhNetwork(new NetworkConfig(64, 1, 64, WeightInit.He), seed: 2);
        var w = net.Convolutions[1].Conv.weight!.data<float>().ToArray(); // 64 x 64 x 3 x 3
        double sd = Math.Sqrt(w.Select(v => (double)v * v).Average());
        Assert.InRange(sd, Math.Sqrt(2.0 / 576) * 0.95, Math.Sqrt(2.0 / 576) * 1.05);
    }
}
