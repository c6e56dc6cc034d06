using Mrh.Analysis;
using Mrh.Data;

namespace Mrh.Tests.Analysis;

public class ContributionTests
{
    /// <summary>Random 3x3 patches, each channel around its own mean, plus optional fixed channels.</summary>
    static float[] Patches(PatchLayout layout, int seed, double mean = 100, double spread = 20)
    {
        var r = new SeededRandom(seed);
        var p = new float[layout.Length];
        for (int i = 0; i < p.Length; i++) p[i] = (float)(mean + spread * r.NextGaussian());
        return p;
    }

    static float Centre(float[] patches, PatchLayout l, int patch, int channel) =>
        patches[(patch * l.Channels + channel) * l.PixelsPerChannel + l.PixelsPerChannel / 2];

    [Fact]
    public void APredictorOfChannelZeroGivesItEverythingAndIgnoredChannelsNothing()
    {
        var layout = new PatchLayout(300, 4, 3);
        var patches = Patches(layout, 1);
        var result = ContributionAnalysis.Run((float[] x) =>
            Enumerable.Range(0, layout.Count).Select(p => 2 * Centre(x, layout, p, 0)).ToArray(),
            patches, layout, new ContributionOptions(Repeats: 3, Seed: 5));
        var all = result.All;
        Assert.Equal(1, all.Contributions[0], 12);
        for (int c = 1; c < 4; c++)
        {
            Assert.Equal(0, all.Contributions[c]);
            Assert.All(all.Rmse[c], v => Assert.Equal(0, v));
        }
        Assert.Equal(0, all.Ranking()[0]);
        Assert.Equal([1, 1, 1], all.ImagesToReach(0.28, 0.5, 0.75));
        // sigma = 10% of the channel mean (~100): the output moves by 2 x ~10
        Assert.InRange(result.NoiseSigma[0], 9.5, 10.5);
        Assert.InRange(all.Rmse[0].Average(), 19, 21.5);
    }

    [Fact]
    public void LinearWeightsAreRecoveredInProportion()
    {
        // output = 3 a + 1 b (centre pixels), equal channel means: at high SNR Rician noise is ~Gaussian
        // of the same sigma, so the RMSEs are ~3 sigma and ~1 sigma: contributions 0.75 and 0.25.
        var layout = new PatchLayout(2000, 2, 3);
        var patches = Patches(layout, 2);
        var result = ContributionAnalysis.Run((float[] x) =>
            Enumerable.Range(0, layout.Count).Select(p => 3 * Centre(x, layout, p, 0) + Centre(x, layout, p, 1)).ToArray(),
            patches, layout, new ContributionOptions(Repeats: 4, Seed: 9));
        Assert.Equal(0.75, result.All.Contributions[0], 2);
        Assert.Equal(0.25, result.All.Contributions[1], 2);
        Assert.Equal(1, result.All.Contributions.Sum(), 12);
        Assert.All(result.All.StandardDeviations, sd => Assert.InRange(sd, 0, 0.02));
    }

    [Fact]
    public void RegionsSeeTheirOwnDependence()
    {
        // channel 2 is an indicator (0 or 1): where it is 1 the output follows channel 0, elsewhere channel 1
        var layout = new PatchLayout(400, 3, 3);
        var patches = Patches(layout, 3);
        var inA = new bool[layout.Count];
        for (int p = 0; p < layout.Count; p++)
        {
            inA[p] = p % 2 == 0;
            for (int k = 0; k < 9; k++) patches[(p * 3 + 2) * 9 + k] = inA[p] ? 1 : 0;
        }
        IPatchPredictor net = PatchPredictor.From((x, n) => Enumerable.Range(0, n)
            .Select(p => Centre(x, layout, p, 2) > 0.5f ? Centre(x, layout, p, 0) : Centre(x, layout, p, 1)).ToArray());
        var regions = new[] { new PatchRegion("A", inA), new PatchRegion("B", inA.Select(b => !b).ToArray()) };
        var result = ContributionAnalysis.Run(net, patches, layout, new ContributionOptions(Repeats: 2), regions);
        Assert.Equal(["all", "A", "B"], result.Regions.Select(r => r.Region));
        Assert.Equal(1, result["A"].Contributions[0], 12);
        Assert.Equal(1, result["B"].Contributions[1], 12);
        Assert.Equal(0, result["A"].Contributions[2]); // sigma 0.05 never flips the indicator
        Assert.InRange(result.All.Contributions[0], 0.4, 0.6);
        Assert.Equal(200, result["A"].Patches);
        Assert.Throws<KeyNotFoundException>(() => result["C"]);
    }

