using System.Diagnostics;
using Mrh.Analysis;
using Mrh.Data;
using Mrh.Imaging;
using Mrh.Model;

namespace Mrh.Experiments;

/// <summary>The RMSE of a subset's network against the network on all images: paired over the held-out animals.</summary>
public sealed record SubsetComparison(ImageSubset Subset, double MeanDifference, double PValue);

/// <summary>
/// Fig. 2: how much each MRI image contributes to MRH-AF. The standard MRH-AF network (Fig. 1 case ii) is
/// trained; Rician noise (10% of each image's mean) is added to one input image at a time on random patches
/// of the held-out animals and the RMSE of the output change, normalised to sum to one, is the image's
/// contribution. The images are ranked, the network is retrained (same animals, patches, sizes and seed) on
/// the top-ranked subsets, and each subset is judged against the reference AF and by its imaging time.
/// </summary>
public sealed class ContributionExperiment
{
    readonly TrainingSizeExperiment _fig1;

    public ContributionExperiment(StudyData data, ExperimentSettings settings)
    {
        _fig1 = new TrainingSizeExperiment(data, settings);
    }

    /// <summary>The cumulative shares the paper reads off its curve: the top 4, 17 and 38 images make 28%, 50% and 75%.</summary>
    public static IReadOnlyList<double> PaperShares { get; } = [0.28, 0.5, 0.75];

    public StudyData Data => _fig1.Data;
    public ExperimentSettings Settings => _fig1.Settings;
    public Protocol Protocol => Data.Protocol;
    /// <summary>Data access and evaluation shared with Fig. 1 (MRI, masks, evaluation sections, reference AF).</summary>
    public TrainingSizeExperiment Evaluation => _fig1;

    /// <summary>Step 1: the standard MRH-AF network on all images.</summary>
    public TrainedModel TrainStandard(IProgress<EpochReport>? progress = null) => MrhAf.Train(_fig1, null, progress, StandardUnit);

    const string StandardUnit = "fig2-standard";

    /// <summary>The unit id of the network on a top-ranked subset: "fig2-top4".</summary>
    public static string UnitId(ImageSubset subset) => $"fig2-top{subset.Count}";

    /// <summary>
    /// The training units of Fig. 2: the standard network, and one per top-ranked subset smaller than the protocol
    /// (which images they see follows from the standard network's contributions, so their recipes come after it).
    /// </summary>
    public IReadOnlyList<TrainingUnit> Units()
    {
        var units = new List<TrainingUnit> { new(StandardUnit, "fig2", "MRH-AF on all images", MrhAf.Recipe(_fig1, StandardUnit)) };
        foreach (int n in Settings.ContributionSubsets.Where(n => n > 0 && n < Protocol.Count).Distinct().Order())
            units.Add(new TrainingUnit($"fig2-top{n}", "fig2", $"MRH-AF on the top {n} images", null, [StandardUnit]));
        return units;
    }

    /// <summary>Trains (or finds in the cache) the network of one unit of <see cref="Units"/>, as the notebook does.</summary>
    public TrainedModel TrainUnit(string id, IProgress<EpochReport>? progress = null)
    {
        if (id == StandardUnit) return TrainStandard(progress);
        using var standard = TrainStandard(progress).Model;
        var subset = Subsets(Contributions(standard).All.Contributions).FirstOrDefault(s => UnitId(s) == id)
            ?? throw new MrhException($"Fig. 2 has no training unit '{id}'");
        return MrhAf.Train(_fig1, subset.Channels, progress, id);
    }

    /// <summary>
    /// Step 2: the contribution of each image (protocol order) on <see cref="ExperimentSettings.ContributionPatches"/>
    /// random patches of each held-out animal (inside its brain mask), pooled. Progress counts perturbed predictions.
    /// </summary>
    public ContributionResult Contributions(MrhModel model, IProgress<int>? progress = null)
    {
        var subjects = Data.TestAnimals.Select(a => (_fig1.Mri(a), (bool[]?)_fig1.MaskOf(a))).ToList();
        return ChannelContributions.Compute(model, subjects, Settings.ContributionPatches, Settings.Contribution with { Seed = Settings.Seed }, progress, Settings.Inference());
    }

    /// <summary>The image group of each channel, for colouring: "DWI b=2000", "DWI b=5000", "T2W", "MT", ...</summary>
    public string[] ImageGroups() => GroupLabels(Protocol);

