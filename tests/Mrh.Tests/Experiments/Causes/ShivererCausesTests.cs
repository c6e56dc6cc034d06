using Mrh.Experiments;
using Mrh.Experiments.Causes;

namespace Mrh.Tests.Experiments.Causes;

/// <summary>The shiverer cause rows from hand-made comparisons: each measure re-judged by Fig. 3E's rule, the values hand-computed.</summary>
public class ShivererCausesTests
{
    static ShivererComparison Comparison(double[] controlDr, double[] shivererDr)
    {
        var animals = new List<ShivererAnimal>();
        for (int i = 0; i < 5; i++)
            animals.Add(new($"c{i}", StudyGroups.ShivererControls, Values(1 + 0.1 * (i % 2), 0.5 + 0.01 * i, controlDr[i])));
        for (int i = 0; i < 5; i++)
            animals.Add(new($"s{i}", StudyGroups.Shiverer, Values(0.5 + 0.1 * (i % 2), 0.4 + 0.01 * i, shivererDr[i])));
        return new ShivererComparison(TransferExperiment.ShivererMeasures, animals);
    }

    static Dictionary<string, double> Values(double mbp, double mtr, double dr) => new()
    {
        ["MBP (histology)"] = mbp, ["MRH-MBP"] = mbp, [ClassicMarker.Mtr.Name] = mtr,
        [ClassicMarker.DrLow.Name] = dr, [ClassicMarker.DrHigh.Name] = dr,
    };

    [Fact]
    public void TheDrRowsAreJudgedByTheClaimsRuleOnTheShiverersExcessOverTheControls()
    {
        double[] control = [1.0, 1.1, 0.9, 1.0, 1.0]; // mean 1.0
        var before = Comparison(control, [2.0, 2.1, 1.9, 2.0, 2.0]);   // t = 22: significant, the claim (not significant) fails
        var after = Comparison(control, [1.0, 1.1, 0.9, 1.05, 0.95]);  // the same mean: t = 0, p = 1, the claim holds
        var rows = ShivererCauses.Rows(before, after);
        Assert.Equal(["shiverer-mrh-mbp", "shiverer-mtr", "shiverer-dr", "shiverer-dr-b5000"], rows.Select(r => r.Claim));
        var dr = rows[2];
        Assert.Equal(["s0", "s1", "s2", "s3", "s4"], dr.Animals);
        Assert.Equal([100, 110, 90, 100, 100], dr.Before.Select(v => Math.Round(v, 9)));
        Assert.Equal([0, 10, -10, 5, -5], dr.After.Select(v => Math.Round(v, 9)));
        Assert.False(dr.HoldsBefore);
        Assert.True(dr.HoldsAfter);
        Assert.Equal(CauseVerdict.Confirmed, dr.Verdict);
        // MRH-MBP and MTR were significant before and after: those claims held, nothing to judge
        Assert.All(rows.Take(2), r => Assert.Equal((true, true, CauseVerdict.NotJudged), (r.HoldsBefore, r.HoldsAfter, r.Verdict)));
    }

    [Fact]
    public void AnExcessThatDoesNotMoveRejectsTheCause()
    {
        double[] control = [1.0, 1.1, 0.9, 1.0, 1.0];
        var before = Comparison(control, [2.0, 2.1, 1.9, 2.0, 2.0]);
        var rows = ShivererCauses.Rows(before, before);
        Assert.All(rows.Skip(2), r => Assert.Equal((false, false, CauseVerdict.Rejected, 1.0), (r.HoldsBefore, r.HoldsAfter, r.Verdict, r.PValue)));
    }

    [Fact]
    public void OtherShivererMiceAfterTheChangeAreRefused()
    {
        double[] control = [1.0, 1.1, 0.9, 1.0, 1.0];
        var before = Comparison(control, [2.0, 2.1, 1.9, 2.0, 2.0]);
        var renamed = new ShivererComparison(before.Measures, before.Animals.Select(a => a with { Animal = a.Animal + "x" }).ToArray());
        Assert.Throws<ArgumentException>(() => ShivererCauses.Rows(before, renamed));
    }

    [Fact]
    public void TheShivererRuleIsThePapersSignificanceForEachMeasure()
    {
        Assert.True(TransferClaims.ShivererHolds("MRH-MBP", 0.049));
        Assert.False(TransferClaims.ShivererHolds("MRH-MBP", 0.05));
        Assert.True(TransferClaims.ShivererHolds(ClassicMarker.DrHigh.Name, 0.05));
        Assert.False(TransferClaims.ShivererHolds(ClassicMarker.DrLow.Name, 0.049));
        Assert.Throws<MrhException>(() => TransferClaims.ShivererHolds("FA b=2,000", 0.5));
        Assert.Equal("shiverer-dr-b5000", TransferClaims.ShivererId(ClassicMarker.DrHigh.Name));
        Assert.Equal("shiverer-mrh-mbp", TransferClaims.ShivererId("MRH-MBP"));
    }
}
