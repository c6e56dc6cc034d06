using Mrh.Analysis;
using Mrh.Data;
using Mrh.Experiments;
using Mrh.Imaging;
using Mrh.Model;
using Mrh.Phantom;
using Mrh.Presets;

namespace Mrh.Tests.Experiments;

/// <summary>The pieces of Fig. 4 (MRH-Nissl) on small hand-computed inputs, and the train/test split on the phantom.</summary>
public class NisslExperimentTests
{
    /// <summary>A volume whose coronal axis has <paramref name="sections"/> sections and 2 x 2 voxels in plane.</summary>
    static (Volume Like, int Axis) Stack(int sections)
    {
        var probe = Volume.Zeros(1, 1, 1);
        int axis = probe.Axes.NormalAxis(AnatomicalPlane.Coronal);
        int[] dims = [2, 2, 2];
        dims[axis] = sections;
        return (Volume.Zeros(dims[0], dims[1], dims[2]), axis);
    }

    static int SectionOf(Volume v, int index, int axis)
    {
        int x = index % v.NX, y = index / v.NX % v.NY, z = index / (v.NX * v.NY);
        return axis switch { 0 => x, 1 => y, _ => z };
    }

    [Fact]
    public void SplitCutsTheBrainIntoATrainingBlockAndADisjointTestPart()
    {
        var (like, axis) = Stack(10);
        // brain in sections 2..7 only
        var brain = Enumerable.Range(0, like.VoxelCount).Select(i => SectionOf(like, i, axis) is >= 2 and <= 7).ToArray();
        var split = CoronalSplit.Blocks(like, brain, 0.5);
        Assert.Equal([2, 3, 4], split.TrainSections);
        Assert.Equal([5, 6, 7], split.TestSections);
        var train = split.TrainMask(like, brain);
        var test = split.TestMask(like, brain);
        Assert.Equal(12, train.Count(b => b)); // 3 sections x 4 voxels
        Assert.Equal(12, test.Count(b => b));
        Assert.DoesNotContain(Enumerable.Range(0, brain.Length), i => train[i] && test[i]);
        Assert.All(Enumerable.Range(0, brain.Length), i => Assert.Equal(brain[i], train[i] || test[i]));
        Assert.Equal([2, 4], CoronalSplit.Evenly([1, 2, 3, 4, 5], 2)); // positions (k + 0.5) x 5 / 2 = 1.25, 3.75: items 1 and 3
        Assert.Equal([5, 6, 7], split.EvaluationSections(0));
        Assert.Throws<MrhException>(() => CoronalSplit.Blocks(like, brain, 1.0));
    }

    [Fact]
    public void InputSetsTakeTheB0WithThePgseOrTheOgseImages()
    {
        var p = Protocol.Ogse42();
        var sets = NisslInputs.For(p);
        Assert.Equal([NisslInputs.Pgse, NisslInputs.Ogse, NisslInputs.Both], sets.Select(s => s.Id));
        // 2 b0, then 10 PGSE, then 10 each at 50, 100, 150 Hz
        Assert.Equal(Enumerable.Range(0, 12), sets[0].Channels);
        Assert.Equal(new[] { 0, 1 }.Concat(Enumerable.Range(12, 30)), sets[1].Channels);
        Assert.Equal(42, sets[2].Channels.Length);
        Assert.Equal(["b0", "PGSE", "OGSE 50 Hz", "OGSE 100 Hz", "OGSE 150 Hz"], p.Channels.Select(NisslInputs.SetOf).Distinct());
        Assert.Throws<MrhException>(() => NisslInputs.For(Protocol.Default67()));
    }

