using Mrh.Experiments.Causes;

namespace Mrh.Tests.Experiments.Causes;

/// <summary>Fig. 4's cause rows from hand-made measures: each claim re-judged by its own rule, as the notebook judges it.</summary>
public class NisslImagingCausesTests
{
    static readonly string[] Controls = ["c1", "c2", "c3", "c4"];

    static NisslImagingCauses.Measures Before() => new(Controls,
        Auc: [0.80, 0.82, 0.78, 0.80], Agreement: [0.60, 0.62, 0.58, 0.60], Chance: [0.5, 0.5, 0.5, 0.5],
        HighChange: [-0.030, -0.030, -0.030, -0.030], LowChange: [-0.018, -0.015, -0.018, -0.021]);

    [Fact]
    public void EachClaimIsJudgedByItsOwnRule()
    {
        // after: the mean AUC 0.86 > 0.85; the first control separated (0.85 > 0.8 and 0.35 above chance) while the others are
        // not (the notebook judges the first control); low-Nissl S/S0 falls by a third of the high-Nissl fall (< 1/2)
        var after = new NisslImagingCauses.Measures(Controls, [0.86, 0.89, 0.84, 0.87], [0.85, 0.63, 0.59, 0.61], [0.5, 0.5, 0.5, 0.5],
            [-0.030, -0.030, -0.030, -0.030], [-0.010, -0.010, -0.010, -0.010]);
        var rows = NisslImagingCauses.Rows("cause", "change", Before(), after);
        Assert.Equal(["auc-both", "tsne", "frequency"], rows.Select(r => r.Claim));
        Assert.All(rows, r => Assert.Equal("Fig. 4", r.Figure));
        Assert.All(rows, r => Assert.Equal((false, true), (r.HoldsBefore, r.HoldsAfter)));
        Assert.Equal(CauseVerdict.Confirmed, rows[0].Verdict);
        // the first control passes, the others moved by 0.01 only: the claim flips, the movement is within the spread
        Assert.Equal(CauseVerdict.Inconclusive, rows[1].Verdict);
        Assert.Equal(CauseVerdict.Confirmed, rows[2].Verdict);
        // the frequency metric: low / high, hand-computed
        Assert.Equal([0.6, 0.5, 0.6, 0.7], rows[2].Before.Select(v => Math.Round(v, 12)));
        Assert.Equal([1 / 3.0, 1 / 3.0, 1 / 3.0, 1 / 3.0], rows[2].After.Select(v => Math.Round(v, 12)), (a, b) => Math.Abs(a - b) < 1e-12);
    }

    [Fact]
    public void AMovementAwayFromPassingRejectsTheCause()
    {
        var before = Before();
        // AUC falls, agreement rises a little without passing, the low share grows (away from passing)
        var after = before with { Auc = [0.70, 0.71, 0.69, 0.70], Agreement = [0.61, 0.63, 0.59, 0.61], LowChange = [-0.025, -0.024, -0.026, -0.027] };
        var rows = NisslImagingCauses.Rows("cause", "change", before, after);
        Assert.Equal(CauseVerdict.Rejected, rows[0].Verdict);
        Assert.Equal(CauseVerdict.Contributes, rows[1].Verdict); // +0.01 in every control: p < 0.05, toward passing
        Assert.Equal(CauseVerdict.Rejected, rows[2].Verdict);
        Assert.Throws<ArgumentException>(() => NisslImagingCauses.Rows("cause", "change", before, after with { Controls = ["x", "c2", "c3", "c4"] }));
    }
}
