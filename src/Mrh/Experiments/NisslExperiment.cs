using System.Diagnostics;
using Mrh.Analysis;
using Mrh.Data;
using Mrh.Imaging;
using Mrh.Jobs;
using Mrh.Model;
using Mrh.Patches;

namespace Mrh.Experiments;

/// <summary>
/// Fig. 4: MRH-Nissl, Nissl-like maps from PGSE + OGSE diffusion MRI. The control animals ("sas4-control":
/// 42-image PGSE + OGSE MRI with their Nissl) are cut into a training block of coronal sections and a test part
/// (<see cref="CoronalSplit"/>); three networks see the PGSE, the OGSE or all images (<see cref="NisslInputs"/>)
/// and are scored on the test part by the ROC of the cell-dense structures (Nissl above its Otsu threshold).
/// Then the network's feature space (t-SNE), the signal against oscillation frequency, the contribution of each
/// acquisition set, and the network applied to the sas4-/-p53-/- mutants ("sas4") and their controls in the
/// heterotopia region.
/// </summary>
public sealed class NisslExperiment
{
    public const string Stain = "Nissl";
    /// <summary>Share of the sections (from the first that holds brain) in the training block.</summary>
    public const double TrainFraction = 0.5;

    readonly Dictionary<string, Volume> _mri = [];
    readonly Dictionary<string, bool[]> _masks = [];
    readonly Dictionary<string, Volume> _nissl = [];

    public NisslExperiment(StudyData data, ExperimentSettings settings)
    {
        Data = data; Settings = settings;
        Controls = data.Group(StudyGroups.Sas4Controls);
        Protocol = data.ProtocolOf(Controls[0]);
        InputSets = NisslInputs.For(Protocol);
        var first = Mri(Controls[0]);
        Split = CoronalSplit.Blocks(first, MaskOf(Controls[0]), TrainFraction);
        EvaluationSections = Split.EvaluationSections(settings.EvaluationSections);
    }

    public StudyData Data { get; }
    public ExperimentSettings Settings { get; }
    /// <summary>The control animals: training (their training block) and test (their test part) data.</summary>
    public IReadOnlyList<string> Controls { get; }
    /// <summary>The sas4-/-p53-/- mutants (a clear error if the data has none).</summary>
    public IReadOnlyList<string> Mutants => Data.Group(StudyGroups.Sas4);
    public Protocol Protocol { get; }
    public IReadOnlyList<NisslInputs> InputSets { get; }
    public CoronalSplit Split { get; }
    /// <summary>Test sections on which the networks are scored.</summary>
    public int[] EvaluationSections { get; }

    /// <summary>Training voxels of an animal: brain voxels of the training block.</summary>
    public bool[] TrainMask(string animal) => Split.TrainMask(Mri(animal), MaskOf(animal));
    /// <summary>Evaluation voxels of an animal: brain voxels of the evaluation sections of the test part.</summary>
    public bool[] EvaluationMask(string animal) => CoronalSplit.Restrict(Mri(animal), MaskOf(animal), EvaluationSections);
    /// <summary>All test voxels of an animal.</summary>
    public bool[] TestMask(string animal) => Split.TestMask(Mri(animal), MaskOf(animal));

    /// <summary>The MRI/Nissl pairs of the controls, restricted to the training block and to the input set's images.</summary>
    public IReadOnlyList<PatchSource> TrainingPairs(NisslInputs inputs) =>
        Controls.Select(a => new PatchSource(a, Mri(a).SelectChannels(inputs.Channels), Nissl(a), TrainMask(a))).ToArray();

    /// <summary>Trains the network of one input set.</summary>
    public TrainedModel Train(NisslInputs inputs, IProgress<EpochReport>? progress = null)
    {
        var recipe = Recipe(Data, Settings, inputs);
        return NetworkSource.GetOrTrain(Settings, recipe, () => ModelTraining.Train(TrainingPairs(inputs), recipe.Setup, progress, datasetName: Data.Description));
    }

    /// <summary>The unit id of an input set's network: "fig4-pgse", "fig4-ogse", "fig4-both".</summary>
    public static string UnitId(NisslInputs inputs) => $"fig4-{inputs.Id}";

    /// <summary>
    /// The training units of Fig. 4, one per input set (declared from the data's groups and protocol alone, without
    /// reading a volume, as <see cref="Recipe"/>).
    /// </summary>
    public static IReadOnlyList<TrainingUnit> Units(StudyData data, ExperimentSettings settings) =>
        NisslInputs.For(data.ProtocolOf(data.Group(StudyGroups.Sas4Controls)[0]))
            .Select(i => new TrainingUnit(UnitId(i), "fig4", $"MRH-Nissl on {i.Label}", Recipe(data, settings, i))).ToArray();

