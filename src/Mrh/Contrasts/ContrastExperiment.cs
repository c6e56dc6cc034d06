using Mrh.Analysis;
using Mrh.Experiments;
using Mrh.Imaging;
using Mrh.Model;
using Mrh.Patches;
using Mrh.Phantom;

namespace Mrh.Contrasts;

/// <summary>
/// Is a new MRI contrast worth its scan time for a stain? The inputs are the protocol's images followed by the
/// candidates; every network is the MRH network of the figures (the preset's setup) trained on the same training
/// animals, patch positions and seed with a subset of the inputs, and scored on the held-out animals. Four
/// questions, one method each: <see cref="CompareAddedValue"/>, <see cref="RegionGains"/>, <see cref="Contributions"/>,
/// <see cref="ProtocolCurve"/>; <see cref="Run"/> answers all four.
/// </summary>
public sealed class ContrastExperiment
{
    readonly Dictionary<string, Volume> _inputs = [];
    readonly Dictionary<string, (bool[] Mask, int[] Sections)> _regions = [];

    public ContrastExperiment(ContrastData data, IReadOnlyList<ContrastCandidate> candidates, ExperimentSettings settings, ContrastOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (candidates.Count == 0) throw new MrhException("no candidate contrast to judge");
        Data = data; Candidates = candidates; Settings = settings; Options = options ?? ContrastOptions.For(settings.Preset);
        var names = data.Protocol.Names.Concat(candidates.Select(c => c.Name)).ToArray();
        var dup = names.GroupBy(n => n).FirstOrDefault(g => g.Count() > 1);
        if (dup is not null) throw new MrhException($"input '{dup.Key}' appears twice (a candidate named like a protocol image, or added twice)");
        InputNames = names;
        InputMinutes = data.Protocol.Channels.Select(c => c.AcquisitionMinutes).Concat(candidates.Select(c => c.ScanMinutes)).ToArray();
        BaseChannels = Enumerable.Range(0, data.Protocol.Count).ToArray();
        AllChannels = Enumerable.Range(0, names.Length).ToArray();
    }

    public ContrastData Data { get; }
    public IReadOnlyList<ContrastCandidate> Candidates { get; }
    public ExperimentSettings Settings { get; }
    public ContrastOptions Options { get; }
    /// <summary>Names of all inputs: the protocol's images, then the candidates.</summary>
    public IReadOnlyList<string> InputNames { get; }
    /// <summary>Scan time of each input, minutes.</summary>
    public IReadOnlyList<double> InputMinutes { get; }
    /// <summary>The protocol's images (the network without the candidates).</summary>
    public int[] BaseChannels { get; }
    /// <summary>Every input (the network with the candidates).</summary>
    public int[] AllChannels { get; }
    public bool IsCandidate(int channel) => channel >= Data.Protocol.Count;
    /// <summary>The seed of every network of the analysis (so that they differ only by their inputs).</summary>
    public int TrainingSeed => Seeds.Int(Settings.Seed, "contrast");

    /// <summary>All inputs of an animal: protocol images then candidates (read once).</summary>
    public Volume Inputs(string animal)
    {
        if (_inputs.TryGetValue(animal, out var v)) return v;
        var mri = Data.Mri(animal);
        if (mri.ChannelCount != Data.Protocol.Count) throw new MrhException($"the MRI of '{animal}' has {mri.ChannelCount} images, the protocol {Data.Protocol.Count}");
        var parts = new List<Volume> { mri };
        parts.AddRange(Candidates.Select(c => c.LoadLike(animal, mri)));
        return _inputs[animal] = Volume.Concat(parts.ToArray()).WithChannelNames(InputNames.ToArray());
    }

    /// <summary>
    /// The network on the inputs <paramref name="channels"/> (indices into <see cref="InputNames"/>), training repeat
    /// <paramref name="repeat"/>: its seed (and so its patch positions) depends on the repeat only, not on the inputs.
    /// </summary>
    public TrainedModel Train(IReadOnlyList<int> channels, int repeat = 0, IProgress<EpochReport>? progress = null)
    {
        var pick = Checked(channels);
        var animals = Data.TrainingAnimals;
        var pairs = animals.Select(a => new PatchSource(a, Inputs(a).SelectChannels(pick), Data.Target(a), Data.Mask(a))).ToArray();
        var setup = Settings.SetupFor(Options.Patches, pairs.Length, Seeds.Int(TrainingSeed, "repeat", repeat)) with { TargetName = Data.Stain };
        if (Options.Epochs is int epochs) setup = setup with { Trainer = setup.Trainer with { MaxEpochs = epochs } };
        return ModelTraining.Train(pairs, setup, progress, datasetName: Data.Description);
    }

