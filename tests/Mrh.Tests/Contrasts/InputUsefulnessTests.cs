using Mrh.Analysis;
using Mrh.Contrasts;
using Mrh.Phantom;

namespace Mrh.Tests.Contrasts;

/// <summary>
/// The usefulness ranking (permutation importance) on a hand-built predictor whose answer is known independently,
/// and the claim rule on the noise control's usefulness rank.
/// </summary>
public class InputUsefulnessTests
{
    const int N = 4000;

    /// <summary>N patches of 2 channels of 3 x 3: channel 0 a signal, channel 1 independent noise; the target 2·x0 + e.</summary>
    static (float[] Patches, float[] Targets, double[] X0, double[] E) Case(ulong seed)
    {
        var rng = new Rng(seed);
        var patches = new float[N * 2 * 9];
        var targets = new float[N];
        var x0 = new double[N];
        var e = new double[N];
        for (int p = 0; p < N; p++)
        {
            for (int k = 0; k < 9; k++)
            {
                patches[(p * 2 + 0) * 9 + k] = (float)(3 + 1.5 * rng.NextGaussian());
                patches[(p * 2 + 1) * 9 + k] = (float)(5 + 2 * rng.NextGaussian());
            }
            x0[p] = patches[(p * 2 + 0) * 9 + 4];
            e[p] = (float)(0.5 * rng.NextGaussian());
            targets[p] = (float)(2 * x0[p] + e[p]);
        }
        return (patches, targets, x0, e);
    }

    /// <summary>y = 2 · (centre pixel of channel 0); channel 1 is ignored.</summary>
    static readonly IPatchPredictor Linear = PatchPredictor.From((patches, count) =>
        Enumerable.Range(0, count).Select(p => 2 * patches[(p * 2 + 0) * 9 + 4]).ToArray());

    static IReadOnlyList<InputUsefulness> Run(float[] patches, float[] targets, ulong seed, int permutations = 3, IReadOnlyList<int>? groups = null) =>
        InputUsefulness.Compute(Linear, patches, new PatchLayout(N, 2, 3), targets, ["x0", "noise"], [false, true], permutations, seed, groups);

    [Fact]
    public void AnIgnoredNoiseChannelGainsExactlyNothingAndTheSignalEightTimesItsVariance()
    {
        var (patches, targets, x0, e) = Case(11);
        var u = Run(patches, targets, 7);

        // the predictor ignores channel 1: shuffling it changes no prediction, the increase is exactly zero
        Assert.Equal(0.0, u[1].ErrorIncrease);
        Assert.Equal(0.0, u[1].RelativeIncrease);
        // channel 0: error (2·x0' - 2·x0 - e)² - e², whose expectation over uniform permutations of the sample is
        // 4 · mean over all pairs (x0_j - x0_i)² = 8 · Var(x0) (population variance of the sample), by hand here
        double mean = x0.Average(), var = x0.Average(v => (v - mean) * (v - mean));
        double baseline = e.Select(v => (double)(float)v).Average(v => v * v);
        Assert.InRange(u[0].ErrorIncrease / (8 * var), 0.93, 1.07);
        Assert.InRange(8 * var, 8 * 1.5 * 1.5 * 0.9, 8 * 1.5 * 1.5 * 1.1);   // and the sample's variance is the population's 2.25
        Assert.InRange(u[0].RelativeIncrease / (u[0].ErrorIncrease / baseline), 1 - 1e-4, 1 + 1e-4);
        Assert.Equal([1, 2], u.Select(x => x.Rank).ToArray());
        Assert.Equal(["x0", "noise"], u.Select(x => x.Name).ToArray());
        Assert.True(u[1].IsCandidate);

        // within groups (two "animals"): the same expectation, the noise still exactly zero
        var g = Run(patches, targets, 7, groups: Enumerable.Range(0, N).Select(p => p % 2).ToArray());
        Assert.Equal(0.0, g[1].ErrorIncrease);
        Assert.InRange(g[0].ErrorIncrease / (8 * var), 0.93, 1.07);
    }

    /// <summary>y = a + b, the centre pixels of channels 0 and 1, which are two copies of one signal x (redundant inputs).</summary>
    static readonly IPatchPredictor Sum = PatchPredictor.From((patches, count) =>
        Enumerable.Range(0, count).Select(p => patches[(p * 3 + 0) * 9 + 4] + patches[(p * 3 + 1) * 9 + 4]).ToArray());

