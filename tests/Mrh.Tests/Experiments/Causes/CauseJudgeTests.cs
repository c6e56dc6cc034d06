using Mrh.Experiments.Causes;

namespace Mrh.Tests.Experiments.Causes;

/// <summary>
/// The verdict on a cause test: the claim re-judged by its own rule, and a paired t-test over the held-out animals of whether
/// the change moved the claim toward passing. p-values are checked against the closed
/// form of Student's t with 3 degrees of freedom (4 animals), not against our t-test.
/// </summary>
public class CauseJudgeTests
{
    /// <summary>Two-sided p of Student's t with 3 degrees of freedom: 1 - (2/π)(atan x + x / (1 + x²)), x = |t| / √3.</summary>
    static double PThreeDf(double t)
    {
        double x = Math.Abs(t) / Math.Sqrt(3);
        return 1 - 2 / Math.PI * (Math.Atan(x) + x / (1 + x * x));
    }

    static readonly double[] Before = [0.90, 0.91, 0.92, 0.93];
    // differences 0.02, 0.025, 0.02, 0.02: mean 0.02125, SD 0.0025, SE 0.00125, t = 17
    static readonly double[] Higher = [0.92, 0.935, 0.94, 0.95];

    [Fact]
    public void AClaimThatHoldsAfterTheChangeConfirmsTheCause()
    {
        var (verdict, p) = CauseJudge.Judge(false, true, Before, Higher, higherPasses: true);
        Assert.Equal(CauseVerdict.Confirmed, verdict);
        Assert.Equal(PThreeDf(17), p, 1e-9);
    }

    [Fact]
    public void ASignificantMoveTowardPassingThatStillFailsContributes()
    {
        var (verdict, p) = CauseJudge.Judge(false, false, Before, Higher, higherPasses: true);
        Assert.Equal(CauseVerdict.Contributes, verdict);
        Assert.True(p < CauseJudge.Alpha);
        // a metric where lower passes (RMSE): the same move is away from passing
        Assert.Equal(CauseVerdict.Rejected, CauseJudge.Judge(false, false, Before, Higher, higherPasses: false).Verdict);
        Assert.Equal(CauseVerdict.Contributes, CauseJudge.Judge(false, false, Higher, Before, higherPasses: false).Verdict);
    }

    [Fact]
    public void AMoveWithinTheSpreadOverAnimalsRejectsTheCause()
    {
        // differences +0.01, -0.01, +0.02, -0.015: mean 0.00125, SD 0.015478, t = 0.1615
        double[] after = [0.91, 0.90, 0.94, 0.915];
        var (verdict, p) = CauseJudge.Judge(false, false, Before, after, higherPasses: true);
        Assert.Equal(CauseVerdict.Rejected, verdict);
        double sd = Math.Sqrt((Math.Pow(0.01 - 0.00125, 2) + Math.Pow(-0.01 - 0.00125, 2) + Math.Pow(0.02 - 0.00125, 2) + Math.Pow(-0.015 - 0.00125, 2)) / 3);
        Assert.Equal(PThreeDf(0.00125 / (sd / 2)), p, 1e-9);
        Assert.Equal(CauseVerdict.Rejected, CauseJudge.Judge(false, false, Before, Before, higherPasses: true).Verdict);
    }

    [Fact]
    public void AClaimThatFlipsOnAMoveWithinTheSpreadIsInconclusive()
    {
        // the same move as above (t = 0.16): the claim sat at its threshold, so passing after does not show the cause
        double[] after = [0.91, 0.90, 0.94, 0.915];
        Assert.Equal(CauseVerdict.Inconclusive, CauseJudge.Judge(false, true, Before, after, higherPasses: true).Verdict);
        // a significant move the wrong way that still ends passing (the rule's direction) is not a confirmation either
        Assert.Equal(CauseVerdict.Inconclusive, CauseJudge.Judge(false, true, Before, Higher, higherPasses: false).Verdict);
    }

    [Fact]
    public void NothingIsJudgedWithoutAFailingClaimAndPairedFiniteValues()
    {
        Assert.Equal(CauseVerdict.NotJudged, CauseJudge.Judge(true, true, Before, Higher, true).Verdict);
        Assert.Equal(CauseVerdict.NotJudged, CauseJudge.Judge(null, true, Before, Higher, true).Verdict);
        Assert.Equal(CauseVerdict.NotJudged, CauseJudge.Judge(false, null, Before, Higher, true).Verdict);
        Assert.Equal(CauseVerdict.NotJudged, CauseJudge.Judge(false, true, [0.9], [0.95], true).Verdict);
        Assert.Equal(CauseVerdict.NotJudged, CauseJudge.Judge(false, true, Before, [0.92, double.NaN, 0.94, 0.95], true).Verdict);
        Assert.Throws<ArgumentException>(() => CauseJudge.Judge(false, true, Before, [0.95, 0.96], true));
    }

    [Fact]
    public void ARowCarriesItsVerdictAndMeans()
    {
        var row = CauseTest.Of("Fig. 1", "auc-ii", "cause", "change", "AUC", ["a", "b", "c", "d"], Before, Higher, false, false, true);
        Assert.Equal(CauseVerdict.Contributes, row.Verdict);
        Assert.Equal(0.915, row.BeforeMean, 1e-12);
        Assert.Equal(0.93625, row.AfterMean, 1e-12);
        Assert.Throws<ArgumentException>(() => CauseTest.Of("Fig. 1", "auc-ii", "c", "c", "AUC", ["a"], Before, Higher, false, false, true));
    }
}

/// <summary>The capacity cause test changes only the network's size and the number of epochs, nothing that decides the patches.</summary>
public class CapacityCauseTests
{
    [Theory]
    [InlineData(Mrh.Presets.Preset.Quick)]
    [InlineData(Mrh.Presets.Preset.Smoke)]
    public void OnlyTheNetworkSizeAndTheEpochsChange(Mrh.Presets.Preset preset)
    {
        var settings = Mrh.Experiments.ExperimentSettings.For(preset);
        var changes = CapacityCause.Changes(settings, 40);
        Assert.Equal(2, changes.Count);
        var paper = Mrh.Model.NetworkConfig.For(Mrh.Presets.Preset.Paper);
        foreach (var (_, t) in changes)
        {
            Assert.Equal((30, 64), (t.Network.Blocks, t.Network.Width));
            Assert.Equal((paper.Blocks, paper.Width), (t.Network.Blocks, t.Network.Width));
            // everything else as the standard setup: put the standard network and trainer back and the setups are equal
            Assert.Equal(settings.Training, t with { Network = settings.Training.Network, Trainer = settings.Training.Trainer });
            Assert.Equal(settings.Training.Trainer, t.Trainer with { MaxEpochs = settings.Training.Trainer.MaxEpochs });
        }
        Assert.Equal(settings.Training.Trainer.MaxEpochs, changes[0].Training.Trainer.MaxEpochs);
        Assert.Equal(40, changes[1].Training.Trainer.MaxEpochs);
    }
}
