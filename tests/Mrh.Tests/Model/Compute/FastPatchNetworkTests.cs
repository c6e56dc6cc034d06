using Mrh.Model;
using Mrh.Model.Compute;
using TorchSharp;
using Xunit.Abstractions;
using static TorchSharp.torch;

namespace Mrh.Tests.Model.Compute;

/// <summary>
/// The Winograd engine against the Conv2d reference (<see cref="MrhNetwork"/>'s forward pass and
/// libtorch's autograd), on random weights: outputs, centre pixels and features for inference, loss and
/// every parameter's gradient for training, for the paper's architecture and for small odd-sized ones; at
/// every vector width this machine runs (<see cref="FastNetworkOptions.Width"/> forces the narrower kernels).
/// </summary>
[Collection(TorchCollection.Name)]
public class FastPatchNetworkTests(ITestOutputHelper output)
{

    /// <summary>A network with the architecture's initialisation and random biases (seeded).</summary>
    static MrhNetwork Random(NetworkConfig config, ulong seed, double biasShift = 0)
    {
        var net = new MrhNetwork(config, (long)seed);
        using var gen = new Generator(seed + 100);
        using (no_grad())
            foreach (var (_, conv) in net.Convolutions)
                conv.bias!.copy_(rand(conv.bias.shape, generator: gen) * 0.2 - 0.1 + biasShift);
        return net;
    }

    static float[] Randn(long n, ulong seed)
    {
        using var gen = new Generator(seed);
        using var t = randn(n, generator: gen);
        return t.data<float>().ToArray();
    }

