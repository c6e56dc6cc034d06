using Mrh.Model;
using Mrh.Patches;
using Xunit.Abstractions;

namespace Mrh.Tests.Model;

[Collection(TorchCollection.Name)]
public class TrainingTests(TrainedFixture fx, ITestOutputHelper output)
{
    [Fact]
    public void PaperRecipeLowersValidationLossAndBeatsPredictingTheMean()
    {
        var r = fx.Trained.Result;
        output.WriteLine($"validation L1: initial {r.InitialValidationLoss:0.0000}, best {r.BestValidationLoss:0.0000} at epoch {r.BestEpoch} ({r.StopReason}, {r.Seconds:0.0} s)");
        Assert.True(r.BestValidationLoss < 0.25 * r.InitialValidationLoss, $"validation loss {r.InitialValidationLoss} -> {r.BestValidationLoss}");
        // the baseline: every pixel of every validation patch predicted as the mean training target
        var model = fx.Trained.Model;
        var raw = ModelTraining.Sample(fx.Subjects, fx.Setup);
        var (train, val) = raw.SplitValidation(r.ValidationCount, Seeds.Int(fx.Setup.Seed, "validation"));
        var norm = model.Normalization;
        double mean = train.Targets.Average(t => (double)norm.TargetToNormalised(t));
        double baseline = Enumerable.Range(0, val.Count)
            .Average(i => Enumerable.Range(0, 9).Sum(p => Math.Abs(norm.TargetToNormalised(val.Targets[i * 9 + p]) - mean)));
        output.WriteLine($"predicting the mean: {baseline:0.0000}");
        Assert.True(r.BestValidationLoss < 0.5 * baseline, $"model {r.BestValidationLoss} vs mean {baseline}");
        Assert.Equal(r.BestValidationLoss, Trainer.Evaluate(model.Network, norm.Apply(val), LossKind.L1), 4);
    }

    [Fact]
    public void CurveScheduleAndProgressAreKept()
    {
        var r = fx.Trained.Result;
        Assert.Equal(r.History, fx.Reported);
        Assert.Equal(Enumerable.Range(1, r.History.Count), r.History.Select(h => h.Epoch));
        Assert.All(r.History, h => Assert.Equal(h.Epoch <= 10 ? 0.1 : 0.01, h.LearningRate, 12));
        Assert.Equal(r.BestEpoch, r.History.Where(h => h.IsBest).Last().Epoch);
        Assert.Equal(r.BestValidationLoss, r.History.Min(h => h.ValidationLoss));
        Assert.Equal(500, r.ValidationCount);
        Assert.Equal(4000 - 500, r.TrainCount);
        var m = fx.Trained.Model.Metadata;
        Assert.Equal(["a", "b"], m.Provenance!.Subjects);
        Assert.Equal(NormalizationKind.RobustPerChannel, m.Normalization.Kind);
        // the robust scaling undoes the channels' very different gains
        for (int c = 0; c < 4; c++) Assert.InRange(m.Normalization.InputScale[c] / SyntheticPair.Gains[c], 0.5, 0.85);
    }

