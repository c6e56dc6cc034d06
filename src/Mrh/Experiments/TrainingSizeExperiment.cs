using System.Diagnostics;
using Mrh.Analysis;
using Mrh.Imaging;
using Mrh.Jobs;
using Mrh.Model;
using Mrh.Model.Baselines;
using Mrh.Patches;

namespace Mrh.Experiments;

/// <summary>
/// Fig. 1: MRH-AF and the amount of training data. MRI of the training animals paired with the AF of
/// (i) 60 animals, (ii) 6, (iii) 1 (repeated over different animals), (iv) a few thousand and (v) about a
/// thousand patches of one animal; each network is applied to the held-out MRI animals and compared with
/// the reference AF (RMSE, SSIM, ROC of hypo-intense structures, R²).
/// </summary>
public sealed class TrainingSizeExperiment(StudyData data, ExperimentSettings settings)
{
    readonly Dictionary<string, Volume> _mri = [];
    readonly Dictionary<string, bool[]> _masks = [];
    readonly Dictionary<string, (bool[] Mask, int[] Sections)> _regions = [];
    Volume? _reference;

    public StudyData Data { get; } = data;
    public ExperimentSettings Settings { get; } = settings;

    /// <summary>
    /// The same experiment with other settings (e.g. another network), sharing the MRI volumes and masks already read, so
    /// that comparing settings on the same data does not hold each animal's MRI once per setting. <paramref name="data"/>
    /// replaces the histology only: its MRI, masks and reference AF must be this experiment's (e.g. <see cref="Causes.ReplacedHistology"/>).
    /// </summary>
    public TrainingSizeExperiment With(ExperimentSettings other, StudyData? data = null)
    {
        var copy = new TrainingSizeExperiment(data ?? Data, other);
        foreach (var (k, v) in _mri) copy._mri[k] = v;
        foreach (var (k, v) in _masks) copy._masks[k] = v;
        if (other.EvaluationSections == Settings.EvaluationSections)
            foreach (var (k, v) in _regions) copy._regions[k] = v;
        copy._reference = _reference;
        return copy;
    }

    /// <summary>The cases of Fig. 1C, with the AF animals each one uses (fewer where the data has fewer).</summary>
    public IReadOnlyList<TrainingCase> Cases()
    {
        var af = Data.AfAnimals;
        if (af.Count == 0) throw new MrhException("the data has no AF animals");
        int many = Math.Min(60, af.Count), some = Math.Min(6, af.Count);
        var cases = new List<TrainingCase>
        {
            new("i", $"(i) {many} animals", af.Take(many).ToArray(), Settings.PatchesPerModel),
            new("ii", $"(ii) {some} animals", af.Take(some).ToArray(), Settings.PatchesPerModel),
        };
        // case iii: one AF animal, repeated over different animals (from the end of the list, so that the
        // repeats are not the animals of case ii)
        for (int r = 0; r < Settings.SingleAnimalRepeats; r++)
            cases.Add(new("iii", "(iii) 1 animal", [af[(af.Count - 1 - r + af.Count) % af.Count]], Settings.PatchesPerModel, r));
        cases.Add(new("iv", $"(iv) {Settings.FewPatches:N0} patches", [af[0]], Settings.FewPatches));
        cases.Add(new("v", $"(v) {Settings.FewestPatches:N0} patches", [af[0]], Settings.FewestPatches));
        return cases;
    }

    /// <summary>MRI/target pairs of a case, by <see cref="AnimalPairing"/>: AF animal j with MRI training animal j mod n.</summary>
    public IReadOnlyList<PatchSource> Pairs(TrainingCase c) =>
        PairAnimals(c).Select(p => new PatchSource(AnimalPairing.Name(p.Mri, p.Histology), Mri(p.Mri), Data.Af(p.Histology), MaskOf(p.Mri))).ToArray();

