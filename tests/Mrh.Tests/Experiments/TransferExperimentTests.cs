using Mrh.Analysis;
using Mrh.Data;
using Mrh.Experiments;
using Mrh.Imaging;
using Mrh.Phantom;

namespace Mrh.Tests.Experiments;

/// <summary>The pieces of Fig. 3 on tiny inputs with hand-computed answers.</summary>
public class TransferExperimentTests
{
    static readonly bool[] All10 = Enumerable.Repeat(true, 10).ToArray();

    [Fact]
    public void RadialDiffusivityIsScoredReversedSoLowDrFindsMyelin()
    {
        // reference 0..9: Otsu splits it into 0-4 / 5-9, so voxels 5-9 are the MBP-rich positives
        var reference = Enumerable.Range(0, 10).Select(v => (float)v).ToArray();
        var dr = reference.Select(v => 1e-3f - 1e-4f * v).ToArray(); // lower where MBP is higher
        Assert.Equal(1.0, TransferExperiment.Score(dr, reference, All10, Polarity.Low).Auc, 12);
        Assert.Equal(0.0, TransferExperiment.Score(dr, reference, All10, Polarity.High).Auc, 12);
        // a map that rises with the reference is perfect when high means rich
        Assert.Equal(1.0, TransferExperiment.Score(reference, reference, All10, Polarity.High).Auc, 12);
    }

    [Fact]
    public void RegionsTooSmallOrWithoutContrastAreNotScored()
    {
        var reference = Enumerable.Range(0, 40).Select(v => (float)(v % 2)).ToArray();
        Assert.True(TransferExperiment.CanScore(reference, Enumerable.Repeat(true, 40).ToArray()));
        // 19 voxels: fewer than the minimum of 20
        Assert.False(TransferExperiment.CanScore(reference, Enumerable.Range(0, 40).Select(i => i < 19).ToArray()));
        // only the even voxels: the reference is constant there
        Assert.False(TransferExperiment.CanScore(reference, Enumerable.Range(0, 40).Select(i => i % 2 == 0).ToArray()));
    }

    [Fact]
    public void TrainingMaskLeavesOutTheHeldOutSections()
    {
        // atlas axes: coronal sections are z; brain everywhere except voxel (0,0,0)
        var like = Volume.Zeros(2, 2, 5);
        var brain = Enumerable.Repeat(true, like.VoxelCount).ToArray();
        brain[like.Index(0, 0, 0)] = false;
        var mask = TransferExperiment.WithoutSections(like, brain, new HashSet<int> { 1, 3 });
        Assert.Equal(3 * 4 - 1, mask.Count(b => b)); // sections 0 (3 brain voxels), 2 and 4 (4 each)
        Assert.False(mask[like.Index(0, 0, 0)]);
        Assert.True(mask[like.Index(1, 0, 0)]);
        Assert.False(mask[like.Index(1, 1, 1)]);
        Assert.False(mask[like.Index(0, 1, 3)]);
        Assert.True(mask[like.Index(0, 1, 4)]);
    }

    [Fact]
    public void RegionsComeFromTheLabelsWithinTheGivenVoxels()
    {
        // labels along x: cortex, cortex, corpus callosum, hippocampus, internal capsule, thalamus, in 2 sections z
        var like = Volume.Zeros(6, 1, 2);
        float[] row = [1, 1, 2, 6, 4, 7];
        var labels = Volume.FromArray(like, row.Concat(row).ToArray(), "label");
        var within = Enumerable.Range(0, 12).Select(i => i != 0).ToArray(); // voxel 0 (cortex, z = 0) left out
        var roc = BrainRegions.RocRegions(labels, within);
        Assert.Equal([BrainRegions.WholeBrain, BrainRegions.Cortex, BrainRegions.Hippocampus], roc.Select(r => r.Name));
        Assert.Equal(3, roc[1].Voxels.Count(b => b));
        Assert.Equal(2, roc[2].Voxels.Count(b => b));
        var contributions = BrainRegions.ContributionRegions(labels, within);
        Assert.Equal(4, contributions[1].Voxels.Count(b => b)); // corpus callosum + internal capsule, twice
        Assert.Equal(5, contributions[2].Voxels.Count(b => b)); // cortex (3) + hippocampus (2)
        Assert.Equal(2, BrainRegions.CorpusCallosumOf(labels, within).Count(b => b));
        // section 1 has both cortex voxels, section 0 one
        Assert.Equal(1, BrainRegions.RichestSection(labels, roc[1].Voxels, [0, 1]));
        // atlas axes: coronal sections are z, sagittal x
        Assert.Equal(5, BrainRegions.Section(labels, within, AnatomicalPlane.Coronal, 0).Count(b => b));
        var sagittal = BrainRegions.Section(labels, within, AnatomicalPlane.Sagittal, 3);
        Assert.Equal([like.Index(3, 0, 0), like.Index(3, 0, 1)], Enumerable.Range(0, 12).Where(i => sagittal[i]));
    }