    /// <summary>A network on <paramref name="channels"/> applied to every held-out animal and scored against its stain.</summary>
    public HeldOutRun Evaluate(MrhModel model, IReadOnlyList<int> channels, int repeat = 0)
    {
        var pick = Checked(channels);
        var scores = new List<HeldOutScore>();
        var predictions = new List<Volume>();
        var options = new EvaluationOptions(Data.HyperIntense ? Polarity.High : Polarity.Low);
        foreach (var a in Data.TestAnimals)
        {
            var region = Region(a).Mask;
            var prediction = VolumePredictor.Predict(model, Inputs(a).SelectChannels(pick), region, Settings.Inference()).Prediction;
            var mask = Volume.FromArray(prediction, region.Select(b => b ? 1f : 0f).ToArray(), "mask");
            var r = Evaluation.Run(prediction, Data.Target(a), mask, options);
            scores.Add(new HeldOutScore(a, r.Auc, r.RSquared, r.Rmse));
            predictions.Add(prediction);
        }
        return new HeldOutRun(pick.Select(i => InputNames[i]).ToArray(), repeat, scores, predictions);
    }

    /// <summary>
    /// One arm of the comparison: the network on <paramref name="channels"/> trained and evaluated for every repeat of
    /// <see cref="ContrastOptions.Repeats"/>; <paramref name="withContributions"/> also measures each network's input
    /// contributions (question 3) by both rankings, the perturbation of Fig. 2 (<see cref="Contributions"/>) and the
    /// usefulness of each input and of each acquisition (<see cref="Usefulness"/>, <see cref="AcquisitionUsefulness"/>), and
    /// returns their means over the repeats.
    /// </summary>
    public ArmResult RunArm(IReadOnlyList<int> channels, bool withContributions = false, IProgress<EpochReport>? progress = null)
    {
        var runs = new List<HeldOutRun>();
        var shares = new List<IReadOnlyList<InputContribution>>();
        var useful = new List<IReadOnlyList<InputUsefulness>>();
        var acquisitions = new List<IReadOnlyList<InputUsefulness>>();
        for (int r = 0; r < Options.Repeats; r++)
        {
            using var model = Train(channels, r, progress).Model;
            runs.Add(Evaluate(model, channels, r));
            if (!withContributions) continue;
            shares.Add(Contributions(model, channels));
            useful.Add(Usefulness(model, channels));
            acquisitions.Add(AcquisitionUsefulness(model, channels));
        }
        return withContributions
            ? new ArmResult(runs, InputContributions.Mean(shares), InputUsefulness.Mean(useful), InputUsefulness.Mean(acquisitions))
            : new ArmResult(runs, null, null, null);
    }

    /// <summary>
    /// Question 1: the networks without and with the candidates compared (<see cref="AddedValue.Compare"/>) over the
    /// repeats (each repeat's mean over the held-out animals), or over the animals when there is one repeat.
    /// </summary>
    public AddedValue CompareAddedValue(IReadOnlyList<HeldOutRun> without, IReadOnlyList<HeldOutRun> with, IReadOnlyList<string>? candidates = null)
    {
        if (without.Count != with.Count || without.Count == 0) throw new MrhException($"{without.Count} runs without the candidate and {with.Count} with it");
        IReadOnlyList<HeldOutScore> Units(IReadOnlyList<HeldOutRun> runs) => runs.Count > 1 ? runs.Select(r => r.Mean).ToArray() : runs[0].Scores;
        var names = candidates ?? with[0].Inputs.Except(without[0].Inputs).ToArray();
        return AddedValue.Compare(names, Data.Stain, Units(without), Units(with), Options.Resamples, Settings.Seed);
    }