    /// <summary>The MRI and AF animal of each pair of a case (<see cref="Pairs"/> without reading any volume).</summary>
    public IReadOnlyList<(string Mri, string Histology)> PairAnimals(TrainingCase c)
    {
        var mri = Data.TrainingAnimals;
        if (mri.Count == 0) throw new MrhException("the data has no MRI training animals");
        return AnimalPairing.Pairs(mri, c.AfAnimals);
    }

    /// <summary>The small network of the tour (notebook 00): two AF animals, 2,000 patches.</summary>
    public static TrainingCase Tour(StudyData data) => new("tour", "tour", data.AfAnimals.Take(2).ToArray(), 2000);

    /// <summary>The stable id of a case's training unit: "fig1-ii", "fig1-iii-r2" (repeats), "tour".</summary>
    public string UnitId(TrainingCase c) =>
        c.Id == "tour" ? "tour" : $"fig1-{c.Id}" + (Cases().Count(x => x.Id == c.Id) > 1 ? $"-r{c.Repeat + 1}" : "");

    /// <summary>The training units of Fig. 1: one per case and repeat, and the 1 x 1 baseline network.</summary>
    public IReadOnlyList<TrainingUnit> Units() =>
        [.. Cases().Select(c => new TrainingUnit(UnitId(c), "fig1", c.Label + (c.Repeat > 0 ? $" (repeat {c.Repeat + 1})" : ""), Recipe(c))),
            new TrainingUnit(PerVoxelUnit, "fig1", "1x1 network (baseline on case (ii)'s data)", PerVoxelRecipe())];

    /// <summary>The unit id of the per-voxel baseline network.</summary>
    public const string PerVoxelUnit = "fig1-baseline-k1";

    /// <summary>The case the baselines are trained on: the standard MRH-AF's (ii).</summary>
    public TrainingCase BaselineCase() => Cases().First(c => c.Id == "ii");

    /// <summary>A training setup with <paramref name="size"/> x <paramref name="size"/> patches (both samplers).</summary>
    public static TrainingSetup WithPatchSize(TrainingSetup setup, int size) => setup with
    {
        Random = setup.Random with { PatchSize = size },
        Authors = setup.Authors with { PatchSize = size },
    };

    /// <summary>
    /// The recipe of the per-voxel (1 x 1) network: case (ii)'s recipe with 1 x 1 patches (same animals, patch count,
    /// sizes and seed); <paramref name="unit"/> names the asking unit (default <see cref="PerVoxelUnit"/>).
    /// </summary>
    public NetworkRecipe PerVoxelRecipe(string? unit = null)
    {
        var recipe = Recipe(BaselineCase(), unit: unit ?? PerVoxelUnit);
        return recipe with { Setup = WithPatchSize(recipe.Setup, 1) };
    }

    /// <summary>Trains (or finds in the cache) the per-voxel network, on the Conv2d path's thread setting.</summary>
    public TrainedModel TrainPerVoxel(IProgress<EpochReport>? progress = null, string? unit = null)
    {
        var recipe = PerVoxelRecipe(unit);
        using var threads = TorchThreads.Use(Settings.ReferencePathThreads);
        return NetworkSource.GetOrTrain(Settings, recipe, () => ModelTraining.Train(Pairs(BaselineCase()), recipe.Setup, progress, datasetName: Data.Description));
    }

    /// <summary>
    /// The baselines of Fig. 1, each evaluated on every held-out animal as the networks are: the linear and the polynomial
    /// regression fitted on exactly the patches of case (ii) (same sampler, seed and validation hold-out), and the 1 x 1
    /// network trained on case (ii)'s animals with 1 x 1 patches.
    /// </summary>
    public IReadOnlyList<BaselineRun> RunBaselines(IProgress<string>? status = null, IProgress<EpochReport>? epochs = null)
    {
        var c = BaselineCase();
        var setup = Recipe(c).Setup;
        status?.Report("sampling the patches of case (ii)");
        var patches = ModelTraining.Sample(Pairs(c), setup);
        var models = new List<BaselineModel>();
        foreach (var terms in new[] { PatchTerms.Linear, PatchTerms.Quadratic })
        {
            status?.Report($"fitting the {terms.ToString().ToLowerInvariant()} regression");
            models.Add(BaselineModel.Of(PatchRegression.FitOnPatches(patches, setup, terms)));
        }
        status?.Report("training the 1x1 network");
        models.Add(BaselineModel.Of(TrainPerVoxel(epochs), Settings.Inference()));
        return models.Select(m =>
        {
            status?.Report($"evaluating the {m.Name} baseline");
            var (results, first) = EvaluateHeldOut(m);
            return new BaselineRun(m, Data.TestAnimals, results, first);
        }).ToArray();
    }

