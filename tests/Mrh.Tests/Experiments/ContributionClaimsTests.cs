using Mrh.Experiments;

namespace Mrh.Tests.Experiments;

/// <summary>The Fig. 2 verdict rules on hand-made findings: each rule once holding, once not, at its tolerance.</summary>
public class ContributionClaimsTests
{
    // a run like the paper's: shares 28/50/75%, T2W and MT twice the DWIs, 57% of the time, top 38 as good as all
    static ContributionFindings Paper() => new(67, 4,
        [0.28, 0.50, 0.75], [4, 17, 38],
        T2wPerImage: 0.04, MtPerImage: 0.05, DwiPerImage: 0.02,
        All: new SubsetOutcome(67, 1.0, 0.100, 0.950),
        Top38: new SubsetOutcome(38, 0.57, 0.105, 0.945, PValue: 0.20, RmseDifference: 0.005),
        Top4: new SubsetOutcome(4, 0.10, 0.150, 0.900, PValue: 0.028, RmseDifference: 0.050),
        Aucs: [0.9, 0.92, 0.945, 0.95]);

    static bool? Verdict(ContributionFindings f, string id) => f.Claims().Rows.Single(r => r.Id == id).Holds;

    [Fact]
    public void EveryRuleHoldsOnThePapersNumbers()
    {
        var rows = Paper().Claims().Rows;
        Assert.Equal(["share-top4", "share-top17", "share-top38", "t2-mt", "time-38", "rmse-38", "auc-38", "rmse-4", "aucs"], rows.Select(r => r.Id));
        Assert.All(rows.Where(r => r.Id != "aucs"), r => Assert.True(r.Holds, r.Id));
        Assert.Null(rows.Single(r => r.Id == "aucs").Holds);
    }

    [Theory]
    [InlineData(0.379, true)]   // just inside +10 points (the boundary itself is at the mercy of rounding)
    [InlineData(0.181, true)]   // just inside -10 points
    [InlineData(0.381, false)]
    [InlineData(0.179, false)]
    public void ShareHoldsWithinTenPoints(double top4, bool holds)
    {
        var f = Paper() with { TopShares = [top4, 0.50, 0.75] };
        Assert.Equal(holds, Verdict(f, "share-top4"));
    }

    [Theory]
    [InlineData(0.04, 0.05, 0.02, true)]     // T2W exactly twice the DWIs
    [InlineData(0.039, 0.05, 0.02, false)]   // T2W just under twice
    [InlineData(0.05, 0.039, 0.02, false)]   // MT just under twice
    public void T2wAndMtNeedTwiceTheDwis(double t2w, double mt, double dwi, bool holds) =>
        Assert.Equal(holds, Verdict(Paper() with { T2wPerImage = t2w, MtPerImage = mt, DwiPerImage = dwi }, "t2-mt"));

    [Fact]
    public void T2wAndMtAreNotJudgedWithoutTheGroup() =>
        Assert.Null(Verdict(Paper() with { MtPerImage = double.NaN }, "t2-mt"));

    [Theory]
    [InlineData(0.619, true)]
    [InlineData(0.521, true)]
    [InlineData(0.621, false)]
    [InlineData(0.519, false)]
    public void ImagingTimeHoldsWithinFivePoints(double fraction, bool holds) =>
        Assert.Equal(holds, Verdict(Paper() with { Top38 = Paper().Top38 with { ImagingFraction = fraction } }, "time-38"));

    [Theory]
    [InlineData(0.049, 0.01, false)]   // significantly worse
    [InlineData(0.05, 0.01, true)]     // not significant at the 5% level
    [InlineData(0.01, -0.01, true)]    // significantly better is still comparable
    [InlineData(double.NaN, 0.01, true)] // no test possible (one animal): nothing says it is worse
    public void Top38RmseIsComparableUnlessSignificantlyWorse(double p, double difference, bool holds) =>
        Assert.Equal(holds, Verdict(Paper() with { Top38 = Paper().Top38 with { PValue = p, RmseDifference = difference } }, "rmse-38"));

    [Fact]
    public void Top38RmseIsNotJudgedWithoutATest() =>
        Assert.Null(Verdict(Paper() with { Top38 = Paper().All }, "rmse-38"));

    [Theory]
    [InlineData(0.940, true)]    // 0.01 below all: at the tolerance
    [InlineData(0.9399, false)]
    public void Top38AucWithinOneHundredth(double auc, bool holds) =>
        Assert.Equal(holds, Verdict(Paper() with { Top38 = Paper().Top38 with { Auc = auc } }, "auc-38"));

    [Theory]
    [InlineData(0.028, 0.05, true)]
    [InlineData(0.06, 0.05, false)]    // not significant
    [InlineData(0.01, -0.05, false)]   // significantly better, not worse
    [InlineData(double.NaN, 0.05, false)]
    public void Top4MustBeSignificantlyWorse(double p, double difference, bool holds) =>
        Assert.Equal(holds, Verdict(Paper() with { Top4 = Paper().Top4 with { PValue = p, RmseDifference = difference } }, "rmse-4"));

    [Fact]
    public void FormatsTheRowsAsTheNotebookDid()
    {
        var f = Paper() with
        {
            TopShares = [0.18, 0.42, 0.72],
            ImagesToReach = [9, 22, 41],
            All = new SubsetOutcome(67, 1, 0.0934, 0.916),
            Top38 = new SubsetOutcome(38, 0.58, 0.1203, 0.900, 0.0601, 0.027)
        };
        var summary = f.Claims().Summary;
        Assert.Equal(new ClaimRow("the top 4 images carry 28% of the total contribution", "28% (top 4)", "18%; 9 images reach 28%", "does not hold", ""), summary[0]);
        Assert.Equal(new ClaimRow("the top 38 images: RMSE comparable to all images (not significantly worse, paired t-test)", "comparable",
            "0.1203 vs 0.0934, p = 0.060", "holds", "top 38 RMSE +29% relative to all; n = 4 held-out animals"), summary[5]);
        Assert.Equal("0.900 / 0.920 / 0.945 / 0.950", summary[8].ThisRun);
        Assert.Equal("T2W 4.0%, MT 5.0%, DWI at most 2.0% per image", summary[3].ThisRun);
    }

    [Fact]
    public void RejectsFindingsWithoutThreeShares() =>
        Assert.Throws<MrhException>(() => (Paper() with { TopShares = [0.28, 0.5] }).Claims());
}
