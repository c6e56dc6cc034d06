using Mrh.Analysis;
using Mrh.Data;
using Mrh.Experiments;
using Mrh.Imaging;
using Mrh.Presets;

namespace Mrh.Tests.Experiments;

public class SupplementaryTests
{
    [Fact]
    public void ToleratedDisplacementIsTheLastLevelWithinTheAucTolerance()
    {
        // drops from 0.95: 0.01 at 1, 0.025 at 2 (beyond 0.02), 0.015 at 4 (not reached: the first failure ends it)
        var runs = new List<(double, double)> { (4, 0.935), (0, 0.95), (2, 0.925), (1, 0.94) };
        Assert.Equal(1, MisregistrationExperiment.ToleratedVoxels(runs, 0.02));
        Assert.Equal(4, MisregistrationExperiment.ToleratedVoxels(runs, 0.03));
        Assert.Equal(0, MisregistrationExperiment.ToleratedVoxels(runs, 0.005));
        Assert.Throws<MrhException>(() => MisregistrationExperiment.ToleratedVoxels([(1, 0.9)], 0.02));
        Assert.Throws<MrhException>(() => MisregistrationExperiment.ToleratedVoxels([], 0.02));
    }

    [Fact]
    public void BrainSectionIsCroppedToTheBrainAndFilledWithItsMean()
    {
        // 5 x 4 x 2 grid (coronal sections along z); on section 1 the brain is x = 1..3, y = 1..2 minus (3, 2)
        var like = Volume.Zeros(5, 4, 2, spacing: [0.1, 0.1, 0.1]);
        var values = new float[like.VoxelCount];
        var brain = new bool[like.VoxelCount];
        for (int i = 0; i < values.Length; i++) values[i] = 100; // outside values must not leak in
        float v = 1;
        for (int y = 1; y <= 2; y++)
            for (int x = 1; x <= 3; x++)
            {
                if (x == 3 && y == 2) continue;
                brain[like.Index(x, y, 1)] = true;
                values[like.Index(x, y, 1)] = v++; // 1..5, mean 3
            }
        var volume = Volume.FromArray(like, values);
        var section = ResolutionAnalysis.BrainSection(volume, brain, 1)!;
        Assert.Equal(3, section.Width);
        Assert.Equal(2, section.Height);
        // the five brain values and, at the missing corner, their mean 3 (the outside value 100 never appears)
        Assert.Equal(new float[] { 1, 2, 3, 3, 4, 5 }, section.Pixels.Order());
        Assert.Equal(3f, section.Pixels.Average(), 5);
        Assert.Null(ResolutionAnalysis.BrainSection(volume, brain, 0));
        Assert.Throws<MrhException>(() => ResolutionAnalysis.BrainSection(volume, new bool[3], 1));
    }

    [Fact]
    public void WhiteNoiseIsResolvedToTwoPixelsInMicrometres()
    {
        // white noise in a 61 x 61 brain: the decorrelation analysis gives 2 pixels, here 2 x 100 µm
        int n = 61;
        var like = Volume.Zeros(n, n, 3, spacing: [0.1, 0.1, 0.1]);
        var random = new Random(7);
        var values = new float[like.VoxelCount];
        var brain = new bool[like.VoxelCount];
        for (int z = 0; z < 3; z++)
            for (int y = 0; y < n; y++)
                for (int x = 0; x < n; x++)
                {
                    int i = like.Index(x, y, z);
                    values[i] = (float)random.NextDouble();
                    brain[i] = true;
                }
        var white = Volume.FromArray(like, values);
        var r = ResolutionAnalysis.Estimate("noise", white, brain, [0, 1, 2]);
        Assert.Equal(3, r.Summary.Count);
        Assert.InRange(r.Summary.Mean, 190, 230);

        // the same noise blurred by a 3 x 3 box (its transfer function falls to zero at 1/3 cycle per pixel, i.e.
        // 300 µm) must come out clearly coarser
        var blurred = new float[values.Length];
        for (int z = 0; z < 3; z++)
            for (int y = 0; y < n; y++)
                for (int x = 0; x < n; x++)
                {
                    double s = 0; int c = 0;
                    for (int dy = -1; dy <= 1; dy++)
                        for (int dx = -1; dx <= 1; dx++)
                            if (x + dx >= 0 && x + dx < n && y + dy >= 0 && y + dy < n) { s += values[like.Index(x + dx, y + dy, z)]; c++; }
                    blurred[like.Index(x, y, z)] = (float)(s / c);
                }
        var b = ResolutionAnalysis.Estimate("blurred", Volume.FromArray(like, blurred), brain, [0, 1, 2]);
        Assert.True(b.Summary.Mean > 1.2 * r.Summary.Mean && b.Summary.Mean <= 330, $"blurred {b.Summary.Mean:0} µm vs white {r.Summary.Mean:0} µm");
    }

    [Fact]
    public void TheT2WeightedImageIsTheAnatomicalChannel()
    {
        // 2 x (2 b0 + 30 directions) diffusion images come first, then T2W
        Assert.Equal(64, ResolutionAnalysis.AnatomicalChannel(Protocol.Default67()));
    }

    [Fact]
    public void DisplacedTargetsScaleOneFieldPerAnimal()
    {
        var data = new PhantomStudyData(Mrh.Phantom.PhantomStudy.For(Preset.Smoke));
        var settings = ExperimentSettings.For(Preset.Smoke);
        var supp = new MisregistrationExperiment(data, settings);
        string a = supp.AfAnimals[0], b = supp.AfAnimals[1];
        var f1 = supp.Field(a, 1);
        var f2 = supp.Field(a, 2);
        Assert.Equal(1, f1.MeanMagnitude(), 3);
        Assert.Equal(2, f2.MeanMagnitude(), 3);
        // the same pattern at twice the amplitude
        for (int i = 0; i < f1.Dx.Length; i += 97)
        {
            Assert.Equal(2 * f1.Dx[i], f2.Dx[i], 3);
            Assert.Equal(2 * f1.Dy[i], f2.Dy[i], 3);
        }
        // another animal has another pattern
        var other = supp.Field(b, 1);
        Assert.NotEqual(f1.Dx.Take(2000), other.Dx.Take(2000));
        // no displacement leaves the AF as it is; a displacement moves it
        Assert.Equal(data.Af(a).Channels[0], supp.Target(a, 0).Channels[0]);
        Assert.NotEqual(data.Af(a).Channels[0], supp.Target(a, 2).Channels[0]);

        var c = supp.MisregistrationCases().First(x => x.DisplacementVoxels > 0);
        var pairs = supp.Pairs(c);
        Assert.Equal(Math.Max(supp.AfAnimals.Count, data.TrainingAnimals.Count), pairs.Count);
        for (int j = 0; j < pairs.Count; j++)
            Assert.Same(supp.Target(supp.AfAnimals[j % supp.AfAnimals.Count], c.DisplacementVoxels), pairs[j].Target);
        var k1 = supp.PatchSizeCases().First(x => x.PatchSize == 1);
        Assert.Equal(1, supp.SetupFor(k1, pairs.Count).PatchShape.Size);
        Assert.Equal(settings.PatchSizePatches, supp.SetupFor(k1, pairs.Count).MaxPatches);

        Assert.Throws<MrhException>(() => new MisregistrationExperiment(data, settings with { PatchSizes = [2] }));
        Assert.Throws<MrhException>(() => new MisregistrationExperiment(data, settings with { MisregistrationVoxels = [-1] }));
    }
}