    /// <summary>
    /// What determines the network of an input set: the data, the controls (their training block of
    /// <see cref="TrainFraction"/> of the brain's coronal sections), the images and the training setup.
    /// </summary>
    public static NetworkRecipe Recipe(StudyData data, ExperimentSettings settings, NisslInputs inputs)
    {
        var controls = data.Group(StudyGroups.Sas4Controls);
        var sets = NisslInputs.For(data.ProtocolOf(controls[0])).ToList();
        int index = sets.FindIndex(s => s.Id == inputs.Id);
        if (index < 0) throw new MrhException($"Fig. 4 has no input set '{inputs.Id}'");
        int seed = Seeds.Int(settings.Seed, "nissl", index);
        var setup = settings.SetupFor(settings.PatchesPerModel, controls.Count, seed) with { TargetName = Stain };
        var values = new Dictionary<string, string>
        {
            ["pairs"] = string.Join(",", controls),
            ["target"] = Stain,
            ["channels"] = string.Join(",", inputs.Channels),
            ["mask"] = $"coronal training block, fraction {TrainFraction.ToString(System.Globalization.CultureInfo.InvariantCulture)}",
        };
        return new NetworkRecipe(UnitId(inputs), data.Identity, setup, values);
    }

    /// <summary>Trains one input set and scores it on the test part of every control.</summary>
    public NisslRun Run(NisslInputs inputs, IProgress<EpochReport>? progress = null)
    {
        var clock = Stopwatch.StartNew();
        var trained = Train(inputs, progress);
        double seconds = clock.Elapsed.TotalSeconds;
        var (trainSection, testSection) = Split.MiddleSections;
        var rocs = new List<StructureRocResult>();
        var predictions = new List<Volume>();
        foreach (var a in Controls)
        {
            var where = CoronalSplit.Restrict(Mri(a), MaskOf(a), EvaluationSections.Append(trainSection).Append(testSection));
            var prediction = Predict(trained.Model, a, inputs, where);
            rocs.Add(StructureRoc.Compute(prediction.Channels[0], Nissl(a).Channels[0], EvaluationMask(a), Polarity.High));
            predictions.Add(prediction);
        }
        return new NisslRun(inputs, trained, Controls, rocs, predictions, seconds);
    }

    /// <summary>The three networks in order (PGSE, OGSE, both); <paramref name="status"/> hears which one starts.</summary>
    public IReadOnlyList<NisslRun> RunAll(IProgress<string>? status = null, IProgress<EpochReport>? epochs = null) =>
        InputSets.Select(s => { status?.Report($"training MRH-Nissl on {s.Label} ({s.Channels.Length} images)"); return Run(s, epochs); }).ToArray();

    /// <summary>A network's Nissl map of an animal on <paramref name="where"/> (zero elsewhere).</summary>
    public Volume Predict(MrhModel model, string animal, NisslInputs inputs, bool[] where) =>
        VolumePredictor.Predict(model, Mri(animal).SelectChannels(inputs.Channels), where, Settings.Inference()).Prediction;

    /// <summary>Fig. 4C: t-SNE of the network's features on the evaluation sections of the first control, coloured by its Nissl.</summary>
    public FeatureEmbedding Embedding(NisslRun run) => Embedding(run, Controls[0]);

    /// <summary>Fig. 4C's t-SNE on the evaluation sections of one control, <paramref name="a"/>, coloured by its Nissl.</summary>
    public FeatureEmbedding Embedding(NisslRun run, string a)
    {
        var region = EvaluationMask(a);
        var features = VolumePredictor.Predict(run.Trained.Model, Mri(a).SelectChannels(run.Inputs.Channels), region,
            Settings.Inference(features: true)).Features!;
        return FeatureEmbedding.Compute(features, Nissl(a), region, Settings.TsnePoints, Settings.Seed, Settings.Preset);
    }

    /// <summary>Fig. 4D: S/S0 against frequency in the test part of the first control, by Nissl category.</summary>
    public IReadOnlyList<FrequencySignal> FrequencySignals() => FrequencySignals(Controls[0]);

    /// <summary>Fig. 4D's S/S0 against frequency in the test part of one control, <paramref name="a"/>, by Nissl category.</summary>
    public IReadOnlyList<FrequencySignal> FrequencySignals(string a) => FrequencySignal.ByCategory(Mri(a), Protocol, Nissl(a), TestMask(a));

    /// <summary>Fig. 4E: contribution of each acquisition set to a network, from random patches of the first control's test part.</summary>
    public IReadOnlyList<SetContribution> Contributions(NisslRun run, IProgress<int>? progress = null)
    {
        string a = Controls[0];
        var options = ContributionOptions.For(Settings.Preset) with { Seed = Settings.Seed };
        var result = ChannelContributions.Compute(run.Trained.Model, Mri(a).SelectChannels(run.Inputs.Channels), TestMask(a),
            Settings.ContributionPatches, options, progress, Settings.Inference());
        return SetContribution.BySet(result.All, run.Inputs.Channels.Select(c => NisslInputs.SetOf(Protocol[c])).ToArray());
    }

    /// <summary>Fig. 4F: the heterotopia region from the Nissl of mutants and controls (inside every animal's brain mask).</summary>
    public HeterotopiaRegion Heterotopia()
    {
        var animals = Mutants.Concat(Controls).ToArray();
        var brain = MaskOf(animals[0]).ToArray();
        foreach (var a in animals.Skip(1)) { var m = MaskOf(a); for (int i = 0; i < brain.Length; i++) brain[i] &= m[i]; }
        var region = HeterotopiaRegion.Compute(Mutants.Select(Nissl).ToArray(), Controls.Select(Nissl).ToArray(), brain);
        if (region.Voxels == 0) throw new MrhException("the mutants' Nissl shows no region denser than the controls' (no heterotopia to compare)");
        return region;
    }