    [Fact]
    public void SignalAgainstFrequencyIsTheMeanOfEachSetOverTheB0ByCategory()
    {
        // 7 x 7 x 1 region, all inside: the surface is every voxel within 2 of the edge, the inner 3 x 3 is not
        var protocol = new Protocol([
            new("b0a", ChannelKind.B0), new("b0b", ChannelKind.B0),
            new("p1", ChannelKind.Dwi, 700, [1, 0, 0]), new("p2", ChannelKind.Dwi, 700, [0, 1, 0]),
            new("o1", ChannelKind.Dwi, 700, [1, 0, 0], 100), new("o2", ChannelKind.Dwi, 700, [0, 1, 0], 100)]);
        int n = 49;
        float[] Fill(Func<int, int, float> f) => Enumerable.Range(0, n).Select(i => f(i % 7, i / 7)).ToArray();
        bool Inner(int x, int y) => x is >= 2 and <= 4 && y is >= 2 and <= 4;
        bool Dense(int x, int y) => Inner(x, y) && x == 2; // 3 dense inner voxels, 6 sparse
        var mri = new Volume(7, 7, 1, [
            Fill((_, _) => 1.0f), Fill((_, _) => 3.0f),                                  // S0 = 2
            Fill((x, y) => Dense(x, y) ? 1.2f : 1.0f), Fill((x, y) => Dense(x, y) ? 1.0f : 1.0f), // PGSE: 1.1 or 1.0
            Fill((x, y) => Dense(x, y) ? 0.6f : 1.0f), Fill((x, y) => Dense(x, y) ? 0.8f : 0.8f), // OGSE: 0.7 or 0.9
        ]);
        var nissl = new Volume(7, 7, 1, [Fill((x, y) => Dense(x, y) ? 1f : Inner(x, y) ? 0f : 0.5f)]);
        var region = Enumerable.Repeat(true, n).ToArray();
        var signals = FrequencySignal.ByCategory(mri, protocol, nissl, region);
        var dense = signals.Single(s => s.Category == FeatureEmbedding.Hyper);
        var sparse = signals.Single(s => s.Category == FeatureEmbedding.Hypo);
        var surface = signals.Single(s => s.Category == FeatureEmbedding.Surface);
        Assert.Equal([0.0, 100.0], dense.FrequenciesHz);
        Assert.Equal(3, dense.Voxels);
        Assert.Equal(6, sparse.Voxels);
        Assert.Equal(40, surface.Voxels);
        Assert.Equal(0.55, dense.Mean[0], 6);
        Assert.Equal(0.35, dense.Mean[1], 6);
        Assert.Equal(0.5, sparse.Mean[0], 6);
        Assert.Equal(0.45, sparse.Mean[1], 6);
        Assert.Equal(-0.2, dense.Change, 6);
        Assert.Equal(0, dense.Sd[0], 6);
    }

    [Fact]
    public void SetContributionsSumTheImagesOfEachSetWithTheirSpreadOverRepeats()
    {
        // RMSE per channel and repeat: means 2, 2, 4 (total 8)
        double[][] rmse = [[1, 3], [2, 2], [4, 4]];
        var region = new RegionContributions("all", 10, rmse, [0.25, 0.25, 0.5], [0, 0, 0]);
        var sets = SetContribution.BySet(region, ["a", "a", "b"]);
        Assert.Equal(["a", "b"], sets.Select(s => s.Set));
        Assert.Equal(2, sets[0].Images);
        Assert.Equal(0.5, sets[0].Share, 12);
        Assert.Equal(0.5, sets[1].Share, 12);
        // set a per repeat: (1 + 2) / 8 = 0.375 and (3 + 2) / 8 = 0.625: SD = 0.25 / sqrt 2
        Assert.Equal(0.25 / Math.Sqrt(2), sets[0].Sd, 12);
        Assert.Equal(0, sets[1].Sd, 12);
        Assert.Throws<MrhException>(() => SetContribution.BySet(region, ["a", "b"]));
    }

    [Fact]
    public void SeparationIsOneForApartClustersAndZeroForAlternatingPoints()
    {
        string[] cats = ["h", "h", "h", "l", "l", "l"];
        var apart = EmbeddingSeparation.Compute([0, 0.1, 0.2, 10, 10.1, 10.2], [0, 0, 0, 0, 0, 0], cats, "h", "l", k: 2);
        Assert.Equal(1.0, apart.Agreement);
        Assert.Equal(12.0 / 30, apart.Chance, 12); // (3*2 + 3*2) / (6*5)
        var alternating = EmbeddingSeparation.Compute([0, 1, 2, 3], [0, 0, 0, 0], ["h", "l", "h", "l"], "h", "l", k: 1);
        Assert.Equal(0.0, alternating.Agreement);
        Assert.Throws<MrhException>(() => EmbeddingSeparation.Compute([0, 1], [0, 0], ["h", "h"], "h", "l"));
    }

