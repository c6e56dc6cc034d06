using Mrh.Experiments;

namespace Mrh.Tests.Experiments;

public class TrainingSizeClaimsTests
{
    static TrainingSizeFindings Findings(double i, double ii, double iii, double r3 = 0.15, double r4 = 0.3, double r5 = 0.32, double r2 = 0.72) =>
        new(new Dictionary<string, double> { ["i"] = i, ["ii"] = ii, ["iii"] = iii, ["iv"] = 0.93, ["v"] = 0.85 },
            new Dictionary<string, double> { ["i"] = 0.09, ["ii"] = 0.09, ["iii"] = r3, ["iv"] = r4, ["v"] = r5 }, r2);

    static bool? Holds(TrainingSizeFindings f, string id) => f.Claims().Rows.Single(r => r.Id == id).Holds;

    [Fact]
    public void ManyAnimalsNeedAnAucAbove094()
    {
        Assert.True(Holds(Findings(0.9401, 0.95, 0.92), "auc-i"));
        Assert.False(Holds(Findings(0.94, 0.95, 0.92), "auc-i"));       // "> 0.94": 0.94 itself does not
        Assert.False(Holds(Findings(0.95, 0.939, 0.92), "auc-ii"));
        Assert.Equal("0.939", Findings(0.95, 0.939, 0.92).Claims().Rows.Single(r => r.Id == "auc-ii").ThisRun);
    }

    [Fact]
    public void OneAnimalMustBeGoodButNotBetterThanMany()
    {
        Assert.True(Holds(Findings(0.95, 0.94, 0.92), "auc-iii"));
        Assert.False(Holds(Findings(0.95, 0.94, 0.90), "auc-iii"));      // not above 0.90
        Assert.True(Holds(Findings(0.93, 0.92, 0.9399), "auc-iii"));     // 0.0099 better than (i): within the margin
        Assert.False(Holds(Findings(0.93, 0.92, 0.9401), "auc-iii"));    // 0.0101 better: too good for one animal
    }

    [Fact]
    public void FewerPatchesMustRaiseTheRmseInBothCases()
    {
        var holds = Findings(0.95, 0.95, 0.92).Claims().Rows.Single(r => r.Id == "decline");
        Assert.True(holds.Holds);
        Assert.Equal("RMSE (iii) 0.150 / (iv) 0.300 / (v) 0.320", holds.ThisRun);
        Assert.False(Holds(Findings(0.95, 0.95, 0.92, r3: 0.15, r4: 0.14, r5: 0.32), "decline"));
        Assert.False(Holds(Findings(0.95, 0.95, 0.92, r3: 0.15, r4: 0.3, r5: 0.15), "decline"));
    }

    [Fact]
    public void MissingCasesAreNotJudgedAndRSquaredIsShownOnly()
    {
        var f = new TrainingSizeFindings(new Dictionary<string, double> { ["i"] = 0.95 }, new Dictionary<string, double>(), 0.7149);
        var rows = f.Claims().Rows;
        Assert.Null(rows.Single(r => r.Id == "auc-ii").Holds);
        Assert.Null(rows.Single(r => r.Id == "auc-iii").Holds);
        Assert.Null(rows.Single(r => r.Id == "decline").Holds);
        Assert.Equal("n/a", rows.Single(r => r.Id == "auc-ii").ThisRun);
        var r2 = rows.Single(r => r.Id == "r2-i");
        Assert.Null(r2.Holds);
        Assert.Equal("0.71", r2.ThisRun);
    }
}
