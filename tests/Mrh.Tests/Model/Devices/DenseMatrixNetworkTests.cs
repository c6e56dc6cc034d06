using Mrh.Imaging;
using Mrh.Model;
using Mrh.Patches;
using TorchSharp;
using Xunit.Abstractions;
using static TorchSharp.torch;

namespace Mrh.Tests.Model.Devices;

/// <summary>
/// The dense-matrix form (the GPU path) on the CPU device against libtorch's Conv2d and autograd (the reference):
/// outputs and features, every parameter's gradient, a few epochs of training with the paper's recipe, and
/// whole-volume prediction.
/// </summary>
[Collection(TorchCollection.Name)]
public class DenseMatrixNetworkTests(TrainedFixture fx, ITestOutputHelper output)
{
    static MrhNetwork Random(NetworkConfig config, ulong seed, double biasShift = 0)
    {
        var net = new MrhNetwork(config, (long)seed);
        using var gen = new Generator(seed + 100);
        using (no_grad())
            foreach (var (_, conv) in net.Convolutions)
                conv.bias!.copy_(rand(conv.bias.shape, generator: gen) * 0.2 - 0.1 + biasShift);
        return net;
    }

    static Tensor Randn(long[] shape, ulong seed)
    {
        using var gen = new Generator(seed);
        return randn(shape, generator: gen);
    }

    static double MaxRelative(Tensor got, Tensor want)
    {
        using var scope = NewDisposeScope();
        var w = want.to(ScalarType.Float64);
        return (got.to(ScalarType.Float64) - w).abs().max().item<double>() / w.abs().max().item<double>();
    }

    /// <summary>
    /// The reference network in double precision. (libtorch 2.10's float32 Conv2d on our CPUs gives wrong sums for
    /// some channel counts on 3 x 3 inputs, e.g. 20 -> 20 channels: off by O(1) against a hand loop, while its
    /// float64 Conv2d agrees with the loop; so the reference here is Conv2d in float64.)
    /// </summary>
    static MrhNetwork Double(MrhNetwork net)
    {
        var copy = net.Clone();
        copy.to(ScalarType.Float64);
        return copy;
    }

    [Theory]
    [InlineData(67, 30, 64, 3)]  // the paper's network
    [InlineData(5, 1, 16, 3)]
    [InlineData(3, 0, 20, 3)]
    [InlineData(4, 2, 8, 5)]     // other patch sizes (Supplementary Fig. 1)
    [InlineData(4, 1, 8, 1)]
    public void ForwardEqualsTheConvolutions(int channels, int blocks, int width, int k)
    {
        using var scope = NewDisposeScope();
        using var net = Random(new NetworkConfig(channels, blocks, width), 11);
        net.eval();
        int n = 300;
        var x = Randn([n, channels, k, k], 12);
        using var noGrad = no_grad();
        using var reference = Double(net);
        var (y, f) = reference.Forward(x.to(ScalarType.Float64), true);
        using var dense = new DenseMatrixNetwork(net, CPU, k);
        var (yd, fd) = dense.Forward(x.reshape(n, channels * k * k), keepFeatures: true);
        var (centre, _) = dense.Forward(x.reshape(n, channels * k * k), centreOnly: true);
        using var dense64 = new DenseMatrixNetwork(net, CPU, k, NumericPrecision.Float32, ScalarType.Float64);
        var (y64, _) = dense64.Forward(x.reshape(n, channels * k * k).to(ScalarType.Float64));
        double d64 = MaxRelative(y64, y.reshape(n, k * k));
        Assert.True(d64 < 1e-12, $"float64 dense form: {d64}");
        double dy = MaxRelative(yd, y.reshape(n, k * k)), df = MaxRelative(fd!, f!);
        double dc = MaxRelative(centre.reshape(n), y[.., 0, k / 2, k / 2]);
        output.WriteLine($"{channels}/{blocks}/{width}, {k}x{k}: max |dense - conv| / max |conv|: output {dy:E2}, centre {dc:E2}, features {df:E2}");
        Assert.True(dy < 2e-5 && dc < 2e-5 && df < 2e-5, $"output {dy}, centre {dc}, features {df}");
    }