    /// <summary>
    /// Question 2: the RMSE in the whole brain, white matter, cortex and hippocampus of the evaluation sections, without
    /// and with the candidates (mean over repeats and held-out animals); empty when the data has no labels.
    /// </summary>
    public IReadOnlyList<RegionGain> RegionGains(IReadOnlyList<HeldOutRun> without, IReadOnlyList<HeldOutRun> with)
    {
        if (without.Count != with.Count || without.Count == 0) throw new MrhException($"{without.Count} runs without the candidate and {with.Count} with it");
        var sums = new Dictionary<string, (long Voxels, double Without, double With, int Count)>();
        var order = new List<string>();
        for (int k = 0; k < Data.TestAnimals.Count; k++)
        {
            string a = Data.TestAnimals[k];
            var labels = Data.Labels(a);
            if (labels is null) return [];
            var within = Region(a).Mask;
            var target = Data.Target(a).Channels[0];
            var regions = new (string, bool[])[]
            {
                (BrainRegions.WholeBrain, within),
                (BrainRegions.WhiteMatter, BrainRegions.Where(labels, within, l => l.IsWhiteMatter())),
                (BrainRegions.Cortex, BrainRegions.Where(labels, within, l => l == StructureLabel.Cortex)),
                (BrainRegions.Hippocampus, BrainRegions.Where(labels, within, l => l == StructureLabel.Hippocampus)),
            };
            foreach (var (name, voxels) in regions)
            {
                long n = VoxelMask.Count(voxels);
                if (n == 0) continue;
                if (!sums.ContainsKey(name)) { order.Add(name); sums[name] = (0, 0, 0, 0); }
                for (int r = 0; r < with.Count; r++)
                {
                    var s = sums[name];
                    sums[name] = (s.Voxels + (r == 0 ? n : 0), s.Without + Rmse.Compute(without[r].Predictions[k].Channels[0], target, voxels),
                        s.With + Rmse.Compute(with[r].Predictions[k].Channels[0], target, voxels), s.Count + 1);
                }
            }
        }
        return order.Select(n => { var s = sums[n]; return new RegionGain(n, s.Voxels, s.Without / s.Count, s.With / s.Count); }).ToArray();
    }

    /// <summary>
    /// Question 3: the contribution of every input of a network (Fig. 2's noise perturbation on random patches of the
    /// held-out animals) with ranks and scan times, in the order of <paramref name="channels"/> (default: all inputs).
    /// </summary>
    public IReadOnlyList<InputContribution> Contributions(MrhModel model, IReadOnlyList<int>? channels = null, IProgress<int>? progress = null)
    {
        var pick = Checked(channels ?? AllChannels);
        var subjects = Data.TestAnimals.Select(a => (Inputs(a).SelectChannels(pick), (bool[]?)Data.Mask(a))).ToList();
        var result = ChannelContributions.Compute(model, subjects, Settings.ContributionPatches, Settings.Contribution with { Seed = Settings.Seed }, progress, Settings.Inference());
        var shares = result.All.Contributions;
        if (shares.Length != pick.Length) throw new MrhException($"the network has {shares.Length} inputs, the analysis {pick.Length}");
        // ranked by the one ranking rule (a mean over one list is the list, re-ranked)
        return InputContributions.Mean([Enumerable.Range(0, shares.Length).Select(k => new InputContribution(InputNames[pick[k]], IsCandidate(pick[k]), shares[k], 0, InputMinutes[pick[k]])).ToArray()]);
    }

    /// <summary>
    /// Question 3 as usefulness: the permutation importance of every input of a network (<see cref="InputUsefulness"/>)
    /// on held-out patches drawn as for <see cref="Contributions"/> (same sampler, count and seed, with the stain as
    /// target) but wholly inside the brain: the noise control is zero outside the brain, so a patch across the brain's
    /// edge carries the brain's outline in it, and shuffling would move that outline inside (at smoke the noise then
    /// ranked 19 of 69, +2.4% error; wholly inside, -0.03%). <see cref="ContrastOptions.Permutations"/> permutations
    /// within each animal, in the order of <paramref name="channels"/>.
    /// </summary>
    public IReadOnlyList<InputUsefulness> Usefulness(MrhModel model, IReadOnlyList<int>? channels = null)
    {
        var pick = Checked(channels ?? AllChannels);
        return Usefulness(model, pick, pick.Select((c, k) => new InputSet(InputNames[c], IsCandidate(c), [k])).ToArray(), "contrast-usefulness");
    }

