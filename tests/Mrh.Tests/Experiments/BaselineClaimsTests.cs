using Mrh.Experiments;

namespace Mrh.Tests.Experiments;

/// <summary>"MRH beats the linear baseline" on hand-made per-animal scores, with p-values from the closed form of Student's t at 2 degrees of freedom.</summary>
public class BaselineClaimsTests
{
    /// <summary>Two-sided p of t with 2 degrees of freedom: 1 - |t| / sqrt(2 + t²).</summary>
    static double P2(double t) => 1 - Math.Abs(t) / Math.Sqrt(2 + t * t);

    [Fact]
    public void TheNetworkMustBeHigherAndSignificantlySo()
    {
        // differences 2, 3, 4: mean 3, SD 1, t = 3 sqrt(3), p = 0.0351
        var wins = BaselineClaims.Judge([12, 13, 14], [10, 10, 10]);
        Assert.True(wins.Holds);
        Assert.Equal(3, wins.MeanDifference, 12);
        Assert.Equal(P2(3 * Math.Sqrt(3)), wins.PValue, 9);
        Assert.Equal(0.0351, wins.PValue, 4);
        // differences 1, 2, 3: t = 2 sqrt(3), p = 0.0742: higher, but not significantly
        var near = BaselineClaims.Judge([11, 12, 13], [10, 10, 10]);
        Assert.False(near.Holds);
        Assert.Equal(P2(2 * Math.Sqrt(3)), near.PValue, 9);
        // the baseline significantly better: the network does not beat it
        Assert.False(BaselineClaims.Judge([10, 10, 10], [12, 13, 14]).Holds);
        // identical scores are not "better"
        Assert.False(BaselineClaims.Judge([0.9, 0.8], [0.9, 0.8]).Holds);
    }

    [Fact]
    public void TooFewAnimalsOrMissingNumbersAreNotJudged()
    {
        Assert.Null(BaselineClaims.Judge([0.9], [0.5]).Holds);
        Assert.Null(BaselineClaims.Judge([0.9, double.NaN], [0.5, 0.5]).Holds);
        Assert.Throws<ArgumentException>(() => BaselineClaims.Judge([0.9, 0.8], [0.5]));
    }

    static TrainingSizeFindings Fig1(IReadOnlyList<BaselineScore>? baselines) =>
        new(new Dictionary<string, double> { ["i"] = 0.95, ["ii"] = 0.95 }, new Dictionary<string, double>(), 0.7, baselines);

    [Fact]
    public void Fig1JudgesTheLinearBaselineAndShowsTheOthers()
    {
        double[] mrh = [0.92, 0.93, 0.91, 0.94];
        var rows = Fig1([
            new("MRH-AF", "linear", "AUC", mrh, [0.80, 0.83, 0.80, 0.83]),
            new("MRH-AF", "polynomial", "AUC", mrh, [0.95, 0.96, 0.94, 0.97]),
        ]).Claims().Rows;
        var linear = rows.Single(r => r.Id == "baseline-mrh-af-linear");
        Assert.True(linear.Holds);
        Assert.StartsWith("0.925 vs 0.815 (difference +0.110, p = ", linear.ThisRun);
        Assert.EndsWith(", n = 4)", linear.ThisRun);
        var polynomial = rows.Single(r => r.Id == "baseline-mrh-af-polynomial");
        Assert.Null(polynomial.Holds); // for reference, though here the polynomial wins
        Assert.Contains("difference -0.030", polynomial.ThisRun);
        var perVoxel = rows.Single(r => r.Id == "baseline-mrh-af-1x1");
        Assert.Equal("not measured", perVoxel.ThisRun);
        Assert.Null(perVoxel.Holds);
        // no baselines run: the three rows say so
        Assert.All(Fig1(null).Claims().Rows.Where(r => r.Id.StartsWith("baseline-", StringComparison.Ordinal)), r => Assert.Equal("not measured", r.ThisRun));
        Assert.Equal(3, Fig1(null).Claims().Rows.Count(r => r.Id.StartsWith("baseline-", StringComparison.Ordinal)));
    }

    [Fact]
    public void ScoresArePairedByAnimal()
    {
        var s = BaselineScore.Paired("MRH-NF", "linear", "R²", new Dictionary<string, double> { ["b"] = 0.5, ["a"] = 0.4 },
            new Dictionary<string, double> { ["a"] = 0.1, ["b"] = 0.2 });
        Assert.Equal([0.4, 0.5], s.Mrh);
        Assert.Equal([0.1, 0.2], s.BaselineValues);
        Assert.Throws<MrhException>(() => BaselineScore.Paired("MRH-NF", "linear", "R²", new Dictionary<string, double> { ["a"] = 0.4 },
            new Dictionary<string, double> { ["b"] = 0.2 }));
    }
}