    /// <summary>Loss and gradients of every weight and bias equal autograd's through Conv2d (units kept away from the ReLU kink, as in the engine's test).</summary>
    [Theory]
    [InlineData(5, 1, 16, 0.0, LossKind.L1)]
    [InlineData(9, 1, 8, 0.0, LossKind.HalfMse)]
    [InlineData(67, 3, 32, 1.0, LossKind.HalfMse)]
    public void GradientsEqualAutograd(int channels, int blocks, int width, double biasShift, LossKind loss)
    {
        using var scope = NewDisposeScope();
        using var net = Random(new NetworkConfig(channels, blocks, width), 31, biasShift);
        if (biasShift > 0)
            using (no_grad()) foreach (var (_, c) in net.Convolutions) c.weight!.mul_(0.3);
        int n = 40;
        var x = Randn([n, channels, 3, 3], 32);
        var t = Randn([n, 1, 3, 3], 33);
        Tensor Loss(Tensor d) => loss == LossKind.L1 ? d.abs().sum() / n : d.square().sum() * (0.5 / n);
        using var reference = Double(net);
        var refLoss = Loss(reference.forward(x.to(ScalarType.Float64)) - t.to(ScalarType.Float64));
        refLoss.backward();
        using var dense = new DenseMatrixNetwork(net, CPU);
        dense.Flat.requires_grad_(true);
        var (y, _) = dense.Forward(x.reshape(n, channels * 9));
        var denseLoss = Loss(y - t.reshape(n, 9));
        denseLoss.backward();
        Assert.Equal(refLoss.item<double>(), denseLoss.item<float>(), 1e-5 * Math.Abs(refLoss.item<double>()));
        var grad = dense.Flat.grad!.to(ScalarType.Float64);
        double scale = reference.Convolutions.Max(c => Math.Max(c.Conv.weight!.grad!.abs().max().item<double>(), c.Conv.bias!.grad!.abs().max().item<double>()));
        double worst = 0;
        for (int l = 0; l < net.Convolutions.Count; l++)
        {
            var conv = reference.Convolutions[l].Conv;
            var layer = dense.Layers[l];
            var gw = grad.narrow(0, layer.WeightOffset, conv.weight!.numel()).view_as(conv.weight);
            var gb = grad.narrow(0, layer.BiasOffset, conv.bias!.numel());
            worst = Math.Max(worst, (gw - conv.weight.grad!).abs().max().item<double>() / scale);
            worst = Math.Max(worst, (gb - conv.bias.grad!).abs().max().item<double>() / scale);
        }
        output.WriteLine($"{channels}/{blocks}/{width}, {loss}: max |dense - autograd| / largest gradient: {worst:E2}");
        Assert.True(worst < 1e-5, $"gradients differ by {worst} relative");
    }

    static PatchSet Patches(int count, int channels, ulong seed)
    {
        using var gen = new Generator(seed);
        using var x = randn(count * channels * 9, generator: gen);
        using var y = randn(count * 9, generator: gen);
        var xs = x.data<float>().ToArray();
        var ys = y.data<float>().ToArray();
        for (int n = 0; n < count; n++)
            for (int p = 0; p < 9; p++) ys[n * 9 + p] = 0.5f * (xs[(n * channels) * 9 + p] + xs[(n * channels + 1) * 9 + p]) + 0.1f * ys[n * 9 + p];
        return new PatchSet(count, channels, 3, AnatomicalPlane.Coronal, xs, ys, new int[3 * count], new int[count], ["s"],
            Enumerable.Range(0, channels).Select(i => $"c{i}").ToArray());
    }

    public static TheoryData<string> Recipes => new() { "paper", "adam-global", "absolute-frozen" };

