using Mrh.Analysis;
using Mrh.Contrasts;

namespace Mrh.Tests.Contrasts;

/// <summary>The pure pieces of the contrast analysis on hand-computed cases.</summary>
public class ContrastAnalysisTests
{
    [Fact]
    public void BootstrapOfConstantValuesIsThatValueAndSameSeedGivesSameInterval()
    {
        var ci = BootstrapInterval.OfMean([0.3, 0.3, 0.3], 500, 1);
        Assert.Equal(0.3, ci.Low, 12);
        Assert.Equal(0.3, ci.High, 12);
        double[] v = [1, 2, 3, 4, 10];
        Assert.Equal(BootstrapInterval.OfMean(v, 1000, 5), BootstrapInterval.OfMean(v, 1000, 5));
        var wide = BootstrapInterval.OfMean(v, 4000, 5);
        // the resampled means lie between the smallest and largest value and bracket the mean (4)
        Assert.InRange(wide.Low, 1, 4);
        Assert.InRange(wide.High, 4, 10);
        Assert.Throws<MrhException>(() => BootstrapInterval.OfMean([], 100, 1));
    }

    [Fact]
    public void AddedValueGainsArePositiveWhenTheCandidateHelpsAndUseThePairedTest()
    {
        HeldOutScore S(string u, double auc, double r2, double rmse) => new(u, auc, r2, rmse);
        var without = new[] { S("a", 0.80, 0.50, 0.30), S("b", 0.82, 0.55, 0.28), S("c", 0.78, 0.52, 0.31) };
        var with = new[] { S("a", 0.85, 0.60, 0.25), S("b", 0.86, 0.64, 0.24), S("c", 0.84, 0.63, 0.26) };
        var v = AddedValue.Compare(["X"], "MBP", without, with, 1000, 1);
        Assert.Equal((0.05 + 0.04 + 0.05) / 3, v.Rmse.Gain, 12);      // lower RMSE is a positive gain
        Assert.Equal((0.10 + 0.09 + 0.11) / 3, v.RSquared.Gain, 12);
        Assert.Equal(TTest.Paired([0.60, 0.64, 0.63], [0.50, 0.55, 0.52]).PValue, v.RSquared.PValue, 12);
        Assert.True(v.IsSignificant);
        // identical scores: no gain, p = 1
        var none = AddedValue.Compare(["X"], "MBP", without, without, 1000, 1);
        Assert.Equal(1, none.RSquared.PValue);
        Assert.False(none.IsSignificant);
        Assert.Throws<MrhException>(() => AddedValue.Compare(["X"], "MBP", without, with.Reverse().ToArray()));
    }

    static InputContribution C(string name, double share, double minutes) => new(name, false, share, 0, minutes);

    [Fact]
    public void ProtocolDesignTakesTheBestContributionPerMinuteThatFits()
    {
        // per minute: a 0.04, b 0.01, c 0.02, d 0.005
        var inputs = new[] { C("a", 0.4, 10), C("b", 0.3, 30), C("c", 0.2, 10), C("d", 0.1, 20) };
        Assert.Equal([0, 2], ProtocolDesign.Choose(inputs, 20));
        Assert.Equal([0, 2, 3], ProtocolDesign.Choose(inputs, 45));   // b (30) no longer fits after a + c, d does
        Assert.Equal([0, 1, 2], ProtocolDesign.Choose(inputs, 50));
        Assert.Empty(ProtocolDesign.Choose(inputs, 5));
        Assert.Throws<MrhException>(() => ProtocolDesign.Choose(inputs, 0));
        Assert.Equal([7, 20, 21], ProtocolDesign.Budgets(70, [0.1, 0.3], 20)); // 10% and 30% of 70 min, and the budget
    }

    [Fact]
    public void PooledContributionsAreTheMeanShareReRanked()
    {
        var pooled = InputContributions.Mean([[C("a", 0.6, 1), C("b", 0.4, 1)], [C("a", 0.2, 1), C("b", 0.8, 1)]]);
        Assert.Equal(0.4, pooled[0].Share, 12);
        Assert.Equal(0.6, pooled[1].Share, 12);
        Assert.Equal([2, 1], pooled.Select(p => p.Rank).ToArray());
        Assert.Throws<MrhException>(() => InputContributions.Mean([[C("a", 1, 1)], [C("b", 1, 1)]]));
    }
}

public class ContrastClaimsTests
{
    static MetricGain G(string m, double without, double with, double p, double lo, double hi) =>
        new(m, without, with, with - without, p, new ConfidenceInterval(lo, hi, 0.95));

    static ContrastReport Report(double p, double budgetR2)
    {
        var scores = new[] { new HeldOutScore("repeat 1", 0.9, 0.7, 0.1), new HeldOutScore("repeat 2", 0.9, 0.7, 0.1) };
        var added = new AddedValue(["MWF"], "MBP", scores, scores, G("RMSE", 0.1, 0.09, 0.5, -0.01, 0.02),
            G("AUC", 0.9, 0.91, 0.5, -0.01, 0.02), G("R²", 0.70, 0.75, p, 0.01, 0.09));
        var inputs = new[] { new InputContribution("T2W", false, 0.7, 1, 30), new InputContribution("MWF", true, 0.3, 2, 60) };
        var curve = new[] { new ProtocolPoint(30, ["T2W"], 30, 0.7, 0.1, 0.9, budgetR2), new ProtocolPoint(90, ["T2W", "MWF"], 90, 1, 0.09, 0.91, 0.75) };
        return new ContrastReport("d", "MBP", [new CandidateInfo("MWF", "m", 60)], added, [], inputs, 30, curve);
    }

    [Fact]
    public void TheRulesJudgeTheGainByPAndIntervalAndTheBudgetByR2()
    {
        var holds = ContrastClaims.Table(Report(0.01, 0.74)).Rows;
        Assert.Equal([true, null, true], holds.Select(r => r.Holds));
        Assert.Equal("2 of 2 (30.0%)", holds[1].ThisRun);
        var fails = ContrastClaims.Table(Report(0.2, 0.72)).Rows;   // p too high; R² 0.03 below all inputs
        Assert.Equal([false, null, false], fails.Select(r => r.Holds));
    }
}