    /// <summary>
    /// A readable group per channel: a diffusion group is named by the largest b-value in it ("DWI b=2000",
    /// its b0 images included); other groups keep their name; channels without a group get their kind.
    /// </summary>
    public static string[] GroupLabels(Protocol protocol)
    {
        ArgumentNullException.ThrowIfNull(protocol);
        var maxB = protocol.Channels.Where(c => c.IsDiffusion && c.Group.Length > 0)
            .GroupBy(c => c.Group).ToDictionary(g => g.Key, g => g.Max(c => c.BValue));
        return protocol.Channels.Select(c =>
            c.Group.Length == 0 ? c.Kind.ToString()
            : maxB.TryGetValue(c.Group, out double b) && b > 0 ? $"DWI b={b:0}"
            : c.Group).ToArray();
    }

    /// <summary>Mean and SD of the contribution per image within each group (groups in order of first appearance).</summary>
    public static IReadOnlyList<(string Group, int Images, double Mean, double Sd)> PerImageByGroup(IReadOnlyList<double> contributions, IReadOnlyList<string> groups)
    {
        if (contributions.Count != groups.Count) throw new MrhException($"{groups.Count} group names for {contributions.Count} contributions");
        return groups.Distinct().Select(g =>
        {
            var v = Enumerable.Range(0, groups.Count).Where(i => groups[i] == g).Select(i => contributions[i]).ToArray();
            return (g, v.Length, v.Average(), v.Length > 1 ? Descriptive.StandardDeviation(v) : 0);
        }).ToList();
    }

    /// <summary>Step 4's subsets for these contributions: the top <see cref="ExperimentSettings.ContributionSubsets"/> images and all.</summary>
    public IReadOnlyList<ImageSubset> Subsets(IReadOnlyList<double> contributions) => Subsets(Protocol, contributions, Settings.ContributionSubsets);

    /// <summary>
    /// The top-<c>n</c> subsets of a ranking for each size in <paramref name="sizes"/> smaller than the protocol
    /// (ascending, without repeats), then all images; each with its share of the contribution and of the imaging time.
    /// </summary>
    public static IReadOnlyList<ImageSubset> Subsets(Protocol protocol, IReadOnlyList<double> contributions, IReadOnlyList<int> sizes)
    {
        ArgumentNullException.ThrowIfNull(protocol);
        if (contributions.Count != protocol.Count)
            throw new MrhException($"{contributions.Count} contributions for a protocol of {protocol.Count} images");
        double total = contributions.Sum();
        if (!(total > 0)) throw new MrhException("the contributions add up to zero");
        var ranking = ContributionRanking.Ranking(contributions);
        var counts = sizes.Where(n => n > 0 && n < protocol.Count).Distinct().Order().Append(protocol.Count);
        return counts.Select(n =>
        {
            var channels = ranking.Take(n).Order().ToArray();
            return new ImageSubset(n == protocol.Count ? $"all {n}" : $"top {n}", channels,
                channels.Sum(i => contributions[i]) / total, ImagingTime.Fraction(protocol, channels));
        }).ToList();
    }

    /// <summary>Step 5: the imaging time (fraction of the whole protocol's) of the top 1, 2, ..., all images.</summary>
    public static double[] ImagingTimeCurve(Protocol protocol, IReadOnlyList<double> contributions)
    {
        var ranking = ContributionRanking.Ranking(contributions);
        return Enumerable.Range(1, ranking.Length).Select(k => ImagingTime.FractionOfTop(protocol, ranking, k)).ToArray();
    }

    /// <summary>
    /// Step 4: trains the network on a subset (or takes <paramref name="trained"/>, e.g. step 1's network for all
    /// images) and evaluates it on every held-out animal against the reference AF.
    /// </summary>
    public SubsetRun Run(ImageSubset subset, TrainedModel? trained = null, IProgress<EpochReport>? progress = null)
    {
        var clock = Stopwatch.StartNew();
        trained ??= MrhAf.Train(_fig1, subset.Channels, progress, UnitId(subset));
        double trainSeconds = clock.Elapsed.TotalSeconds;
        var (results, first) = _fig1.EvaluateHeldOut(trained.Model, subset.Channels);
        return new SubsetRun(subset, trained, Data.TestAnimals, results, first, trainSeconds);
    }

