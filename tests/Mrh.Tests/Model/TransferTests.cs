using Mrh.Model;
using Mrh.Patches;

namespace Mrh.Tests.Model;

[Collection(TorchCollection.Name)]
public class TransferTests(TrainedFixture fx)
{
    /// <summary>A second histology target (think NF after AF): another function of the same channels.</summary>
    static PatchSource Retarget(PatchSource s)
    {
        var u0 = s.Inputs.Channels[0];
        var u3 = s.Inputs.Channels[3];
        var t = new float[u0.Length];
        for (int i = 0; i < t.Length; i++) t[i] = 2 - u0[i] + u3[i] / 300f;
        return s with { Target = Mrh.Imaging.Volume.FromArray(s.Inputs, t, "NF") };
    }

    static Dictionary<string, byte[]> Layers(MrhNetwork net) =>
        net.Convolutions.ToDictionary(c => c.Name, c =>
            c.Conv.weight!.data<float>().ToArray().Concat(c.Conv.bias!.data<float>().ToArray()).SelectMany(BitConverter.GetBytes).ToArray());

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void FrozenLayersStayBitIdenticalAndTheHeadLearns(int k)
    {
        var base_ = fx.Trained.Model;
        var baseLayers = Layers(base_.Network);
        var setup = TransferLearning.Prepare(base_.Network, new TransferOptions { RetrainLast = k });
        var head = base_.Network.LastConvolutionNames(k);
        Assert.Equal(head, setup.ReinitializedLayers);
        Assert.All(setup.FrozenLayers, n => Assert.Equal(0, setup.LearnRateFactors[n]));
        Assert.All(head, n => Assert.Equal(10, setup.LearnRateFactors[n]));
        var reinit = Layers(setup.Network);
        Assert.All(head, n => Assert.NotEqual(baseLayers[n], reinit[n]));

        var raw = PatchSampler.RandomInMask(fx.Subjects.Select(Retarget), new RandomSamplerOptions { Count = 800 });
        var norm = Normalization.FitRobust(raw) with { InputOffset = base_.Normalization.InputOffset, InputScale = base_.Normalization.InputScale };
        var (train, val) = norm.Apply(raw).SplitValidation(200, 1);
        var result = Trainer.Train(setup.Network, train, val, new TrainerOptions { MaxEpochs = 3 }.ForTransfer(), learnRateFactors: setup.LearnRateFactors);
        var after = Layers(setup.Network);
        foreach (var n in setup.FrozenLayers) Assert.Equal(baseLayers[n], after[n]);
        Assert.All(head, n => Assert.NotEqual(reinit[n], after[n]));
        Assert.True(result.BestValidationLoss < result.InitialValidationLoss);
        Assert.All(setup.FrozenLayers, n => Assert.False(setup.Network.Convolutions.Single(c => c.Name == n).Conv.weight!.requires_grad));
        // the base network itself is untouched
        Assert.Equal(baseLayers, Layers(base_.Network));
        setup.Network.Dispose();
    }

    [Fact]
    public void LowerRateModeTrainsEverything()
    {
        var base_ = fx.Trained.Model;
        var before = Layers(base_.Network);
        var setup = TransferLearning.Prepare(base_.Network, new TransferOptions { Mode = TransferMode.LowerRate });
        Assert.Empty(setup.FrozenLayers);
        Assert.Equal(0.1, setup.LearnRateFactors["conv1"]);
        var raw = PatchSampler.RandomInMask(fx.Subjects.Select(Retarget), new RandomSamplerOptions { Count = 400 });
        var (train, val) = base_.Normalization.Apply(raw).SplitValidation(100, 1);
        Trainer.Train(setup.Network, train, val, new TrainerOptions { MaxEpochs = 1, LearningRate = 0.01, RestoreBestWeights = false }, learnRateFactors: setup.LearnRateFactors);
        var after = Layers(setup.Network);
        Assert.All(before.Keys, n => Assert.NotEqual(before[n], after[n]));
        setup.Network.Dispose();
    }

    [Fact]
    public void TrainingPipelineTransfersFromABaseModel()
    {
        var base_ = fx.Trained.Model;
        var setup = fx.Setup with
        {
            TargetName = "NF",
            Random = new RandomSamplerOptions { Count = 500 },
            Trainer = new TrainerOptions { MaxEpochs = 2, ValidationCount = 100 }.ForTransfer(),
            Transfer = TransferOptions.Paper,
        };
        using var nf = ModelTraining.Train(fx.Subjects.Select(Retarget).ToArray(), setup, baseModel: base_, baseModelName: "af-model").Model;
        Assert.Equal("NF", nf.TargetName);
        Assert.Equal(base_.Normalization.InputScale, nf.Normalization.InputScale);
        Assert.NotEqual(base_.Normalization.TargetOffset, nf.Normalization.TargetOffset);
        Assert.Equal(["res01b", "conv4", "conv5"], nf.Metadata.Transfer!.ReinitializedLayers);
        Assert.Equal("AF", nf.Metadata.Transfer.BaseTarget);
        Assert.Equal(1e-4, nf.Metadata.Training!.LearningRate);
        var wrong = fx.Subjects.Select(s => s with { Inputs = s.Inputs.WithChannelNames(["a", "b", "c", "d"]) }).ToArray();
        Assert.Throws<MrhException>(() => ModelTraining.Train(wrong, setup, baseModel: base_));
    }
}