    /// <summary>
    /// The inputs as acquisitions: the protocol's images by their group (<see cref="ContributionExperiment.GroupLabels"/>:
    /// "DWI b=2000" with its b0 images, "DWI b=5000", "T2W", "MT"), each candidate on its own, in order of first appearance
    /// among <paramref name="channels"/>; the sets' channels are positions in <paramref name="channels"/>.
    /// </summary>
    public IReadOnlyList<InputSet> Acquisitions(IReadOnlyList<int>? channels = null)
    {
        var pick = Checked(channels ?? AllChannels);
        var labels = ContributionExperiment.GroupLabels(Data.Protocol);
        return pick.Select((c, k) => (Name: IsCandidate(c) ? InputNames[c] : labels[c], Candidate: IsCandidate(c), k))
            .GroupBy(x => (x.Name, x.Candidate))
            .Select(g => new InputSet(g.Key.Name, g.Key.Candidate, g.Select(x => x.k).ToArray())).ToArray();
    }

    /// <summary>
    /// Question 3 asked of acquisitions instead of images (grouped permutation importance, <see cref="InputUsefulness.ComputeSets"/>):
    /// every image of an acquisition (<see cref="Acquisitions"/>) is shuffled by one permutation, on the held-out patches
    /// of <see cref="Usefulness(MrhModel, IReadOnlyList{int})"/>. It tests why an image can be as useless as noise: the
    /// 30 directions of a shell are redundant, so one of them is not missed when shuffled, while its acquisition is.
    /// </summary>
    public IReadOnlyList<InputUsefulness> AcquisitionUsefulness(MrhModel model, IReadOnlyList<int>? channels = null)
    {
        var pick = Checked(channels ?? AllChannels);
        return Usefulness(model, pick, Acquisitions(pick), "contrast-acquisition-usefulness");
    }

    IReadOnlyList<InputUsefulness> Usefulness(MrhModel model, int[] pick, IReadOnlyList<InputSet> sets, string seedLabel)
    {
        var sources = Data.TestAnimals.Select(a => new PatchSource(a, Inputs(a).SelectChannels(pick), Data.Target(a), Data.Mask(a))).ToArray();
        var held = PatchSampler.RandomInMask(sources,
            new RandomSamplerOptions { Count = Settings.ContributionPatches, PatchSize = model.PatchSize, Plane = model.Plane, Seed = Settings.Seed, WholePatchInMask = true });
        if (held.Count == 0) throw new MrhException("no held-out patch could be drawn inside the mask");
        return InputUsefulness.ComputeSets(new ModelPatchPredictor(model, Settings.Inference()), held.Inputs, new PatchLayout(held.Count, held.Channels, held.Size),
            held.CenterTargets(), sets, Options.Permutations, Seeds.Derive((ulong)Settings.Seed, seedLabel), held.SubjectIndex);
    }

    /// <summary>
    /// Both rankings with the pure-noise control: a network on every input and the noise channel (training repeat 0;
    /// the control is added when no candidate is noise already), ranked by the perturbation, by usefulness, and by the
    /// usefulness of whole acquisitions (<see cref="AcquisitionUsefulness"/>).
    /// </summary>
    public NoiseControlRanks RanksWithNoiseControl(IProgress<EpochReport>? progress = null)
    {
        var e = Candidates.Any(c => c.Name == CandidateContrasts.Noise) ? this
            : new ContrastExperiment(Data, [.. Candidates, Data.Candidate(CandidateContrasts.Noise, seed: Settings.Seed)], Settings, Options);
        using var model = e.Train(e.AllChannels, 0, progress).Model;
        return new NoiseControlRanks(e.Contributions(model), e.Usefulness(model), e.AcquisitionUsefulness(model));
    }

    /// <summary>The time of all inputs, minutes.</summary>
    public double TotalMinutes => InputMinutes.Sum();