    /// <summary>
    /// A few epochs in the dense form and on the Winograd engine (itself checked against autograd) follow the same
    /// loss curve and end at the same weights. (Not against libtorch's float32 Conv2d training: see <see cref="Double"/>.)
    /// </summary>
    [Theory]
    [MemberData(nameof(Recipes))]
    public void TrainingFollowsTheEngineCurve(string recipe)
    {
        if (!Mrh.Model.Compute.FastPatchNetwork.IsAvailable) return;
        var train = Patches(160, 4, 1);
        var val = Patches(50, 4, 2);
        // the paper's recipe (SGD momentum, L2, per-parameter clipping at 0.01), at a rate that moves a tiny network
        var options = new TrainerOptions { MaxEpochs = 3, BatchSize = 32, Patience = 0, LearningRate = 0.5 };
        Dictionary<string, double>? factors = null;
        if (recipe == "adam-global") options = options.WithAdam(1e-2) with { Clipping = GradientClipping.GlobalL2Norm, ClippingThreshold = 1, RegularizeBiases = true };
        if (recipe == "absolute-frozen")
        {
            options = options with { Clipping = GradientClipping.AbsoluteValue, ClippingThreshold = 0.05, LearningRate = 0.05 };
            factors = new() { ["conv1"] = 0, ["conv2"] = 0, ["conv5"] = 10 };
        }
        using var a = new MrhNetwork(new NetworkConfig(4, 1, 12), 3);
        using var b = a.Clone();
        using var frozen = a.Clone();
        var dense = Trainer.Train(a, train, val, options with { Compute = ComputePath.DenseMatrix }, learnRateFactors: factors);
        var reference = Trainer.Train(b, train, val, options with { Compute = ComputePath.Fast }, learnRateFactors: factors);
        Assert.Equal(reference.InitialValidationLoss, dense.InitialValidationLoss, 1e-5 * reference.InitialValidationLoss);
        // clamping each gradient element at +-threshold makes the update discontinuous, so rounding differences
        // between the two computations grow there (1e-3 by epoch 3); elsewhere they stay at float rounding
        double tol = recipe == "absolute-frozen" ? 2e-3 : 1e-4, weightTol = recipe == "absolute-frozen" ? 0.1 : 1e-4;
        for (int e = 0; e < 3; e++)
        {
            output.WriteLine($"{recipe} epoch {e + 1}: train {dense.History[e].TrainLoss:0.000000} (reference {reference.History[e].TrainLoss:0.000000}), " +
                             $"validation {dense.History[e].ValidationLoss:0.000000} ({reference.History[e].ValidationLoss:0.000000})");
            Assert.Equal(reference.History[e].TrainLoss, dense.History[e].TrainLoss, tol * reference.History[e].TrainLoss);
            Assert.Equal(reference.History[e].ValidationLoss, dense.History[e].ValidationLoss, tol * reference.History[e].ValidationLoss);
        }
        Assert.True(dense.History[^1].ValidationLoss < 0.97 * dense.InitialValidationLoss, $"training lowers the loss: {dense.InitialValidationLoss} -> {dense.History[^1].ValidationLoss}");
        Assert.Equal(reference.BestEpoch, dense.BestEpoch);
        for (int l = 0; l < a.Convolutions.Count; l++)
        {
            var (name, ca) = a.Convolutions[l];
            double diff = (ca.weight! - b.Convolutions[l].Conv.weight!).abs().max().item<float>();
            Assert.True(diff < weightTol, $"{name} weights differ by {diff}");
            if (factors?.GetValueOrDefault(name, 1) == 0)
                Assert.Equal(frozen.Convolutions[l].Conv.weight!.data<float>().ToArray(), ca.weight!.data<float>().ToArray());
        }
    }

    [Fact]
    public void WholeVolumePredictionEqualsTheReference()
    {
        var s = fx.HeldOut;
        var model = fx.Trained.Model;
        var dense = VolumePredictor.Predict(model, s.Inputs, s.Mask, new InferenceOptions { Features = true, Compute = ComputePath.DenseMatrix, BatchSize = 777 });
        var reference = VolumePredictor.Predict(model, s.Inputs, s.Mask, new InferenceOptions { Features = true, Compute = ComputePath.Reference });
        Assert.Equal(reference.PredictedVoxels, dense.PredictedVoxels);
        float[] a = dense.Prediction.Channels[0], b = reference.Prediction.Channels[0];
        double scale = b.Max(Math.Abs);
        for (int i = 0; i < a.Length; i++) Assert.True(Math.Abs(a[i] - b[i]) <= 1e-5 * scale, $"voxel {i}: {a[i]} vs {b[i]}");
        for (int f = 0; f < dense.Features!.ChannelCount; f++)
        {
            float[] fa = dense.Features.Channels[f], fb = reference.Features!.Channels[f];
            double fs = Math.Max(1e-6, fb.Max(Math.Abs));
            for (int i = 0; i < fa.Length; i++) Assert.True(Math.Abs(fa[i] - fb[i]) <= 1e-5 * fs, $"feature {f}, voxel {i}");
        }
    }