    [Fact]
    public void SameSeedSameResultAndExplicitSignalSetsSigma()
    {
        var layout = new PatchLayout(50, 2, 3);
        var patches = Patches(layout, 4);
        Func<float[], float[]> f = x => Enumerable.Range(0, 50).Select(p => Centre(x, layout, p, 0) - 0.5f * Centre(x, layout, p, 1)).ToArray();
        var o = new ContributionOptions(Repeats: 2, Seed: 1);
        var a = ContributionAnalysis.Run(f, patches, layout, o);
        var b = ContributionAnalysis.Run(f, patches, layout, o);
        Assert.Equal(a.All.Contributions, b.All.Contributions);
        var c = ContributionAnalysis.Run(f, patches, layout, o with { Seed = 2 });
        Assert.NotEqual(a.All.Contributions, c.All.Contributions);
        var d = ContributionAnalysis.Run(f, patches, layout, o with { ChannelSignal = [50, 200], NoiseLevel = 0.2 });
        Assert.Equal([10.0, 40.0], d.NoiseSigma);
    }

    [Fact]
    public void BadInputsAreErrors()
    {
        var layout = new PatchLayout(10, 2, 3);
        var patches = new float[layout.Length];
        Assert.Throws<ArgumentException>(() => ContributionAnalysis.Run(x => new float[10], new float[5], layout));
        Assert.Throws<ArgumentException>(() => ContributionAnalysis.Run(x => new float[10], patches, layout, new ContributionOptions(ChannelSignal: [1])));
        Assert.Throws<InvalidOperationException>(() => ContributionAnalysis.Run(x => new float[7], patches, layout));
        // a constant network: nothing to attribute
        Assert.Throws<InvalidOperationException>(() => ContributionAnalysis.Run(x => new float[10], Patches(layout, 1), layout));
    }

    [Fact]
    public void RankingCumulativeAndImagesToReachHandWorked()
    {
        double[] c = [0.1, 0.4, 0.2, 0.3];
        Assert.Equal([1, 3, 2, 0], ContributionRanking.Ranking(c));
        var cum = ContributionRanking.Cumulative(c);
        Assert.Equal([0.4, 0.7, 0.9, 1.0], cum.Select(v => Math.Round(v, 12)));
        Assert.Equal([1, 2, 3, 2, 4], ContributionRanking.ImagesToReach(c, 0.28, 0.5, 0.75, 0.7, 1.0));
    }

    [Fact]
    public void GroupsFollowTheProtocol()
    {
        var protocol = Protocol.Default67();
        var uniform = Enumerable.Repeat(1.0 / 67, 67).ToArray();
        var region = new RegionContributions("all", 1, [], uniform, new double[67]);
        var groups = region.ByGroup(protocol);
        Assert.Equal(["DWI-low", "DWI-high", "T2W", "MT"], groups.Keys);
        Assert.Equal(32.0 / 67, groups["DWI-low"], 12);
        Assert.Equal(2.0 / 67, groups["MT"], 12);
        Assert.Equal(1, groups.Values.Sum(), 12);

        var ogse = Protocol.Ogse42();
        var g2 = ContributionRanking.ByGroup(Enumerable.Repeat(1.0 / 42, 42).ToArray(), ogse.Channels.Select(ch => ch.Group).ToArray());
        Assert.Equal(10.0 / 42, g2["PGSE"], 12);
        Assert.Equal(30.0 / 42, g2["OGSE"], 12);
    }

    [Fact]
    public void ImagingTimeOfSubsets()
    {
        var p = Protocol.Default67();
        // T2W (30 min) + both MT (12 + 12) of 694 minutes
        Assert.Equal(54, ImagingTime.Minutes(p, [64, 65, 66]), 12);
        Assert.Equal(54.0 / 694, ImagingTime.Fraction(p, [64, 65, 66]), 12);
        Assert.Equal(1, ImagingTime.Fraction(p, Enumerable.Range(0, 67)), 12);
        int[] ranking = [64, 65, 0, 1, 2];
        Assert.Equal(42.0 / 694, ImagingTime.FractionOfTop(p, ranking, 2), 12);
        Assert.Throws<ArgumentException>(() => ImagingTime.Fraction(p, [67]));
        Assert.Throws<ArgumentException>(() => ImagingTime.Fraction(p, [1, 1]));
    }

    [Fact]
    public void RicianNoiseOnZeroSignalIsRayleigh()
    {
        // |sigma (n1 + i n2)|: mean sigma sqrt(pi / 2), mean square 2 sigma^2
        var v = new float[200_000];
        RicianNoise.AddInPlace(v, 3, new SeededRandom(7));
        Assert.Equal(3 * Math.Sqrt(Math.PI / 2), v.Average(x => (double)x), 1);
        Assert.Equal(18, v.Average(x => (double)x * x), 0);
        Assert.All(v, x => Assert.True(x >= 0));
    }
}
