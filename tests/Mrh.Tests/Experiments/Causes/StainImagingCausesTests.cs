using Mrh.Analysis;
using Mrh.Experiments;
using Mrh.Experiments.Causes;

namespace Mrh.Tests.Experiments.Causes;

/// <summary>Fig. 3's cause rows from hand-made ROCs: the marker claims re-judged as the claims table judges them.</summary>
public class StainImagingCausesTests
{
    /// <summary>
    /// A ROC with AUC <paramref name="auc"/> (a multiple of 0.01): ten cell-poor voxels scored 0..9 and ten rich ones, each
    /// placed above some of them, so that the share of (rich, poor) pairs in order is the AUC.
    /// </summary>
    static StructureRocResult Roc(double auc)
    {
        int pairs = (int)Math.Round(auc * 100);
        var scores = new List<float>();
        var reference = new List<float>();
        for (int i = 0; i < 10; i++) { scores.Add(i); reference.Add(0); }
        for (int j = 0; j < 10; j++)
        {
            int beats = Math.Min(10, Math.Max(0, pairs - 10 * j)); // fill the rich voxels one after another
            scores.Add(beats - 0.5f);
            reference.Add(1);
        }
        return StructureRoc.Compute(scores.ToArray(), reference.ToArray(), Enumerable.Repeat(true, 20).ToArray(), Polarity.High);
    }

    static IReadOnlyList<MapRoc> Animal(double nf, double mtr, double fa2000, double fa5000, double mbpHippocampus, double drHippocampus) =>
    [
        new("NF", BrainRegions.WholeBrain, "MRH-NF", Roc(nf)), new("NF", BrainRegions.WholeBrain, ClassicMarker.Mtr.Name, Roc(mtr)),
        new("NF", BrainRegions.WholeBrain, ClassicMarker.FaLow.Name, Roc(fa2000)), new("NF", BrainRegions.WholeBrain, ClassicMarker.FaHigh.Name, Roc(fa5000)),
        new("MBP", BrainRegions.Hippocampus, "MRH-MBP", Roc(mbpHippocampus)), new("MBP", BrainRegions.Hippocampus, ClassicMarker.DrHigh.Name, Roc(drHippocampus)),
    ];

    static StainImagingCauses.Measures Measures(params IReadOnlyList<MapRoc>[] animals) => new(["a1", "a2"],
        new Dictionary<string, double[]> { ["NF"] = [0.40, 0.45], ["MBP"] = [0.55, 0.60] }, animals);

    [Fact]
    public void TheHandMadeRocsHaveTheirAucs() => Assert.Equal(0.73, Roc(0.73).Auc, 12);

    [Fact]
    public void TheMarkerClaimsAreJudgedOnTheMeansAndMovedPerAnimal()
    {
        var before = Measures(Animal(0.85, 0.80, 0.75, 0.78, 0.77, 0.67), Animal(0.86, 0.81, 0.74, 0.78, 0.76, 0.66));
        var after = Measures(Animal(0.85, 0.70, 0.75, 0.78, 0.69, 0.67), Animal(0.86, 0.72, 0.74, 0.78, 0.69, 0.66));
        var rows = StainImagingCauses.Rows("cause", "change", before, after);
        Assert.Equal(["r2-nf", "r2-mbp", "nf-mtr-whole", "mbp-dr-hippocampus"], rows.Select(r => r.Claim));
        // R² did not move: the claims still fail, the cause is rejected
        Assert.All(rows.Take(2), r => Assert.Equal((false, false, CauseVerdict.Rejected), (r.HoldsBefore, r.HoldsAfter, r.Verdict)));
        // MTR's margin below the better of FA (b=5,000 here) and MRH-NF: -0.02, -0.03 -> +0.08, +0.06
        var mtr = rows[2];
        Assert.Equal([-0.02, -0.03], mtr.Before.Select(v => Math.Round(v, 9)));
        Assert.Equal([0.08, 0.06], mtr.After.Select(v => Math.Round(v, 9)));
        Assert.Equal((false, true, CauseVerdict.Confirmed), (mtr.HoldsBefore, mtr.HoldsAfter, mtr.Verdict));
        // MRH-MBP - DR in the hippocampus: +0.10, +0.10 (fails the 0.05) -> +0.02, +0.03 (mean 0.025: holds; paired t = 15, p 0.042)
        var dr = rows[3];
        Assert.Equal([0.10, 0.10], dr.Before.Select(v => Math.Round(v, 9)));
        Assert.Equal([0.02, 0.03], dr.After.Select(v => Math.Round(v, 9)));
        Assert.Equal((false, true, CauseVerdict.Confirmed), (dr.HoldsBefore, dr.HoldsAfter, dr.Verdict));
    }

    [Fact]
    public void AGapThatWidensRejectsTheCause()
    {
        var before = Measures(Animal(0.85, 0.80, 0.75, 0.78, 0.77, 0.67), Animal(0.86, 0.81, 0.74, 0.78, 0.76, 0.66));
        // MRH-MBP moves further above DR: away from passing
        var after = Measures(Animal(0.85, 0.80, 0.75, 0.78, 0.85, 0.67), Animal(0.86, 0.81, 0.74, 0.78, 0.83, 0.66));
        var dr = StainImagingCauses.Rows("cause", "change", before, after)[3];
        Assert.Equal((false, false, CauseVerdict.Rejected), (dr.HoldsBefore, dr.HoldsAfter, dr.Verdict));
        Assert.Throws<ArgumentException>(() => StainImagingCauses.Rows("cause", "change", before, after with { Animals = ["a1", "b2"] }));
    }
}