    /// <summary>
    /// Question 4: for each budget, the inputs <see cref="ProtocolDesign.Choose"/> picks, the network retrained on them
    /// (repeat 0) and its scores; <paramref name="all"/> (repeat 0 of the network on every input) closes the curve.
    /// </summary>
    public IReadOnlyList<ProtocolPoint> ProtocolCurve(IReadOnlyList<InputContribution> contributions, IReadOnlyList<double> budgets, HeldOutRun all,
        IProgress<string>? status = null)
    {
        if (contributions.Count != InputNames.Count) throw new MrhException($"{contributions.Count} contributions for {InputNames.Count} inputs");
        var points = new List<ProtocolPoint>();
        foreach (double b in budgets.Where(b => b < TotalMinutes - 1e-9))
        {
            var chosen = ProtocolDesign.Choose(contributions, b);
            if (chosen.Length == 0) continue;
            status?.Report($"budget {b:0} min: training on {chosen.Length} inputs");
            using var model = Train(chosen).Model;
            points.Add(Point(b, chosen, contributions, Evaluate(model, chosen)));
        }
        points.Add(Point(TotalMinutes, AllChannels, contributions, all));
        return points;
    }

    static ProtocolPoint Point(double budget, int[] chosen, IReadOnlyList<InputContribution> c, HeldOutRun run) =>
        new(budget, chosen.Select(i => c[i].Name).ToArray(), chosen.Sum(i => c[i].Minutes), chosen.Sum(i => c[i].Share), run.MeanRmse, run.MeanAuc, run.MeanRSquared);

    /// <summary>All four answers; <paramref name="budgetMinutes"/> null: the time of the protocol without the candidates.</summary>
    public ContrastReport Run(double? budgetMinutes = null, IProgress<string>? status = null, IProgress<EpochReport>? epochs = null)
    {
        double budget = budgetMinutes ?? Data.Protocol.AcquisitionMinutes();
        if (!(budget > 0)) throw new MrhException($"the scan-time budget must be positive minutes (got {budget})");
        status?.Report($"training without the candidates ({Options.Repeats} repeats)");
        var (without, _, _) = RunArm(BaseChannels, false, epochs);
        status?.Report($"training with the candidates ({Options.Repeats} repeats) and their contributions");
        var (with, inputs, usefulness, acquisitions) = RunArm(AllChannels, true, epochs);
        var added = CompareAddedValue(without, with, Candidates.Select(c => c.Name).ToArray());
        var regions = RegionGains(without, with);
        budget = Math.Min(budget, TotalMinutes);
        var curve = ProtocolCurve(inputs!, ProtocolDesign.Budgets(TotalMinutes, Options.BudgetFractions, budget), with[0], status);
        return Report(added, regions, inputs!, budget, curve, usefulness, acquisitions: acquisitions);
    }

    /// <summary>The report of answers computed step by step (as the notebook does).</summary>
    public ContrastReport Report(AddedValue added, IReadOnlyList<RegionGain> regions, IReadOnlyList<InputContribution> inputs, double budgetMinutes,
        IReadOnlyList<ProtocolPoint> curve, IReadOnlyList<InputUsefulness>? usefulness = null, NoiseControl? noise = null,
        IReadOnlyList<InputUsefulness>? acquisitions = null) =>
        new(Data.Description, Data.Stain, Candidates.Select(c => new CandidateInfo(c.Name, c.Description, c.ScanMinutes)).ToArray(),
            added, regions, inputs, budgetMinutes, curve, usefulness, noise, acquisitions);

    (bool[] Mask, int[] Sections) Region(string animal)
    {
        if (!_regions.TryGetValue(animal, out var r))
            _regions[animal] = r = EvaluationRegion.Coronal(Inputs(animal), Data.Mask(animal), Settings.EvaluationSections);
        return r;
    }

    int[] Checked(IReadOnlyList<int> channels)
    {
        if (channels.Count == 0) throw new MrhException("no input selected");
        foreach (int i in channels)
            if (i < 0 || i >= InputNames.Count) throw new MrhException($"input index {i} outside 0..{InputNames.Count - 1}");
        if (channels.Distinct().Count() != channels.Count) throw new MrhException("an input is selected twice");
        return channels.ToArray();
    }
}
