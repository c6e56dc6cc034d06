using Mrh.Experiments;

namespace Mrh.Tests.Experiments;

/// <summary>The plain-words summary of Fig. 1 follows the numbers it is given, on both sides of each statement.</summary>
public class TrainingSizeConclusionTests
{
    static TrainingSizeFindings Findings(double i, double ii, double iii, double r3, double r4, double r5, double[]? mrh = null, double[]? linear = null) =>
        new(new Dictionary<string, double> { ["i"] = i, ["ii"] = ii, ["iii"] = iii },
            new Dictionary<string, double> { ["iii"] = r3, ["iv"] = r4, ["v"] = r5 }, 0.7,
            mrh is null ? null : [new BaselineScore("MRH-AF", BaselineModel.Linear, "AUC", mrh, linear!)]);

    [Fact]
    public void AFallingAucAndARisingErrorAreSaidSoWithTheirNumbers()
    {
        var s = TrainingSizeConclusion.Sentences(Findings(0.95, 0.93, 0.90, 0.15, 0.30, 0.32));
        Assert.Equal("Less AF to learn from: the AUC falls as the network learns from less AF (60 animals 0.950, 6 animals 0.930, " +
                     "1 animal 0.900; the paper: above 0.94, above 0.94, 0.937).", s[0]);
        Assert.Equal("Fewer patches of one animal: the error (RMSE) rises from 0.150 (all patches) to 0.300 (5,000) and 0.320 (1,000), as in the paper.", s[1]);
        Assert.Equal(TrainingSizeConclusion.AucVersusRmse, s[^1]);
        Assert.Equal(3, s.Count); // no baselines, no sentence about them
    }

    [Fact]
    public void AnUnorderedAucAndAnErrorThatDoesNotRiseAreNotCalledAFall()
    {
        var s = TrainingSizeConclusion.Sentences(Findings(0.93, 0.95, 0.90, 0.30, 0.20, 0.40));
        Assert.Contains("does not fall steadily", s[0]);
        Assert.Contains("does not rise in both", s[1]);
        // this quick run's numbers: 6 animals and 1 animal within a thousandth
        Assert.Contains("is highest with 60 animals, and 1 animal does as well as 6",
            TrainingSizeConclusion.Sentences(Findings(0.939, 0.9162, 0.9163, 0.15, 0.30, 0.32))[0]);
        Assert.Contains("does not fall steadily", TrainingSizeConclusion.Sentences(Findings(0.939, 0.900, 0.930, 0.15, 0.30, 0.32))[0]);
    }

    [Fact]
    public void TheLinearModelIsSaidToWinOnlyWhenItIsSignificantlyBetter()
    {
        double[] net = [0.90, 0.91, 0.92, 0.93];
        // the linear model better on every animal by 0.03 +- a little: p far below 0.05
        var better = TrainingSizeConclusion.Sentences(Findings(0.95, 0.93, 0.90, 0.15, 0.30, 0.32, net, [0.93, 0.945, 0.948, 0.962]));
        Assert.Contains("a straight-line model on the same patches does better than the network (AUC 0.915 against 0.946", better[2]);
        Assert.Contains("not the best a map from these MRI images can do", better[2]);
        // differences of both signs: not significant
        var same = TrainingSizeConclusion.Sentences(Findings(0.95, 0.93, 0.90, 0.15, 0.30, 0.32, net, [0.92, 0.90, 0.93, 0.92]));
        Assert.Contains("do about as well (no significant difference)", same[2]);
        Assert.DoesNotContain("not the best", same[2]);
        // the network better on every animal
        var worse = TrainingSizeConclusion.Sentences(Findings(0.95, 0.93, 0.90, 0.15, 0.30, 0.32, net, [0.85, 0.87, 0.86, 0.885]));
        Assert.Contains("the network does better than a straight-line model", worse[2]);
    }
}
