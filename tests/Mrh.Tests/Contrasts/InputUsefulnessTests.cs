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
        // a report without usefulness (or without the noise) has no such row; the existing rows are unchanged
        var plain = Report(3) with { Usefulness = null };
        Assert.DoesNotContain(ContrastClaims.Table(plain).Rows, r => r.Id is "noise-last" or "usefulness-MWF");
    }
}
