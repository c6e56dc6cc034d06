using Mrh.Imaging;
using Mrh.Model;
using Mrh.Model.Compute;
using Mrh.Patches;
using static TorchSharp.torch;

namespace Mrh.Tests.Model.Compute;

/// <summary>
/// <see cref="Trainer"/> and <see cref="VolumePredictor"/> on the Winograd engine against the same work on
/// libtorch's Conv2d and autograd. These run at the width the machine picks (<see cref="EngineWidths.Best"/>);
/// run the suite with DOTNET_EnableAVX512=0 or DOTNET_EnableAVX2=0 to take them through narrower kernels.
/// </summary>
[Collection(TorchCollection.Name)]
public class FastTrainingTests(TrainedFixture fx)
{
    [EngineFact]
    public void WholeVolumePredictionMatchesTheReference()
    {
        var s = fx.HeldOut;
        var model = fx.Trained.Model;
        var fast = VolumePredictor.Predict(model, s.Inputs, s.Mask, new InferenceOptions { Features = true });
        var reference = VolumePredictor.Predict(model, s.Inputs, s.Mask, new InferenceOptions { Features = true, Compute = ComputePath.Reference });
        Assert.Equal(reference.PredictedVoxels, fast.PredictedVoxels);
        float[] a = fast.Prediction.Channels[0], b = reference.Prediction.Channels[0];
        double scale = b.Max(Math.Abs);
        for (int i = 0; i < a.Length; i++) Assert.True(Math.Abs(a[i] - b[i]) <= 1e-5 * scale, $"voxel {i}: {a[i]} vs {b[i]}");
        for (int f = 0; f < fast.Features!.ChannelCount; f++)
        {
            float[] fa = fast.Features.Channels[f], fb = reference.Features!.Channels[f];
            double fs = Math.Max(1e-6, fb.Max(Math.Abs));
            for (int i = 0; i < fa.Length; i++) Assert.True(Math.Abs(fa[i] - fb[i]) <= 1e-5 * fs, $"feature {f}, voxel {i}");
        }
    }

    static PatchSet Patches(int count, int channels, ulong seed)
    {
        using var gen = new TorchSharp.torch.Generator(seed);
        using var x = randn(count * channels * 9, generator: gen);
        using var y = randn(count * 9, generator: gen);
        var xs = x.data<float>().ToArray();
        var ys = y.data<float>().ToArray();
        // a learnable target: the mean of the first two channels, plus noise
        for (int n = 0; n < count; n++)
            for (int p = 0; p < 9; p++) ys[n * 9 + p] = 0.5f * (xs[(n * channels) * 9 + p] + xs[(n * channels + 1) * 9 + p]) + 0.1f * ys[n * 9 + p];
        return new PatchSet(count, channels, 3, AnatomicalPlane.Coronal, xs, ys, new int[3 * count], new int[count], ["s"],
            Enumerable.Range(0, channels).Select(i => $"c{i}").ToArray());
    }

    static readonly TrainerOptions Options = new() { MaxEpochs = 3, BatchSize = 32, Patience = 0, LearningRate = 0.01, Clipping = GradientClipping.None };

    [EngineFact]
    public void FastAndReferenceTrainingFollowTheSameCurve()
    {
        var train = Patches(160, 4, 1);
        var val = Patches(50, 4, 2);
        var config = new NetworkConfig(4, 1, 12);
        using var a = new MrhNetwork(config, 3);
        using var b = a.Clone();
        var fast = Trainer.Train(a, train, val, Options with { Compute = ComputePath.Fast });
        var reference = Trainer.Train(b, train, val, Options with { Compute = ComputePath.Reference });
        Assert.Equal(reference.InitialValidationLoss, fast.InitialValidationLoss, 1e-5 * reference.InitialValidationLoss);
        for (int e = 0; e < 3; e++)
        {
            Assert.Equal(reference.History[e].TrainLoss, fast.History[e].TrainLoss, 1e-4 * reference.History[e].TrainLoss);
            Assert.Equal(reference.History[e].ValidationLoss, fast.History[e].ValidationLoss, 1e-4 * reference.History[e].ValidationLoss);
        }
        Assert.True(fast.History[^1].ValidationLoss < 0.9 * fast.InitialValidationLoss, $"training lowers the loss: {fast.InitialValidationLoss} -> {fast.History[^1].ValidationLoss}");
        foreach (var ((name, ca), (_, cb)) in a.Convolutions.Zip(b.Convolutions))
        {
            double diff = (ca.weight! - cb.weight!).abs().max().item<float>();
            Assert.True(diff < 1e-4, $"{name} weights differ by {diff}");
        }
        Assert.Equal(Trainer.Evaluate(b, val, LossKind.L1, compute: ComputePath.Reference), Trainer.Evaluate(b, val, LossKind.L1), 1e-5);
    }

    [EngineFact]
    public void FastTrainingGivesTheSameBytesWhateverTheThreadCount()
    {
        var train = Patches(200, 3, 4);
        var val = Patches(40, 3, 5);
        byte[] Run(int threads)
        {
            using var t = TorchThreads.Use(threads);
            using var net = new MrhNetwork(new NetworkConfig(3, 2, 16), 6);
            // mini-batches of 64: two tiles of 32, so one or two threads compute the same tiles
            Trainer.Train(net, train, val, Options with { MaxEpochs = 2, BatchSize = 64 });
            return net.WeightBytes();
        }
        var one = Run(1);
        Assert.Equal(one, Run(1));
        Assert.Equal(one, Run(2));
    }
}