    /// <summary>Fig. 4F quantified: mean MRH-Nissl (network <paramref name="run"/>) and mean Nissl in the region, per animal.</summary>
    public HeterotopiaComparison CompareHeterotopia(NisslRun run, HeterotopiaRegion region)
    {
        double MeanIn(Volume v) => Enumerable.Range(0, region.Mask.Length).Where(i => region.Mask[i]).Average(i => (double)v.Channels[0][i]);
        double[] Predicted(IReadOnlyList<string> animals) => animals.Select(a => MeanIn(Predict(run.Trained.Model, a, run.Inputs, region.Mask))).ToArray();
        return HeterotopiaComparison.Compute(Mutants, Controls, Predicted(Mutants), Predicted(Controls),
            Mutants.Select(a => MeanIn(Nissl(a))).ToArray(), Controls.Select(a => MeanIn(Nissl(a))).ToArray());
    }

    /// <summary>
    /// The numbers the Fig. 4 claims need, gathered from what the notebook already has: the three runs
    /// (<see cref="RunAll"/>), the feature-space separation, the frequency signals, the set contributions and the
    /// heterotopia comparison of the PGSE + OGSE network. Nothing is trained or predicted again.
    /// </summary>
    public NisslFindings Findings(IReadOnlyList<NisslRun> runs, EmbeddingSeparation separation, IReadOnlyList<FrequencySignal> signals,
        IReadOnlyList<SetContribution> contributions, HeterotopiaComparison heterotopia)
    {
        ArgumentNullException.ThrowIfNull(separation);
        ArgumentNullException.ThrowIfNull(heterotopia);
        NisslNetworkOutcome Net(string id)
        {
            var r = runs.FirstOrDefault(r => r.Inputs.Id == id) ?? throw new MrhException($"no Fig. 4 network on the {id} inputs");
            return new NisslNetworkOutcome(r.Auc.Mean, r.Sensitivity, r.Specificity);
        }
        double Change(string category) => (signals.FirstOrDefault(s => s.Category == category)
            ?? throw new MrhException($"no frequency signal of the {category} voxels")).Change;
        return new NisslFindings(Net(NisslInputs.Both), Net(NisslInputs.Pgse), Net(NisslInputs.Ogse),
            separation.Agreement, separation.Chance,
            Change(FeatureEmbedding.Hyper), Change(FeatureEmbedding.Hypo),
            contributions.Select(c => new SetShare(c.Set, c.Share)).ToList(),
            heterotopia.PredictedMutant.Average(), heterotopia.PredictedControl.Average(), heterotopia.Predicted.MeanDifference,
            heterotopia.Predicted.PValue, heterotopia.Nissl.PValue);
    }

    /// <summary>The Fig. 4 "paper vs this run" table of these results (<see cref="NisslClaims.Table"/>).</summary>
    public ClaimTable Claims(IReadOnlyList<NisslRun> runs, EmbeddingSeparation separation, IReadOnlyList<FrequencySignal> signals,
        IReadOnlyList<SetContribution> contributions, HeterotopiaComparison heterotopia) =>
        NisslClaims.Table(Findings(runs, separation, signals, contributions, heterotopia));

    /// <summary>A network's map of one whole coronal section of an animal (for the figures).</summary>
    public Volume PredictSection(NisslRun run, string animal, int section) =>
        Predict(run.Trained.Model, animal, run.Inputs, CoronalSplit.Restrict(Mri(animal), MaskOf(animal), [section]));

    /// <summary>Readable name of a Nissl category (<see cref="FeatureEmbedding"/>'s names).</summary>
    public static string CategoryName(string category) => category switch
    {
        FeatureEmbedding.Hyper => "Nissl-high (cell-dense)",
        FeatureEmbedding.Hypo => "Nissl-low (cell-sparse)",
        FeatureEmbedding.Surface => "brain surface",
        _ => category,
    };

    public Volume Mri(string animal)
    {
        if (!_mri.TryGetValue(animal, out var v))
        {
            v = Data.Mri(animal);
            var p = Data.ProtocolOf(animal);
            if (p.Count != Protocol.Count || !p.Names.SequenceEqual(Protocol.Names))
                throw new MrhException($"animal '{animal}' has another MRI protocol than the controls ({p.Count} images, not the {Protocol.Count} of {Controls[0]})");
            _mri[animal] = v;
        }
        return v;
    }

    public bool[] MaskOf(string animal)
    {
        if (!_masks.TryGetValue(animal, out var m)) _masks[animal] = m = Data.Mask(animal);
        return m;
    }

    public Volume Nissl(string animal)
    {
        if (!_nissl.TryGetValue(animal, out var v)) _nissl[animal] = v = Data.Histology(animal, Stain);
        return v;
    }
}