    /// <summary>A baseline applied to every held-out MRI animal and compared with the reference AF (as <see cref="EvaluateHeldOut(MrhModel, IReadOnlyList{int}?)"/>).</summary>
    public (IReadOnlyList<EvaluationResult> PerTestAnimal, Volume FirstPrediction) EvaluateHeldOut(BaselineModel model)
    {
        var results = new List<EvaluationResult>();
        Volume? first = null;
        foreach (var animal in Data.TestAnimals)
        {
            var prediction = model.Predict(Mri(animal), Region(animal).Mask, Settings.ReferencePathThreads);
            first ??= prediction;
            results.Add(Evaluate(prediction, animal));
        }
        return (results, first ?? throw new MrhException("the data has no MRI test animals"));
    }

    /// <summary>
    /// What determines the network of a case: the data, the MRI/AF pairs, the images it sees (null: all) and the
    /// training setup. <paramref name="unit"/> names the asking unit in the cache's records (default: the case's).
    /// </summary>
    public NetworkRecipe Recipe(TrainingCase c, IReadOnlyList<int>? channels = null, string? unit = null)
    {
        var pairs = PairAnimals(c);
        var inputs = new Dictionary<string, string>
        {
            ["pairs"] = string.Join(",", pairs.Select(p => $"{p.Mri}+{p.Histology}")),
            ["target"] = "AF",
            ["channels"] = channels is null ? "all" : string.Join(",", channels),
        };
        return new NetworkRecipe(unit ?? UnitId(c), Data.Identity, Settings.SetupFor(c.Patches, pairs.Count, SeedOf(c)), inputs);
    }

    /// <summary>
    /// Trains the network of one case; with <paramref name="channels"/> (indices into the protocol) the network
    /// sees only those MRI images (Fig. 2's subsets), with the same patches, sizes and seed.
    /// </summary>
    /// <remarks>The network comes from the cache of trained networks when it has it (<see cref="NetworkSource"/>).</remarks>
    public TrainedModel Train(TrainingCase c, IProgress<EpochReport>? progress = null, IReadOnlyList<int>? channels = null, string? unit = null)
    {
        var recipe = Recipe(c, channels, unit);
        return NetworkSource.GetOrTrain(Settings, recipe, () =>
        {
            var pairs = Pairs(c);
            if (channels is not null)
                pairs = pairs.Select(p => p with { Inputs = p.Inputs.SelectChannels(CheckedChannels(channels, p.Inputs.ChannelCount)) }).ToArray();
            return ModelTraining.Train(pairs, recipe.Setup, progress, datasetName: Data.Description);
        });
    }

    /// <summary>The training seed of a case (distinct per case and repeat, stable across runs).</summary>
    public int SeedOf(TrainingCase c) => Seeds.Int(Settings.Seed, "fig1", c.Id, c.Repeat);

    static int[] CheckedChannels(IReadOnlyList<int> channels, int count)
    {
        if (channels.Count == 0) throw new MrhException("no input images selected");
        foreach (int i in channels)
            if (i < 0 || i >= count) throw new MrhException($"image index {i} outside the MRI's 0..{count - 1}");
        if (channels.Distinct().Count() != channels.Count) throw new MrhException("an input image is selected twice");
        return channels.ToArray();
    }