    [Fact]
    public void BFloat16TrainingStaysNearFloat32AndIsNeverTheDefault()
    {
        Assert.Equal(NumericPrecision.Float32, new TrainerOptions().Precision);
        Assert.Equal(NumericPrecision.Float32, TrainerOptions.For(Mrh.Presets.Preset.Paper).Precision);
        Assert.Throws<MrhException>(() => new TrainerOptions { Precision = NumericPrecision.BFloat16 }.Validate());
        var train = Patches(160, 4, 1);
        var val = Patches(50, 4, 2);
        var options = new TrainerOptions { MaxEpochs = 2, BatchSize = 32, Patience = 0, LearningRate = 0.5, Compute = ComputePath.DenseMatrix };
        using var a = new MrhNetwork(new NetworkConfig(4, 1, 12), 3);
        using var b = a.Clone();
        var fp32 = Trainer.Train(a, train, val, options);
        var bf16 = Trainer.Train(b, train, val, options with { Precision = NumericPrecision.BFloat16 });
        for (int e = 0; e < 2; e++)
            Assert.Equal(fp32.History[e].ValidationLoss, bf16.History[e].ValidationLoss, 0.03 * fp32.History[e].ValidationLoss);
    }

    [Fact]
    public void BFloat16PredictionsStayNearFloat32()
    {
        using var net = Random(new NetworkConfig(67, 5, 48), 5);
        int n = 2000;
        using var x = Randn([n, 67 * 9], 6);
        var inputs = x.data<float>().ToArray();
        float[] Predict(NumericPrecision p)
        {
            using var dense = new DenseMatrixNetwork(net, CPU, 3, p);
            var centres = new float[n];
            dense.Predict(inputs, n, centres, default);
            return centres;
        }
        var fp32 = Predict(NumericPrecision.Float32);
        var bf16 = Predict(NumericPrecision.BFloat16);
        double scale = fp32.Average(v => Math.Abs(v)), mean = fp32.Zip(bf16, (a, b) => Math.Abs(a - b)).Average();
        output.WriteLine($"bf16 vs fp32: mean |diff| {mean:E2}, mean |output| {scale:E2}");
        Assert.True(mean < 0.03 * scale, $"bf16 mean |diff| {mean} for outputs of mean magnitude {scale}");
    }

    [Fact]
    public void IndexMapPutsEachKernelTapWhereTheConvolutionReadsIt()
    {
        // one layer, 1 -> 1 channel, weights 0..8 at offsets 0..8, the zero at 10: hand-checked entries
        var layer = new DenseLayer("c", 1, 1, 0, 9, 0, 0);
        var (m, bias) = DenseMatrixNetwork.IndexMaps([layer], 3, 10);
        Assert.Equal(81, m.Length);
        long At(int pin, int pout) => m[pin * 9 + pout];
        Assert.Equal(4, At(4, 4));   // centre to centre: the centre tap w[1,1]
        Assert.Equal(5, At(5, 4));   // input right of the output pixel: w[1,2]
        Assert.Equal(0, At(0, 4));   // input up-left: w[0,0]
        Assert.Equal(8, At(8, 4));
        Assert.Equal(8, At(4, 0));   // output pixel (0,0) reads input (1,1) through w[2,2]
        Assert.Equal(10, At(2, 0));  // (0,2) is two columns from (0,0): out of the kernel's reach
        Assert.Equal(10, At(8, 0));
        Assert.All(bias, v => Assert.Equal(9, v));
    }
}