    /// <summary>
    /// The reference forward pass, Conv2d in float64 on a copy of the network: outputs [n][9] and conv4
    /// features at the centre [n][W]. (float64, because libtorch 2.10's float32 Conv2d returned wrong values
    /// on this project's machines in 2026-12 for more than 16 channels, while float64 agrees with the engine.)
    /// </summary>
    static (float[] Outputs, float[] Features) Reference(MrhNetwork net, float[] x, int n)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        using var net64 = Float64(net);
        var (y, f) = net64.Forward(tensor(x).reshape(n, net.Config.InputChannels, 3, 3).to(ScalarType.Float64), true);
        return (y.reshape(n, 9).to(ScalarType.Float32).data<float>().ToArray(), f!.to(ScalarType.Float32).data<float>().ToArray());
    }

    /// <summary>A float64 copy of <paramref name="net"/> in evaluation mode.</summary>
    static MrhNetwork Float64(MrhNetwork net)
    {
        var copy = net.Clone();
        copy.to(ScalarType.Float64);
        copy.eval();
        return copy;
    }

    static double MaxRelative(float[] got, float[] want)
    {
        double scale = want.Max(v => Math.Abs((double)v)), worst = 0;
        for (int i = 0; i < want.Length; i++) worst = Math.Max(worst, Math.Abs(got[i] - (double)want[i]));
        return worst / scale;
    }

    public static IEnumerable<object[]> Architectures => EngineWidthData.Cross(
    [
        [67, 30, 64],  // the paper's MRH-AF network
        [67, 5, 48],   // the quick preset
        [5, 1, 16],    // tiny
        [3, 0, 20],    // no residual blocks; width not a multiple of 16 (padded lanes)
        [1, 2, 1],     // one channel throughout
    ]);

    [EngineTheory]
    [MemberData(nameof(Architectures))]
    public void InferenceMatchesTheConvolutionReference(int channels, int blocks, int width, EngineWidth vectors)
    {
        var config = new NetworkConfig(channels, blocks, width);
        using var net = Random(config, 11);
        int n = 77; // a full tile and a partial one at the default 64 rows
        var x = Randn((long)n * channels * 9, 12);
        var (outputs, features) = Reference(net, x, n);
        using var engine = new FastPatchNetwork(net, new FastNetworkOptions { Threads = 2, Width = vectors });
        Assert.Equal(vectors, engine.Width);
        var full = new float[n * 9];
        engine.Forward(x, n, full);
        var centres = new float[n];
        var feats = new float[n * width];
        engine.Predict(x, n, centres, feats);
        double eFull = MaxRelative(full, outputs);
        double eCentre = MaxRelative(centres, Enumerable.Range(0, n).Select(i => outputs[i * 9 + 4]).ToArray());
        double eFeatures = MaxRelative(feats, features);
        output.WriteLine($"{channels}/{blocks}/{width}, {vectors}: max |fast - Conv2d| / max |Conv2d|: outputs {eFull:E2}, centres {eCentre:E2}, features {eFeatures:E2}");
        Assert.True(eFull < 1e-5 && eCentre < 1e-5 && eFeatures < 1e-5, $"{eFull} {eCentre} {eFeatures}");
    }

    [EngineTheory]
    [MemberData(nameof(EngineWidthData.Widths), MemberType = typeof(EngineWidthData))]
    public void InferenceIsIndependentOfThreadsTilesAndBatches(EngineWidth vectors)
    {
        using var net = Random(new NetworkConfig(7, 2, 32), 21);
        int n = 100;
        var x = Randn(n * 7 * 9, 22);
        float[] Run(int threads, int tile, int split)
        {
            using var engine = new FastPatchNetwork(net, new FastNetworkOptions { Threads = threads, TileRows = tile, Width = vectors });
            var y = new float[n];
            engine.Predict(x.AsSpan(0, split * 7 * 9), split, y);
            engine.Predict(x.AsSpan(split * 7 * 9), n - split, y.AsSpan(split));
            return y;
        }
        var a = Run(1, 64, 0);
        Assert.Equal(a, Run(3, 64, 0));
        Assert.Equal(a, Run(2, 7, 33));
        Assert.Equal(a, Run(1, 1, 99));
    }

    /// <summary>The L1 (or half squared) loss and its gradients by autograd through Conv2d, in float64 (see <see cref="Reference"/>).</summary>
    static (double Loss, List<(float[] W, float[] B)> Grads) AutogradStep(MrhNetwork net, float[] x, float[] y, int n, LossKind kind)
    {
        using var scope = NewDisposeScope();
        using var net64 = Float64(net);
        net64.train();
        var d = net64.call(tensor(x).reshape(n, net.Config.InputChannels, 3, 3).to(ScalarType.Float64)) - tensor(y).reshape(n, 1, 3, 3).to(ScalarType.Float64);
        var loss = kind == LossKind.L1 ? d.abs().sum() / n : d.square().sum() * (0.5 / n);
        loss.backward();
        var grads = net64.Convolutions.Select(c => (c.Conv.weight!.grad!.to(ScalarType.Float32).data<float>().ToArray(), c.Conv.bias!.grad!.to(ScalarType.Float32).data<float>().ToArray())).ToList();
        return (loss.item<double>(), grads);
    }

    static List<(float[] W, float[] B)> Gradients(MrhNetwork net) =>
        net.Convolutions.Select(c => (c.Conv.weight!.grad!.data<float>().ToArray(), c.Conv.bias!.grad!.data<float>().ToArray())).ToList();

    /// <summary>
    /// Gradients of every weight and bias equal autograd's through Conv2d. A ReLU whose input lies within
    /// rounding of 0 may switch between the two computations and change the gradients below it (deep
    /// networks on random data do have such units), so these cases use small networks, and one with all
    /// biases shifted up so that every unit is active and far from 0, which checks the whole linear
    /// algebra (transforms, products, residual routing) through a deeper network.
    /// </summary>
    public static IEnumerable<object[]> GradientCases => EngineWidthData.Cross(
    [
        [5, 1, 16, 0.0, LossKind.L1],
        [3, 0, 20, 0.0, LossKind.HalfMse],
        [9, 1, 8, 0.0, LossKind.HalfMse],
        [67, 3, 32, 1.0, LossKind.HalfMse],
    ]);

    [EngineTheory]
    [MemberData(nameof(GradientCases))]
    public void TrainingGradientsMatchAutograd(int channels, int blocks, int width, double biasShift, LossKind loss, EngineWidth vectors)
    {
        var config = new NetworkConfig(channels, blocks, width);
        using var net = Random(config, 31, biasShift);
        if (biasShift > 0)
            using (no_grad()) foreach (var (_, c) in net.Convolutions) c.weight!.mul_(0.3);
        int n = 40; // tiles of 32 and 8
        var x = Randn((long)n * channels * 9, 32);
        var y = Randn(n * 9, 33);
        var (refLoss, refGrads) = AutogradStep(net, x, y, n, loss);
        using var engine = new FastPatchNetwork(net, new FastNetworkOptions { Threads = 2, Width = vectors }, training: true);
        double fastLoss = engine.TrainingStep(x, y, n, loss);
        engine.WriteGradients(net);
        var grads = Gradients(net);
        Assert.Equal(refLoss, fastLoss, 1e-5 * Math.Abs(refLoss));
        // each difference relative to the largest gradient in the network: a bias gradient summed over a
        // mini-batch can be a small difference of large terms, and its rounding is that of the terms
        double scale = refGrads.Max(g => Math.Max(g.W.Max(Math.Abs), g.B.Max(Math.Abs))), worst = 0;
        for (int l = 0; l < grads.Count; l++)
        {
            for (int i = 0; i < grads[l].W.Length; i++) worst = Math.Max(worst, Math.Abs(grads[l].W[i] - refGrads[l].W[i]) / scale);
            for (int i = 0; i < grads[l].B.Length; i++) worst = Math.Max(worst, Math.Abs(grads[l].B[i] - refGrads[l].B[i]) / scale);
        }
        output.WriteLine($"{channels}/{blocks}/{width}, {vectors}, bias shift {biasShift}, {loss}: loss {fastLoss} (autograd {refLoss}); max |fast - autograd| / largest gradient: {worst:E2}");
        Assert.True(worst < 1e-5, $"gradients differ by {worst} relative");
    }

    [EngineTheory]
    [MemberData(nameof(EngineWidthData.Widths), MemberType = typeof(EngineWidthData))]
    public void GradientsAreIndependentOfThreadsUpToOnePerTileAndStopAtTheLowestTrainedLayer(EngineWidth vectors)
    {
        using var net = Random(new NetworkConfig(6, 2, 16), 41);
        int n = 70;
        var x = Randn(n * 6 * 9, 42);
        var y = Randn(n * 9, 43);
        List<(float[] W, float[] B)> Run(int threads, int lowest)
        {
            using var engine = new FastPatchNetwork(net, new FastNetworkOptions { Threads = threads, Width = vectors }, training: true);
            foreach (var p in net.parameters()) p.grad = null;
            engine.TrainingStep(x, y, n, LossKind.L1, lowest);
            var names = net.Convolutions.Skip(lowest).Select(c => c.Name).ToHashSet();
            engine.WriteGradients(net, names);
            var g = net.Convolutions.Select(c => c.Conv.weight!.grad is null ? (Array.Empty<float>(), Array.Empty<float>())
                : (c.Conv.weight.grad.data<float>().ToArray(), c.Conv.bias!.grad!.data<float>().ToArray())).ToList();
            foreach (var p in net.parameters()) p.grad = null;
            return g;
        }
        var one = Run(1, 0);
        var two = Run(2, 0); // 70 patches: tiles of 32, 32 and 6 either way
        for (int l = 0; l < one.Count; l++) { Assert.Equal(one[l].W, two[l].W); Assert.Equal(one[l].B, two[l].B); }
        // more threads than tiles of 32: smaller tiles, so another summation order, the same gradients up to rounding
        var three = Run(3, 0);
        double scale = one.Max(g => g.W.Max(Math.Abs)), worst = 0;
        for (int l = 0; l < one.Count; l++)
            for (int i = 0; i < one[l].W.Length; i++) worst = Math.Max(worst, Math.Abs(one[l].W[i] - three[l].W[i]) / scale);
        // (x64 without FMA rounds each product and each sum separately: twice the roundings, twice the bound)
        bool fused = System.Runtime.Intrinsics.X86.Fma.IsSupported || System.Runtime.Intrinsics.Arm.AdvSimd.IsSupported;
        Assert.True(worst < (fused ? 1e-6 : 2e-6), $"3 threads differ by {worst}");
        // only the head (conv4, conv5) trained: the same head gradients, nothing written below
        int head = net.Convolutions.Count - 2;
        var partial = Run(2, head);
        for (int l = 0; l < one.Count; l++)
            if (l < head) Assert.Empty(partial[l].W);
            else { Assert.Equal(one[l].W, partial[l].W); Assert.Equal(one[l].B, partial[l].B); }
    }

    [EngineFact]
    public void BadCallsAreRefused()
    {
        using var net = Random(new NetworkConfig(2, 0, 16), 51);
        using var engine = new FastPatchNetwork(net);
        Assert.Throws<ArgumentException>(() => engine.Predict(new float[10], 1, new float[1]));
        Assert.Throws<InvalidOperationException>(() => engine.TrainingStep(new float[18], new float[9], 1, LossKind.L1));
        using var other = new MrhNetwork(new NetworkConfig(2, 1, 16));
        Assert.Throws<ArgumentException>(() => engine.LoadWeights(other));
        Assert.False(FastPatchNetwork.Supports(net.Config, 5));
    }
}
