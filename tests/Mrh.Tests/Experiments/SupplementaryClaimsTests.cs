using Mrh.Experiments;

namespace Mrh.Tests.Experiments;

/// <summary>The supplementary verdict rules on hand-made findings: each rule once holding, once not, at its tolerance.</summary>
public class SupplementaryClaimsTests
{
    // drops in AUC of -0.001, +0.002 and +0.015 at +1, +2 and +4 voxels; RMSE rising to +4
    static SupplementaryFindings Good() => new(0.522,
        [new(0, 0.093, 0.935), new(1, 0.094, 0.936), new(2, 0.100, 0.933), new(4, 0.115, 0.920)],
        [new(1, "1x1", 0.856), new(3, "3x3", 0.935), new(5, "5x5", 0.935)],
        InitialValidationLoss: 5.863, BestValidationLoss: 1.234, BestEpoch: 8, LastValidationLoss: 1.234,
        MriResolutionUm: 204, PredictionResolutionUm: 240, VoxelUm: 100);

    static bool? Verdict(SupplementaryFindings f, string id) => f.Claims().Rows.Single(r => r.Id == id).Holds;

    [Fact]
    public void EveryRuleHoldsOnAGoodRun()
    {
        var rows = Good().Claims().Rows;
        Assert.Equal(["field-chi", "tolerance", "degrades", "patch-size", "convergence", "res-mri", "res-limited"], rows.Select(r => r.Id));
        Assert.All(rows.Where(r => r.Id != "res-mri"), r => Assert.True(r.Holds, r.Id));
    }

    [Theory]
    [InlineData(0.62, true)]    // chi with 2 dof: 0.5227; +20% = 0.627
    [InlineData(0.63, false)]
    [InlineData(0.42, true)]    // -20% = 0.418
    [InlineData(0.41, false)]
    public void FieldIsChiWithinTwentyPercent(double sdOverMean, bool holds) =>
        Assert.Equal(holds, Verdict(Good() with { FieldSdOverMean = sdOverMean }, "field-chi"));

    [Theory]
    [InlineData(0.9151, true)]   // a drop just under 0.02 at +2 voxels
    [InlineData(0.9149, false)]  // just over
    public void MismatchesUpToTwoVoxelsCostAtMostTwoHundredthsOfAuc(double aucAt2, bool holds)
    {
        var f = Good() with { Levels = [new(0, 0.093, 0.935), new(1, 0.094, 0.936), new(2, 0.100, aucAt2), new(4, 0.115, 0.80)] };
        Assert.Equal(holds, Verdict(f, "tolerance"));
    }

    [Fact]
    public void LevelsBeyondTwoVoxelsDoNotCountForTheTolerance()
    {
        var f = Good() with { Levels = [new(0, 0.093, 0.935), new(3, 0.1, 0.70)] };
        var row = f.Claims().Rows.Single(r => r.Id == "tolerance");
        Assert.Null(row.Holds);
        Assert.Equal("no level in (0, 2]", row.ThisRun);
    }

    [Theory]
    [InlineData(0.116, true)]
    [InlineData(0.093, false)]   // the same RMSE as without displacement: no degradation
    public void LargestMismatchMustRaiseTheRmse(double rmseAt4, bool holds)
    {
        var f = Good() with { Levels = [new(0, 0.093, 0.935), new(2, 0.100, 0.933), new(4, rmseAt4, 0.920)] };
        Assert.Equal(holds, Verdict(f, "degrades"));
    }

    [Fact]
    public void DegradationIsNotJudgedWithoutADisplacedLevel() =>
        Assert.Null(Verdict(Good() with { Levels = [new(0, 0.093, 0.935)] }, "degrades"));

    [Fact]
    public void RunsWithoutAnUndisplacedLevelAreRejected() =>
        Assert.Throws<MrhException>(() => (Good() with { Levels = [new(1, 0.093, 0.935)] }).Claims());

    [Theory]
    [InlineData(0.9449, true)]   // another size just under 0.01 better than 3x3
    [InlineData(0.9451, false)]  // just over
    public void ThreeByThreeAtMostOneHundredthBelowEveryOtherSize(double auc5, bool holds) =>
        Assert.Equal(holds, Verdict(Good() with { PatchSizes = [new(1, "1x1", 0.856), new(3, "3x3", 0.935), new(5, "5x5", auc5)] }, "patch-size"));

    [Fact]
    public void PatchSizeIsNotJudgedWithoutThreeByThreeOrAnotherSize()
    {
        Assert.Null(Verdict(Good() with { PatchSizes = [new(1, "1x1", 0.856), new(5, "5x5", 0.9)] }, "patch-size"));
        Assert.Null(Verdict(Good() with { PatchSizes = [new(3, "3x3", 0.935)] }, "patch-size"));
    }

    [Theory]
    [InlineData(5.0, 1.0, 1.09, true)]   // last epoch within 10% of the best
    [InlineData(5.0, 1.0, 1.11, false)]  // still more than 10% above the best
    [InlineData(1.0, 1.0, 1.0, false)]   // never fell below the initial loss
    public void TrainingConverges(double initial, double best, double last, bool holds) =>
        Assert.Equal(holds, Verdict(Good() with { InitialValidationLoss = initial, BestValidationLoss = best, LastValidationLoss = last }, "convergence"));

    [Theory]
    [InlineData(180, true)]   // 0.9 x 200
    [InlineData(179, false)]
    public void VirtualHistologyIsNoSharperThanItsMri(double predictionUm, bool holds) =>
        Assert.Equal(holds, Verdict(Good() with { MriResolutionUm = 200, PredictionResolutionUm = predictionUm }, "res-limited"));

    [Theory]
    [InlineData(100)]
    [InlineData(204)]
    [InlineData(1000)]
    public void MriResolutionIsShownNotJudged(double mriUm) =>
        Assert.Null(Verdict(Good() with { MriResolutionUm = mriUm }, "res-mri"));

    [Fact]
    public void FormatsTheRowsAsTheNotebookDid()
    {
        var summary = Good().Claims().Summary;
        Assert.Equal(new ClaimRow("3x3 patches accommodate 1-2 pixel mismatches: AUC drop at up to +2 voxels", "1-2 pixels tolerated",
            "+1: -0.001 / +2: +0.002", "holds", "holds if every drop <= 0.02; tolerated up to +4 voxels"), summary[1]);
        Assert.Equal("0.093 -> 0.115 at +4", summary[2].ThisRun);
        Assert.Equal("1x1: 0.856 / 3x3: 0.935 / 5x5: 0.935", summary[3].ThisRun);
        Assert.Equal("5.863 -> 1.234 (epoch 8), last 1.234", summary[4].ThisRun);
        Assert.Equal(new ClaimRow("resolution of the MRI (decorrelation), µm", "~100 µm/pixel (the MRI's pixel size)", "204", "—",
            "shown for reference: the paper quotes a pixel size, and a decorrelation resolution cannot be finer than 2 pixels (200 µm here)"), summary[5]);
        Assert.Equal("240 vs 204", summary[6].ThisRun);
    }
}