    [Fact]
    public void HeterotopiaRegionIsWhereMutantsExceedControlsByHalfTheirContrast()
    {
        Volume V(params float[] v) => new(v.Length, 1, 1, [v]);
        // controls: dense (1) at voxels 0-1, sparse (0) elsewhere: contrast 1, threshold 0.5
        var controls = new[] { V(1, 1, 0, 0, 0, 0), V(1, 1, 0, 0, 0, 0) };
        // mutants: +0.8 at voxel 2 (in), +0.3 at voxel 3 (out), +0.9 at voxel 5 but outside the brain
        var mutants = new[] { V(1, 1, 0.7f, 0.3f, 0, 0.9f), V(1, 1, 0.9f, 0.3f, 0, 0.9f) };
        var brain = new[] { true, true, true, true, true, false };
        var region = HeterotopiaRegion.Compute(mutants, controls, brain);
        Assert.Equal(1.0, region.Contrast, 6);
        Assert.Equal(0.5, region.Threshold, 6);
        Assert.Equal([false, false, true, false, false, false], region.Mask);
    }

    [Fact]
    public void HeterotopiaRegionKeepsOnlyTheLargestConnectedPiece()
    {
        var like = Volume.Zeros(7, 1, 1);
        Assert.Equal([false, false, false, true, true, true, false],
            HeterotopiaRegion.LargestComponent(like, [true, true, false, true, true, true, false]));
        var plane = Volume.Zeros(3, 3, 1); // diagonal neighbours are not 6-connected: the first pixel stays alone
        Assert.Equal([false, false, false, false, true, true, false, true, false],
            HeterotopiaRegion.LargestComponent(plane, [true, false, false, false, true, true, false, true, false]));
    }

    [Fact]
    public void OnThePhantomTheTrainingPatchesNeverTouchTheTestSections()
    {
        var study = new PhantomStudy(PhantomConfig.For(Preset.Smoke) with { Cohorts = new CohortSizes { Sas4 = 1, Sas4Controls = 2 } });
        var fig4 = new NisslExperiment(new PhantomStudyData(study), ExperimentSettings.For(Preset.Smoke));
        Assert.Empty(fig4.Split.TrainSections.Intersect(fig4.Split.TestSections));
        Assert.Subset(fig4.Split.TestSections.ToHashSet(), fig4.EvaluationSections.ToHashSet());
        var mri = fig4.Mri(fig4.Controls[0]);
        int axis = mri.Axes.NormalAxis(AnatomicalPlane.Coronal);
        var both = fig4.InputSets.Single(s => s.Id == NisslInputs.Both);
        var pairs = fig4.TrainingPairs(both);
        foreach (var a in fig4.Controls)
        {
            var train = fig4.TrainMask(a);
            var test = fig4.TestMask(a);
            Assert.DoesNotContain(Enumerable.Range(0, train.Length), i => train[i] && test[i]);
            Assert.True(train.Any(b => b) && test.Any(b => b));
        }
        var setup = ExperimentSettings.For(Preset.Smoke).SetupFor(2000, pairs.Count, 1);
        var patches = ModelTraining.Sample(pairs, setup);
        Assert.True(patches.Count > 0);
        var trainSections = fig4.Split.TrainSections.ToHashSet();
        for (int p = 0; p < patches.Count; p++)
        {
            var (x, y, z) = patches.Center(p);
            Assert.Contains(axis switch { 0 => x, 1 => y, _ => z }, trainSections); // coronal patches: the whole patch is in that section
        }
        Assert.Equal(AnatomicalPlane.Coronal, setup.PatchShape.Plane);
    }
}