    [Fact]
    public void ShufflingRedundantInputsTogetherCostsFourTimesWhatEachCostsAlone()
    {
        // channels 0 and 1 carry the same x, channel 2 independent noise; the target is 2x exactly (baseline error 0)
        var rng = new Rng(5);
        var patches = new float[N * 3 * 9];
        var targets = new float[N];
        var x = new double[N];
        for (int p = 0; p < N; p++)
        {
            for (int k = 0; k < 9; k++)
            {
                float v = (float)(1 + 0.5 * rng.NextGaussian());
                patches[(p * 3 + 0) * 9 + k] = v;
                patches[(p * 3 + 1) * 9 + k] = v;
                patches[(p * 3 + 2) * 9 + k] = (float)rng.NextGaussian();
            }
            x[p] = patches[(p * 3 + 0) * 9 + 4];
            targets[p] = 2 * patches[(p * 3 + 0) * 9 + 4];
        }
        double mean = x.Average(), var = x.Average(v => (v - mean) * (v - mean));
        var layout = new PatchLayout(N, 3, 3);
        var single = InputUsefulness.Compute(Sum, patches, layout, targets, ["a", "b", "noise"], [false, false, true], 3, 9);
        var sets = InputUsefulness.ComputeSets(Sum, patches, layout, targets, [new("shell", false, [0, 1]), new("noise", true, [2])], 3, 9);

        // alone: (a' - a)², expectation over permutations 2·Var(x); together: (2a' - 2a)², 8·Var(x), four times as much
        Assert.InRange(single[0].ErrorIncrease / (2 * var), 0.93, 1.07);
        Assert.InRange(single[1].ErrorIncrease / (2 * var), 0.93, 1.07);
        Assert.InRange(sets[0].ErrorIncrease / (8 * var), 0.93, 1.07);
        Assert.Equal(0.0, sets[1].ErrorIncrease);
        Assert.Equal([1, 2], sets.Select(u => u.Rank).ToArray());
        Assert.Equal(["shell", "noise"], sets.Select(u => u.Name).ToArray());
        Assert.True(sets[1].IsCandidate);

        // one channel per set, in channel order, is the per-input ranking to the byte (same seeds)
        var singletons = InputUsefulness.ComputeSets(Sum, patches, layout, targets, [new("a", false, [0]), new("b", false, [1]), new("noise", true, [2])], 3, 9);
        Assert.Equal(single, singletons);

        // a channel in two sets, an empty set, a channel outside the patches: one-line errors
        Assert.Throws<MrhException>(() => InputUsefulness.ComputeSets(Sum, patches, layout, targets, [new("s", false, [0, 1]), new("t", false, [1])], 1, 9));
        Assert.Throws<MrhException>(() => InputUsefulness.ComputeSets(Sum, patches, layout, targets, [new("s", false, [])], 1, 9));
        Assert.Throws<MrhException>(() => InputUsefulness.ComputeSets(Sum, patches, layout, targets, [new("s", false, [3])], 1, 9));
    }

    [Fact]
    public void TheSameSeedGivesTheSameBytesAndAnotherSeedAnotherPermutation()
    {
        var (patches, targets, _, _) = Case(3);
        static byte[] Bytes(IReadOnlyList<InputUsefulness> u) =>
            u.SelectMany(x => BitConverter.GetBytes(x.ErrorIncrease).Concat(BitConverter.GetBytes(x.RelativeIncrease)).Concat(BitConverter.GetBytes(x.Rank))).ToArray();
        Assert.Equal(Bytes(Run(patches, targets, 42)), Bytes(Run(patches, targets, 42)));
        Assert.NotEqual(Run(patches, targets, 42)[0].ErrorIncrease, Run(patches, targets, 43)[0].ErrorIncrease);
        Assert.Throws<MrhException>(() => Run(patches, targets, 42, permutations: 0));
    }

    [Fact]
    public void PoolingAveragesTheIncreasesAndReRanks()
    {
        var pooled = InputUsefulness.Mean([[U("a", 0.6, 1), U("b", 0.4, 2)], [U("a", 0.0, 2), U("b", 0.8, 1)]]);
        Assert.Equal(0.3, pooled[0].ErrorIncrease, 12);
        Assert.Equal(0.6, pooled[1].ErrorIncrease, 12);
        Assert.Equal([2, 1], pooled.Select(p => p.Rank).ToArray());
        Assert.Throws<MrhException>(() => InputUsefulness.Mean([[U("a", 1, 1)], [U("b", 1, 1)]]));
    }