    /// <summary>One step with lr 1, no momentum and no L2: the update is minus the clipped gradient.</summary>
    [Theory]
    [InlineData(GradientClipping.PerParameterL2Norm)]
    [InlineData(GradientClipping.GlobalL2Norm)]
    [InlineData(GradientClipping.AbsoluteValue)]
    public void ClippingBoundsTheUpdateAsMatlabDoes(GradientClipping clipping)
    {
        var raw = ModelTraining.Sample(fx.Subjects, fx.Setup);
        var patches = Normalization.FitRobust(raw).Apply(raw).Take(300);
        using var net = new MrhNetwork(new NetworkConfig(4, 1, 8), 3);
        var before = net.parameters().Select(p => p.data<float>().ToArray()).ToList();
        const double thr = 1e-3;
        var options = new TrainerOptions
        {
            LearningRate = 1, Momentum = 0, L2Regularization = 0, Clipping = clipping, ClippingThreshold = thr,
            BatchSize = 200, MaxEpochs = 1, RestoreBestWeights = false, Patience = 0,
        };
        Trainer.Train(net, patches.Take(200), patches.Select(Enumerable.Range(200, 100).ToArray()), options);
        var deltas = net.parameters().Select((p, i) => p.data<float>().ToArray().Select((v, j) => (double)v - before[i][j]).ToArray()).ToList();
        double Norm(double[] d) => Math.Sqrt(d.Sum(v => v * v));
        switch (clipping)
        {
            case GradientClipping.PerParameterL2Norm:
                Assert.All(deltas, d => Assert.True(Norm(d) <= thr * 1.001, $"{Norm(d)}"));
                Assert.True(deltas.Count(d => Math.Abs(Norm(d) - thr) < thr * 1e-3) >= deltas.Count / 2, "most parameters should be clipped to exactly the threshold");
                break;
            case GradientClipping.GlobalL2Norm:
                Assert.Equal(thr, Math.Sqrt(deltas.Sum(d => d.Sum(v => v * v))), 6);
                break;
            case GradientClipping.AbsoluteValue:
                Assert.All(deltas, d => Assert.True(d.Max(Math.Abs) <= thr * 1.001));
                Assert.Contains(deltas, d => d.Any(v => Math.Abs(Math.Abs(v) - thr) < 1e-6));
                break;
        }
    }

    [Fact]
    public void EarlyStoppingRestoresTheBestWeights()
    {
        var norm = fx.Trained.Model.Normalization;
        var patches = norm.Apply(ModelTraining.Sample(fx.Subjects, fx.Setup)).Take(700);
        using var net = new MrhNetwork(new NetworkConfig(4, 1, 8), 3);
        var initial = net.WeightBytes();
        // an update far below float resolution: the validation loss never improves
        var r = Trainer.Train(net, patches.Take(600), patches.Select(Enumerable.Range(600, 100).ToArray()),
            new TrainerOptions { LearningRate = 1e-30, Clipping = GradientClipping.None, L2Regularization = 0, MaxEpochs = 20 });
        Assert.Equal(StopReason.EarlyStop, r.StopReason);
        Assert.Equal(5, r.History.Count);
        Assert.Equal(0, r.BestEpoch);
        Assert.Equal(initial, net.WeightBytes());
        var stopped = Trainer.Train(net, patches.Take(600), patches.Select(Enumerable.Range(600, 100).ToArray()),
            new TrainerOptions { MaxEpochs = 20 }, continueTraining: e => e.Epoch < 2);
        Assert.Equal(StopReason.Callback, stopped.StopReason);
        Assert.Equal(2, stopped.History.Count);
    }

    [Fact]
    public void SameSeedGivesTheSameModelBytes()
    {
        var setup = fx.Setup with
        {
            Random = new RandomSamplerOptions { Count = 600 },
            Trainer = fx.Setup.Trainer with { MaxEpochs = 2, ValidationCount = 100 },
        };
        byte[] Run(TrainingSetup s)
        {
            using var m = ModelTraining.Train(fx.Subjects, s).Model;
            return m.Network.WeightBytes();
        }
        var a = Run(setup);
        var b = Run(setup);
        var c = Run(setup with { Seed = setup.Seed + 1 });
        Assert.Equal(a, b);
        Assert.NotEqual(a, c);
        var adam = setup with { Trainer = setup.Trainer.WithAdam() };
        Assert.Equal(Run(adam), Run(adam));
    }

    [Fact]
    public void BadTrainingInputsAreClearErrors()
    {
        using var net = new MrhNetwork(new NetworkConfig(3, 0, 4));
        var patches = ModelTraining.Sample(fx.Subjects, fx.Setup).Take(50);
        var e = Assert.Throws<MrhException>(() => Trainer.Train(net, patches, patches, new TrainerOptions()));
        Assert.Contains("4 channels", e.Message);
        Assert.Throws<MrhException>(() => new TrainerOptions { LearningRate = -1 }.Validate());
        Assert.Throws<MrhException>(() => ModelTraining.TrainOnPatches(patches.Take(3), fx.Setup));
    }
}
