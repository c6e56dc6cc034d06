using Mrh.Analysis;
using Mrh.Data;
using Mrh.Experiments;
using Mrh.Presets;

namespace Mrh.Tests.Experiments;

public class ContributionExperimentTests
{
    // five images costing 10, 10, 30, 12, 12 minutes (74 in all)
    static Protocol Five() => new(
    [
        new("b0", ChannelKind.B0, 0, null, 0, 10, "DWI-low"),
        new("dwi", ChannelKind.Dwi, 2000, [1, 0, 0], 0, 10, "DWI-low"),
        new("T2W", ChannelKind.T2W, AcquisitionMinutes: 30, Group: "T2W"),
        new("MT_on", ChannelKind.MtOn, AcquisitionMinutes: 12, Group: "MT"),
        new("MT_off", ChannelKind.MtOff, AcquisitionMinutes: 12, Group: "MT"),
    ]);

    // ranking: image 1 (0.30), 4 (0.25), 2 (0.20), 3 (0.15), 0 (0.10)
    static readonly double[] Shares = [0.10, 0.30, 0.20, 0.15, 0.25];

    [Fact]
    public void SubsetsAreTheTopRankedImagesWithTheirShareAndImagingTime()
    {
        // sizes out of range (0, >= 5) and repeats are dropped; "all" comes last
        var subsets = ContributionExperiment.Subsets(Five(), Shares, [3, 2, 0, 9, 2, 5]);
        Assert.Equal(["top 2", "top 3", "all 5"], subsets.Select(s => s.Label));
        Assert.Equal([1, 4], subsets[0].Channels);          // protocol order
        Assert.Equal([1, 2, 4], subsets[1].Channels);
        Assert.Equal([0, 1, 2, 3, 4], subsets[2].Channels);
        Assert.Equal(0.55, subsets[0].Share, 12);
        Assert.Equal(0.75, subsets[1].Share, 12);
        Assert.Equal(22.0 / 74, subsets[0].ImagingFraction, 12); // 10 + 12 minutes
        Assert.Equal(52.0 / 74, subsets[1].ImagingFraction, 12); // 10 + 30 + 12
        Assert.Equal(1.0, subsets[2].ImagingFraction, 12);
        Assert.Throws<MrhException>(() => ContributionExperiment.Subsets(Five(), [0.5, 0.5], [1]));
    }

    [Fact]
    public void ImagingTimeCurveAddsTheImagesInRankOrder()
    {
        var curve = ContributionExperiment.ImagingTimeCurve(Five(), Shares);
        double[] minutes = [10, 22, 52, 64, 74];
        Assert.Equal(minutes.Length, curve.Length);
        for (int k = 0; k < minutes.Length; k++) Assert.Equal(minutes[k] / 74, curve[k], 12);
    }

    [Fact]
    public void TheDefaultProtocolHasFourImageGroups()
    {
        var labels = ContributionExperiment.GroupLabels(Protocol.Default67());
        Assert.Equal(32, labels.Count(l => l == "DWI b=2000")); // b0 images belong to their shell
        Assert.Equal(32, labels.Count(l => l == "DWI b=5000"));
        Assert.Equal(["T2W", "MT", "MT"], labels[64..]);
        Assert.Equal(["DWI b=2000", "DWI b=2000", "T2W", "MT", "MT"], ContributionExperiment.GroupLabels(Five()));
    }

    [Fact]
    public void PerImageContributionIsTheGroupMeanWithItsSpread()
    {
        var g = ContributionExperiment.PerImageByGroup([0.1, 0.3, 0.2, 0.4], ["a", "a", "b", "b"]);
        Assert.Equal(["a", "b"], g.Select(x => x.Group));
        Assert.Equal(0.2, g[0].Mean, 12);
        Assert.Equal(0.3, g[1].Mean, 12);
        Assert.Equal(Math.Sqrt(0.02), g[0].Sd, 12); // sample SD of {0.1, 0.3}
        Assert.Equal(2, g[1].Images);
    }

    [Fact]
    public void SubsetsAreComparedWithAllImagesByAPairedTTest()
    {
        // RMSE of a subset [1, 2, 3, 5] vs all [1, 1, 2, 3]: differences 0, 1, 1, 2 -> mean 1, SD sqrt(2/3),
        // t = 1 / (sqrt(2/3) / 2) = sqrt(6), 3 degrees of freedom. For 3 d.o.f. the two-sided p is
        // 1 - (2/pi)(theta + sin theta cos theta) with theta = atan(t / sqrt 3) = atan(sqrt 2).
        var runs = new[] { Run("top 2", [1, 2, 3, 5]), Run("all", [1, 1, 2, 3]) };
        var cmp = ContributionExperiment.CompareWithAll(runs);
        Assert.Single(cmp);
        double theta = Math.Atan(Math.Sqrt(2));
        Assert.Equal(1 - 2 / Math.PI * (theta + Math.Sin(theta) * Math.Cos(theta)), cmp[0].PValue, 9);
        Assert.Equal(1.0, cmp[0].MeanDifference, 12);
        // one held-out animal: no test
        Assert.True(double.IsNaN(ContributionExperiment.CompareWithAll([Run("top 2", [2]), Run("all", [1])])[0].PValue));
    }

    [Fact]
    public void SubsetNetworksSeeOnlyTheirImagesAndContributionsPoolTheHeldOutAnimals()
    {
        var data = new PhantomStudyData(Mrh.Phantom.PhantomStudy.For(Preset.Smoke, useCache: false));
        var settings = ExperimentSettings.For(Preset.Smoke) with { ContributionPatches = 40, Contribution = new ContributionOptions(Repeats: 1) };
        var fig2 = new ContributionExperiment(data, settings);
        var subset = new ImageSubset("T2W and MT", [64, 65, 66], 0.5, 0.1);
        var run = fig2.Run(subset);
        Assert.Equal(["T2W", "MT_on", "MT_off"], run.Trained.Model.ChannelNames);
        Assert.Equal(data.TestAnimals.Count, run.PerTestAnimal.Count);
        Assert.Throws<MrhException>(() => MrhAf.Train(fig2.Evaluation, [64, 64]));
        var contributions = fig2.Contributions(fig2.TrainStandard().Model);
        Assert.Equal(40 * data.TestAnimals.Count, contributions.All.Patches);
        Assert.Equal(67, contributions.All.Contributions.Length);
        Assert.Equal(1.0, contributions.All.Contributions.Sum(), 9);
    }

    static SubsetRun Run(string label, double[] rmse) => new(new ImageSubset(label, [0], 0, 0), null!, rmse.Select((_, i) => $"a{i}").ToArray(),
        rmse.Select(r => new EvaluationResult(1, r, null!, null!, null!)).ToList(), null!, 0);
}