    static InputUsefulness U(string name, double increase, int rank) => new(name, false, increase, increase, rank);

    [Fact]
    public void TheAcquisitionControlHoldsOnlyWhenTheNoiseIsTheLastAcquisition()
    {
        InputUsefulness A(string name, bool candidate, double increase, int rank) => new(name, candidate, increase, increase, rank);
        var last = Report(2) with { AcquisitionUsefulness = [A("DWI b=2000", false, 0.3, 1), A("MWF", true, 0.1, 2), A("noise", true, 0.0001, 3)] };
        var row = ContrastClaims.Table(last).Rows.Single(r => r.Id == "noise-last-acquisitions");
        Assert.True(row.Holds);
        Assert.StartsWith("rank 3 of 3 (error +0.01%); DWI b=2000 +30.0%, MWF +10.0%", row.ThisRun);
        // the per-input row keeps its own verdict beside it
        Assert.False(ContrastClaims.Table(last).Rows.Single(r => r.Id == "noise-last").Holds);
        var notLast = Report(2) with { AcquisitionUsefulness = [A("DWI b=2000", false, 0.3, 1), A("noise", true, 0.02, 2), A("MWF", true, 0.01, 3)] };
        Assert.False(ContrastClaims.Table(notLast).Rows.Single(r => r.Id == "noise-last-acquisitions").Holds);
    }

    static ContrastReport Report(int noiseUsefulnessRank)
    {
        var scores = new[] { new HeldOutScore("repeat 1", 0.9, 0.7, 0.1), new HeldOutScore("repeat 2", 0.9, 0.7, 0.1) };
        var g = new MetricGain("R²", 0.7, 0.7, 0, 0.9, new ConfidenceInterval(-0.01, 0.01, 0.95));
        var added = new AddedValue(["MWF", "noise"], "MBP", scores, scores, g with { Metric = "RMSE" }, g with { Metric = "AUC" }, g);
        var inputs = new[] { new InputContribution("T2W", false, 0.5, 1, 30), new InputContribution("MWF", true, 0.2, 3, 60), new InputContribution("noise", true, 0.3, 2, 0) };
        // the noise has the 2nd share of the perturbation: sensitivity, whatever its usefulness
        var useful = new[] { new InputUsefulness("T2W", false, 0.02, 0.2, 1), new InputUsefulness("MWF", true, 0.01, 0.1, noiseUsefulnessRank == 3 ? 2 : 3),
            new InputUsefulness("noise", true, noiseUsefulnessRank == 3 ? -0.001 : 0.015, 0.0, noiseUsefulnessRank) };
        var curve = new[] { new ProtocolPoint(90, ["T2W", "MWF", "noise"], 90, 1, 0.1, 0.9, 0.7) };
        return new ContrastReport("d", "MBP", [new CandidateInfo("MWF", "m", 60), new CandidateInfo("noise", "n", 0)], added, [], inputs, 90, curve, useful);
    }

    [Fact]
    public void TheNoiseControlHoldsOnlyWhenItRanksLastByUsefulness()
    {
        var last = ContrastClaims.Table(Report(3)).Rows.Single(r => r.Id == "noise-last");
        Assert.True(last.Holds);
        Assert.Contains("usefulness rank 3 of 3", last.ThisRun);
        Assert.Contains("perturbation rank 2 of 3", last.ThisRun);
        var second = ContrastClaims.Table(Report(2)).Rows.Single(r => r.Id == "noise-last");
        Assert.False(second.Holds);
        Assert.Contains("usefulness rank 2 of 3", second.ThisRun);
        // the candidate's usefulness rank is reported (no rule), beside its perturbation rank
        var mwf = ContrastClaims.Table(Report(3)).Rows.Single(r => r.Id == "usefulness-MWF");
        Assert.Null(mwf.Holds);
        Assert.StartsWith("2 of 3", mwf.ThisRun);
        // the inputs ranked below the noise are named
        Assert.EndsWith("; below it: MWF +10.00%", second.ThisRun);
        Assert.DoesNotContain("below it", last.ThisRun);
        // no acquisitions measured: no acquisitions row
        Assert.DoesNotContain(ContrastClaims.Table(Report(3)).Rows, r => r.Id == "noise-last-acquisitions");
        // a report without usefulness (or without the noise) has no such row; the existing rows are unchanged
        var plain = Report(3) with { Usefulness = null };
        Assert.DoesNotContain(ContrastClaims.Table(plain).Rows, r => r.Id is "noise-last" or "usefulness-MWF");
    }
}