    [Fact]
    public void ClassicMarkersOfAnIsotropicPhantomAreTheClosedForms()
    {
        // every voxel: b0 = 1, DWI = exp(-b D) with D = 5e-4 mm^2/s in all directions, MT_off = 2, MT_on = 1.5
        var protocol = Protocol.Default67();
        const double d = 5e-4;
        var like = Volume.Zeros(2, 2, 1);
        var channels = protocol.Channels.Select(c => Enumerable.Repeat(c.Kind switch
        {
            ChannelKind.Dwi => (float)Math.Exp(-c.BValue * d),
            ChannelKind.MtOff => 2f,
            ChannelKind.MtOn => 1.5f,
            _ => 1f,
        }, like.VoxelCount).ToArray()).ToArray();
        var mri = like.WithChannels(channels, protocol.Names);
        var region = new[] { true, true, true, false };
        var maps = ClassicMarker.Compute(ClassicMarker.Fig3, protocol, mri, region);
        Assert.Equal(0.25, maps["MTR"].Channels[0][0], 5);
        Assert.Equal(0, maps["MTR"].Channels[0][3]);
        foreach (var shell in new[] { "b=2,000", "b=5,000" })
        {
            Assert.Equal(d, maps[$"DR {shell}"].Channels[0][1], 7);
            Assert.Equal(0, maps[$"FA {shell}"].Channels[0][2], 3);
        }
    }

    [Fact]
    public void ContributionsOfImageGroupsArePairedOverAnimals()
    {
        // 4 channels: T2W, MT_on, MT_off, one DWI; the MT group share in white matter minus cortex/hippocampus
        // differs by 0.1, 0.2, 0.3 over three animals: mean 0.2, SD 0.1, t = 0.2 / (0.1 / sqrt 3) = 3.4641,
        // df 2, two-sided p = 1 - t / sqrt(t^2 + 2) = 0.074180
        var protocol = new Protocol([new("T2W", ChannelKind.T2W, Group: "T2W"), new("MT_on", ChannelKind.MtOn, Group: "MT"),
            new("MT_off", ChannelKind.MtOff, Group: "MT"), new("dwi", ChannelKind.Dwi, 2000, [1, 0, 0], Group: "DWI-low")]);
        ContributionResult Animal(double mtWm) => new([1, 1, 1, 1],
        [
            Region(ContributionAnalysis.AllPatches, [0.25, 0.25, 0.25, 0.25]),
            Region(BrainRegions.WhiteMatter, [0.1, mtWm / 2, mtWm / 2, 0.9 - mtWm]),
            Region(BrainRegions.CortexHippocampus, [0.1, 0.1, 0.1, 0.7]),
        ]);
        var tests = ContributionComparison.Paired([Animal(0.3), Animal(0.4), Animal(0.5)], protocol, BrainRegions.WhiteMatter, BrainRegions.CortexHippocampus);
        Assert.Equal(["T2W", "MT", "DWI-low"], tests.Select(t => t.Group));
        var mt = tests[1];
        Assert.All(mt.First.Zip([0.3, 0.4, 0.5]), p => Assert.Equal(p.Second, p.First, 12));
        Assert.Equal(0.2, mt.Test.MeanDifference, 12);
        Assert.Equal(3.4641016, mt.Test.T, 6);
        Assert.Equal(0.074180, mt.Test.PValue, 5);
        Assert.Equal(1, tests[0].Test.PValue); // T2W: 0.1 in both regions of every animal
        Assert.Throws<MrhException>(() => ContributionComparison.Paired([Animal(0.3)], protocol, BrainRegions.WhiteMatter, BrainRegions.CortexHippocampus));
    }

    static RegionContributions Region(string name, double[] c) => new(name, 10, c.Select(v => new[] { v }).ToArray(), c, new double[c.Length]);

    [Fact]
    public void ShivererGroupsAreComparedByAStudentTTest()
    {
        // control 1, 2, 3 and shiverer 4, 5, 6: difference 3, pooled SD 1, SE sqrt(2/3), t = 3.6742, df 4, p = 0.021312
        var animals = new[] { 1.0, 2, 3 }.Select((v, i) => new ShivererAnimal($"c{i}", StudyGroups.ShivererControls, new Dictionary<string, double> { ["MTR"] = v }))
            .Concat(new[] { 4.0, 5, 6 }.Select((v, i) => new ShivererAnimal($"s{i}", StudyGroups.Shiverer, new Dictionary<string, double> { ["MTR"] = v }))).ToArray();
        var cmp = new ShivererComparison(["MTR"], animals);
        var t = cmp.Test("MTR");
        Assert.Equal(3, t.MeanDifference, 12);
        Assert.Equal(3.6742346, t.T, 6);
        Assert.Equal(4, t.DegreesOfFreedom);
        Assert.Equal(0.021312, t.PValue, 5);
        Assert.All(cmp.PercentOfControl(StudyGroups.Shiverer, "MTR").Zip([200.0, 250, 300]), p => Assert.Equal(p.Second, p.First, 12));
    }
}
