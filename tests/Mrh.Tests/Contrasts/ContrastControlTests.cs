using Mrh.Contrasts;
using Mrh.Experiments;
using Mrh.Phantom;
using Mrh.Presets;
using Xunit.Abstractions;

namespace Mrh.Tests.Contrasts;

/// <summary>
/// The controls of the contrast analysis on the smoke digital mouse brain, mapping MBP: a channel of pure noise gains
/// nothing and ranks last among whole acquisitions; the stain's own (ideal, noisy) image gains significantly.
/// </summary>
public class ContrastControlTests(ITestOutputHelper output)
{
    [Fact]
    public void NoiseGainsNothingWhileTheStainsOwnInformationHelpsMbp()
    {
        var data = new PhantomContrastData(PhantomStudy.For(Preset.Smoke), "MBP");
        var settings = ExperimentSettings.For(Preset.Smoke);
        // 5 training repeats, not the smoke default 3: the verdict is a paired t-test over repeats, and with 3 (2 degrees of
        // freedom) it needs t > 4.3; on generator phantom-3 the oracle's R² gain at 3 repeats was +0.150 (bootstrap 95%
        // interval +0.104 .. +0.241) with p = 0.082. A positive control needs the power to show a gain that large.
        var options = ContrastOptions.For(Preset.Smoke) with { Repeats = 5 };
        var experiment = new ContrastExperiment(data, [data.Candidate("noise"), data.Candidate("oracle")], settings, options);
        int p = data.Protocol.Count, noise = p, oracle = p + 1;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var (without, _, _) = experiment.RunArm(experiment.BaseChannels);
        var (withNoise, ranks, useful, acquisitions) = experiment.RunArm([.. experiment.BaseChannels, noise], withContributions: true);
        var noiseValue = experiment.CompareAddedValue(without, withNoise);
        var (withOracle, _, _) = experiment.RunArm([.. experiment.BaseChannels, oracle]);
        var oracleValue = experiment.CompareAddedValue(without, withOracle);
        var noiseRank = ranks!.Single(r => r.IsCandidate);
        output.WriteLine($"{clock.Elapsed.TotalSeconds:0} s");
        foreach (var (name, v) in new[] { ("noise", noiseValue), ("oracle", oracleValue) })
            foreach (var g in new[] { v.Rmse, v.Auc, v.RSquared })
                output.WriteLine($"{name} {g.Metric}: {g.Without:0.0000} -> {g.With:0.0000}, gain {g.Gain:0.0000}, p {g.PValue:0.0000}, CI [{g.Interval.Low:0.0000}, {g.Interval.High:0.0000}]");
        output.WriteLine($"noise rank {noiseRank.Rank} of {ranks!.Count}, share {noiseRank.Share:P3}; smallest image share {ranks!.Where(r => !r.IsCandidate).Min(r => r.Share):P3}");
        var noiseUse = useful!.Single(r => r.IsCandidate);
        output.WriteLine($"noise usefulness rank {noiseUse.Rank} of {useful!.Count}, error increase {noiseUse.ErrorIncrease:E2} ({noiseUse.RelativeIncrease:P3}); smallest image {useful!.Where(r => !r.IsCandidate).Min(r => r.ErrorIncrease):E2}");

        // the verdicts (on R²): noise adds nothing, the stain's own information does
        Assert.False(noiseValue.IsSignificant, $"noise R² gain {noiseValue.RSquared.Gain}, p {noiseValue.RSquared.PValue}");
        Assert.True(oracleValue.IsSignificant, $"oracle R² gain {oracleValue.RSquared.Gain}, p {oracleValue.RSquared.PValue}");
        // the Fig. 2 perturbation does not rank the noise channel last: it measures the network's sensitivity, and a network
        // trained on 8,000 patches is sensitive to an input it cannot use (phantom-2: rank 35 of 68; phantom-3: rank 3,
        // share 2.5% against 0.8% for the least image). Recorded as a finding (docs/contrasts.md); what is asserted is
        // that it overrates the noise against its usefulness, the reason the verdicts use usefulness
        Assert.True(noiseRank.Rank < useful!.Single(r => r.IsCandidate).Rank - 10, $"noise ranked {noiseRank.Rank} by perturbation");
        // by usefulness (permutation importance on held-out patches wholly in the brain) the noise is of no use: its error
        // increase is zero up to sampling (0.1% at smoke) and it ranks at the bottom (65 of 68 at smoke on phantom-3, 68 on
        // phantom-2; the least useful images are as close to zero), asserted as the bottom tenth
        Assert.InRange(noiseUse.RelativeIncrease, -0.005, 0.005);
        Assert.True(noiseUse.Rank > 0.9 * useful!.Count, $"noise usefulness rank {noiseUse.Rank} of {useful!.Count}");
        // the cause of images ranking as low as the noise: they are redundant with the rest of their acquisition. Shuffled
        // as whole acquisitions (each one's images by one permutation), every acquisition costs more than the noise
        output.WriteLine("acquisitions: " + string.Join(", ", acquisitions!.OrderBy(a => a.Rank).Select(a => $"{a.Name} {a.RelativeIncrease:+0.00%;-0.00%}")));
        Assert.Equal(["DWI b=2000", "DWI b=5000", "T2W", "MT", "noise"], acquisitions!.Select(a => a.Name).ToArray());
        Assert.Equal(acquisitions!.Count, acquisitions!.Single(a => a.IsCandidate).Rank);
        Assert.All(acquisitions!.Where(a => !a.IsCandidate), a => Assert.True(a.RelativeIncrease > 0.005, $"{a.Name} {a.RelativeIncrease:P3}"));
    }
}
