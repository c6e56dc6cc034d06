using Mrh.Experiments;
using Mrh.Experiments.Causes;

namespace Mrh.Tests.Experiments.Causes;

/// <summary>Fig. 2's cause rows from hand-made measures: the claims' verdicts from Fig. 2's table, the movement paired per animal.</summary>
public class GreyMatterDiffusionCausesTests
{
    static readonly string[] Animals = ["t1", "t2", "t3", "t4"];

    static Claim[] Claims(bool share, bool auc38, bool rmse4) =>
    [
        new("Fig. 2", "share-top4", "the top 4 images carry 28%", "28%", "", share),
        new("Fig. 2", "share-top17", "the top 17 images carry 50%", "50%", "", share),
        new("Fig. 2", "auc-38", "top 38 AUC within 0.01", "comparable", "", auc38),
        new("Fig. 2", "rmse-4", "top 4 worse", "p = 0.028", "", rmse4),
    ];

    [Fact]
    public void TheRowsCarryFig2sVerdictsAndThePerAnimalDifferences()
    {
        var before = new GreyMatterDiffusionCauses.Measures(Animals, Claims(false, false, false), 0.18, 0.42,
            [-0.020, -0.015, -0.010, -0.019], [0.001, 0.004, -0.002, 0.003]);
        var after = new GreyMatterDiffusionCauses.Measures(Animals, Claims(true, true, true), 0.25, 0.55,
            [-0.005, 0.000, 0.002, -0.004], [0.010, 0.012, 0.008, 0.011]);
        var rows = GreyMatterDiffusionCauses.Rows(before, after);
        Assert.Equal(["share-top4", "share-top17", "auc-38", "rmse-4"], rows.Select(r => r.Claim));
        // a share is one number: judged by the table, its movement cannot be tested
        Assert.Equal((false, true, CauseVerdict.NotJudged), (rows[0].HoldsBefore, rows[0].HoldsAfter, rows[0].Verdict));
        Assert.Equal([0.18], rows[0].Before);
        Assert.Equal([0.42], rows[1].Before);
        Assert.Equal([0.55], rows[1].After);
        Assert.Equal(CauseVerdict.NotJudged, rows[1].Verdict);
        // AUC: +0.015, +0.015, +0.012, +0.015 per animal; RMSE difference grows by 0.009, 0.008, 0.010, 0.008: both significant
        Assert.Equal(CauseVerdict.Confirmed, rows[2].Verdict);
        Assert.Equal(CauseVerdict.Confirmed, rows[3].Verdict);
        Assert.Equal(Animals, rows[2].Animals);
    }

    [Fact]
    public void AClaimThatStaysFailingWithoutMovementRejectsTheCause()
    {
        var m = new GreyMatterDiffusionCauses.Measures(Animals, Claims(false, false, false), 0.18, 0.42,
            [-0.020, -0.015, -0.010, -0.019], [0.001, 0.004, -0.002, 0.003]);
        var rows = GreyMatterDiffusionCauses.Rows(m, m);
        Assert.All(rows.Skip(2), r => Assert.Equal(CauseVerdict.Rejected, r.Verdict));
        Assert.Throws<MrhException>(() => new GreyMatterDiffusionCauses.Measures(Animals, [], 0.2, 0.4, [0, 0, 0, 0], [0, 0, 0, 0]).Holds("auc-38"));
        Assert.Throws<ArgumentException>(() => GreyMatterDiffusionCauses.Rows(m, m with { Animals = ["x", "t2", "t3", "t4"] }));
    }
}
