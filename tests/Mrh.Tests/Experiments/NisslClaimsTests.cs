using Mrh.Experiments;

namespace Mrh.Tests.Experiments;

/// <summary>The Fig. 4 verdict rules on hand-made findings: each rule once holding, once not, at its threshold.</summary>
public class NisslClaimsTests
{
    static IReadOnlyList<SetShare> Shares(double pgse, double o50, double o100, double o150, double b0 = 0.2) =>
        [new("b0", b0), new("PGSE", pgse), new("OGSE 50 Hz", o50), new("OGSE 100 Hz", o100), new("OGSE 150 Hz", o150)];

    // a run as the paper describes it
    static NisslFindings Good() => new(
        Both: new(0.90, 0.85, 0.80), Pgse: new(0.85, 0.80, 0.75), Ogse: new(0.87, 0.8, 0.8),
        NeighbourAgreement: 0.90, NeighbourChance: 0.50,
        HighNisslChange: -0.05, LowNisslChange: -0.01,
        SetShares: Shares(0.2, 0.2, 0.2, 0.2),
        PredictedMutant: 0.70, PredictedControl: 0.50, PredictedDifference: 0.20, PredictedP: 1e-5, NisslP: 1e-4);

    static bool? Verdict(NisslFindings f, string id) => f.Claims().Rows.Single(r => r.Id == id).Holds;

    [Fact]
    public void EveryRuleHoldsOnAGoodRun()
    {
        var rows = Good().Claims().Rows;
        Assert.Equal(["auc-both", "auc-pgse", "auc-ogse", "both-vs-pgse", "tsne", "frequency", "contribution", "heterotopia"], rows.Select(r => r.Id));
        Assert.All(rows.Where(r => r.Id is not ("auc-pgse" or "auc-ogse")), r => Assert.True(r.Holds, r.Id));
        Assert.Null(rows[1].Holds);
        Assert.Null(rows[2].Holds);
    }

    [Theory]
    [InlineData(0.8501, true)]
    [InlineData(0.85, false)]   // "above 0.85"
    public void GoodAgreementIsAnAucAboveEightyFive(double auc, bool holds) =>
        Assert.Equal(holds, Verdict(Good() with { Both = Good().Both with { Auc = auc } }, "auc-both"));

    [Theory]
    [InlineData(0.86, 0.85, 0.80, true)]
    [InlineData(0.85, 0.85, 0.80, false)]   // same AUC as PGSE only
    [InlineData(0.90, 0.80, 0.75, false)]   // higher AUC, but sensitivity + specificity no higher (1.55)
    public void BothMustBeatPgseInAucAndInSensitivityPlusSpecificity(double auc, double sensitivity, double specificity, bool holds) =>
        Assert.Equal(holds, Verdict(Good() with { Both = new(auc, sensitivity, specificity) }, "both-vs-pgse"));

    [Theory]
    [InlineData(0.801, 0.50, true)]
    [InlineData(0.80, 0.50, false)]    // not above 0.8
    [InlineData(0.90, 0.69, true)]
    [InlineData(0.90, 0.71, false)]    // less than 0.2 above chance
    public void SeparationNeedsHighAgreementWellAboveChance(double agreement, double chance, bool holds) =>
        Assert.Equal(holds, Verdict(Good() with { NeighbourAgreement = agreement, NeighbourChance = chance }, "tsne"));

    [Theory]
    [InlineData(-0.021, 0.01, true)]
    [InlineData(-0.02, 0.01, false)]    // exactly twice: not more than twice
    [InlineData(-0.02, -0.011, false)]
    [InlineData(0.05, 0.0, false)]      // rises in high-Nissl voxels
    public void SignalFallsOnlyInHighNissl(double high, double low, bool holds) =>
        Assert.Equal(holds, Verdict(Good() with { HighNisslChange = high, LowNisslChange = low }, "frequency"));

    [Theory]
    [InlineData(0.349, 0.25, 0.25, 0.151, true)]
    [InlineData(0.351, 0.25, 0.25, 0.149, false)]
    public void SetsContributeEquallyBetweenFifteenAndThirtyFivePercent(double pgse, double o50, double o100, double o150, bool holds) =>
        Assert.Equal(holds, Verdict(Good() with { SetShares = Shares(pgse, o50, o100, o150) }, "contribution"));

    [Fact]
    public void B0IsLeftOutOfTheEqualContribution()
    {
        var row = (Good() with { SetShares = Shares(0.1, 0.1, 0.1, 0.1, b0: 0.6) }).Claims().Rows.Single(r => r.Id == "contribution");
        Assert.True(row.Holds);
        Assert.Equal("PGSE 25% / OGSE 50 Hz 25% / OGSE 100 Hz 25% / OGSE 150 Hz 25%", row.ThisRun);
    }

    [Theory]
    [InlineData(0.2, 0.049, true)]
    [InlineData(0.2, 0.05, false)]
    [InlineData(-0.2, 1e-5, false)]    // significantly lower in the mutants
    public void HeterotopiaMustBeSignificantlyHigherInMutants(double difference, double p, bool holds) =>
        Assert.Equal(holds, Verdict(Good() with { PredictedDifference = difference, PredictedP = p }, "heterotopia"));

    [Fact]
    public void FormatsTheRowsAsTheNotebookDid()
    {
        var f = Good() with
        {
            Both = new(0.798, 0.802, 0.695),
            Pgse = new(0.736, 0.764, 0.651),
            SetShares = Shares(0.27, 0.24, 0.22, 0.27),
            PredictedMutant = 0.685,
            PredictedControl = 0.502,
            PredictedP = 7.5e-6,
            NisslP = 1.8e-4,
            HighNisslChange = -0.030,
            LowNisslChange = -0.017
        };
        var summary = f.Claims().Summary;
        Assert.Equal(new ClaimRow("PGSE + OGSE beats PGSE only (AUC; sensitivity and specificity at the optimal point)", "higher sensitivity and specificity",
            "AUC 0.798 vs 0.736; sens 0.802 vs 0.764; spec 0.695 vs 0.651", "holds", "holds if AUC and sensitivity + specificity are higher"), summary[3]);
        Assert.Equal("0.798", summary[0].ThisRun);
        Assert.Equal("high -0.030 / low -0.017", summary[5].ThisRun);
        Assert.Equal("PGSE 27% / OGSE 50 Hz 24% / OGSE 100 Hz 22% / OGSE 150 Hz 27%", summary[6].ThisRun);
        Assert.Equal("0.685 vs 0.502, p = 7.5e-6 (Nissl p = 1.8e-4)", summary[7].ThisRun);
    }
}