    /// <summary>Trains one case and evaluates it on every test animal.</summary>
    public CaseRun Run(TrainingCase c, IProgress<EpochReport>? progress = null)
    {
        var clock = Stopwatch.StartNew();
        var trained = Train(c, progress);
        double trainSeconds = clock.Elapsed.TotalSeconds;
        clock.Restart();
        var (results, first) = EvaluateHeldOut(trained.Model);
        return new CaseRun(c, trained, Data.TestAnimals, results, first, trainSeconds, clock.Elapsed.TotalSeconds);
    }

    /// <summary>
    /// A network applied to every held-out MRI animal (on its evaluation sections) and compared with the reference
    /// AF; <paramref name="channels"/>: the MRI images the network sees (null: all). Returns one result per test
    /// animal and the prediction of the first (for the figures).
    /// </summary>
    public (IReadOnlyList<EvaluationResult> PerTestAnimal, Volume FirstPrediction) EvaluateHeldOut(MrhModel model, IReadOnlyList<int>? channels = null)
    {
        var results = new List<EvaluationResult>();
        Volume? first = null;
        foreach (var animal in Data.TestAnimals)
        {
            var mri = channels is null ? Mri(animal) : Mri(animal).SelectChannels(CheckedChannels(channels, Mri(animal).ChannelCount));
            var prediction = VolumePredictor.Predict(model, mri, Region(animal).Mask, Settings.Inference()).Prediction;
            first ??= prediction;
            results.Add(Evaluate(prediction, animal));
        }
        return (results, first ?? throw new MrhException("the data has no MRI test animals"));
    }

    /// <summary>Runs every case in order; <paramref name="status"/> hears which case starts.</summary>
    public IReadOnlyList<CaseRun> RunAll(IProgress<string>? status = null, IProgress<EpochReport>? epochs = null)
    {
        var runs = new List<CaseRun>();
        foreach (var c in Cases())
        {
            status?.Report($"training {c.Label}{(c.Repeat > 0 ? $" (repeat {c.Repeat + 1})" : "")}");
            runs.Add(Run(c, epochs));
        }
        return runs;
    }

    /// <summary>The network's AF map of a test animal on the evaluation sections (zero elsewhere).</summary>
    public Volume Predict(MrhModel model, string animal) => PredictWithFeatures(model, animal, false).Prediction;

    public PredictionResult PredictWithFeatures(MrhModel model, string animal, bool features)
    {
        return VolumePredictor.Predict(model, Mri(animal), Region(animal).Mask, Settings.Inference(features));
    }

    /// <summary>RMSE, SSIM, R² and ROC (hypo-intense structures) of a prediction against the reference AF.</summary>
    public EvaluationResult Evaluate(Volume prediction, string animal)
    {
        var maskVolume = Volume.FromArray(prediction, Region(animal).Mask.Select(b => b ? 1f : 0f).ToArray(), "mask");
        return Evaluation.Run(prediction, Reference(), maskVolume, new EvaluationOptions(Polarity.Low));
    }

    /// <summary>The evaluation sections (coronal indices) of a test animal.</summary>
    public int[] EvaluationSections(string animal) => Region(animal).Sections;

    /// <summary>The evaluation voxels and sections of an animal (computed once per animal).</summary>
    public (bool[] Mask, int[] Sections) Region(string animal)
    {
        if (!_regions.TryGetValue(animal, out var r)) _regions[animal] = r = EvaluationRegion.Coronal(Mri(animal), MaskOf(animal), Settings.EvaluationSections);
        return r;
    }

    public Volume Reference() => _reference ??= Data.AfReference();

    public Volume Mri(string animal)
    {
        if (!_mri.TryGetValue(animal, out var v)) _mri[animal] = v = Data.Mri(animal);
        return v;
    }

    public bool[] MaskOf(string animal)
    {
        if (!_masks.TryGetValue(animal, out var m)) _masks[animal] = m = Data.Mask(animal);
        return m;
    }
}