    /// <summary>Runs every subset in order; the subset of all images reuses <paramref name="standard"/> (the same network).</summary>
    public IReadOnlyList<SubsetRun> RunAll(IReadOnlyList<ImageSubset> subsets, TrainedModel standard,
        IProgress<string>? status = null, IProgress<EpochReport>? epochs = null)
    {
        var runs = new List<SubsetRun>();
        foreach (var s in subsets)
        {
            bool all = s.Count == Protocol.Count;
            status?.Report(all ? $"{s.Label}: the standard network" : $"training on the {s.Label} images");
            runs.Add(Run(s, all ? standard : null, epochs));
        }
        return runs;
    }

    /// <summary>
    /// The numbers the Fig. 2 claims need, gathered from the contributions of the standard network and the subset
    /// runs (<see cref="RunAll"/>, all images last); nothing is trained or predicted again.
    /// </summary>
    public ContributionFindings Findings(RegionContributions contributions, IReadOnlyList<SubsetRun> runs) =>
        Gather(ImageGroups(), contributions, runs, Data.TestAnimals.Count);

    /// <summary>The Fig. 2 "paper vs this run" table of these runs (<see cref="ContributionClaims.Table"/>).</summary>
    public ClaimTable Claims(RegionContributions contributions, IReadOnlyList<SubsetRun> runs) =>
        ContributionClaims.Table(Findings(contributions, runs));

    /// <summary><see cref="Findings"/> for channel groups given per image (see <see cref="GroupLabels"/>).</summary>
    public static ContributionFindings Gather(IReadOnlyList<string> groups, RegionContributions contributions, IReadOnlyList<SubsetRun> runs, int testAnimals)
    {
        ArgumentNullException.ThrowIfNull(contributions);
        if (runs.Count == 0) throw new MrhException("no subset runs to gather the Fig. 2 findings from");
        int n = contributions.Contributions.Length;
        var counts = ContributionClaims.PaperCounts;
        var cumulative = contributions.Cumulative();
        var byGroup = PerImageByGroup(contributions.Contributions, groups);
        double PerImage(string group) => byGroup.Where(g => g.Group == group).Select(g => g.Mean).DefaultIfEmpty(double.NaN).First();
        double dwi = byGroup.Where(g => g.Group.StartsWith("DWI", StringComparison.Ordinal)).Select(g => g.Mean).DefaultIfEmpty(double.NaN).Max();
        var tests = CompareWithAll(runs);
        SubsetOutcome Outcome(int images)
        {
            var run = runs.FirstOrDefault(r => r.Subset.Count == Math.Min(images, n))
                ?? throw new MrhException($"no Fig. 2 network on the top {Math.Min(images, n)} images");
            var test = tests.FirstOrDefault(t => t.Subset.Count == run.Subset.Count);
            return new SubsetOutcome(run.Subset.Count, run.Subset.ImagingFraction, run.Rmse.Mean, run.Auc.Mean, test?.PValue, test?.MeanDifference ?? 0);
        }
        return new ContributionFindings(n, testAnimals,
            counts.Select(c => cumulative[Math.Min(c, n) - 1]).ToArray(),
            contributions.ImagesToReach(PaperShares.ToArray()),
            PerImage("T2W"), PerImage("MT"), dwi,
            Outcome(n), Outcome(counts[^1]), Outcome(counts[0]),
            runs.Select(r => r.Auc.Mean).ToArray());
    }

    /// <summary>
    /// Paired t-tests of each subset's RMSE against the last run's (all images) over the held-out animals;
    /// p is NaN with fewer than two animals or when both are the same values.
    /// </summary>
    public static IReadOnlyList<SubsetComparison> CompareWithAll(IReadOnlyList<SubsetRun> runs)
    {
        if (runs.Count == 0) throw new MrhException("no subset runs to compare");
        var all = runs[^1].RmseValues;
        return runs.Take(runs.Count - 1).Select(r =>
        {
            var v = r.RmseValues;
            double diff = v.Average() - all.Average();
            double p = v.Length >= 2 && !v.SequenceEqual(all) ? TTest.Paired(v, all).PValue : double.NaN;
            return new SubsetComparison(r.Subset, diff, p);
        }).ToList();
    }
}
