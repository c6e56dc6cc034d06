using Mrh.Analysis;
using Mrh.Imaging;
using Mrh.Jobs;
using Mrh.Model;
using Mrh.Model.Baselines;
using Mrh.Patches;

namespace Mrh.Experiments;

/// <summary>
/// Fig. 3: MRH-NF and MRH-MBP by transfer learning from MRH-AF. The standard MRH-AF network is trained, then
/// its last three convolutions are re-initialised and trained (the rest frozen) on the MRI training animals
/// paired with the single NF (or MBP) animal, on every coronal section except the held-out ones; the
/// held-out sections of that histology are the references (the paper: "part of the images were used for
/// training and the rest were used as references"). On the held-out sections of each MRI test animal the
/// networks are compared with the classic markers MTR, FA and DR (both shells) by ROC of the NF-/MBP-rich
/// structures (whole brain, cortex, hippocampus), R² against the histology, t-SNE of their features and the
/// contributions of the image groups per region; MRH-MBP is then applied to shiverer and control mice.
/// </summary>
public sealed class TransferExperiment(StudyData data, ExperimentSettings settings)
{
    /// <summary>The stains the networks are transferred to.</summary>
    public static readonly IReadOnlyList<string> Stains = ["NF", "MBP"];
    /// <summary>Regions with fewer voxels than this are left out of the ROC analysis.</summary>
    public const int MinRocVoxels = 20;

    readonly Dictionary<string, Volume> _histology = [];
    readonly Dictionary<string, (bool[] Mask, int[] Sections)> _regions = [];
    // the MRI, masks and reference AF of the training and test animals, each read once (MRH-AF, the transfer,
    // the evaluation, the t-SNE and the horizontal maps all use them)
    TrainingSizeExperiment _fig1 = new(data, settings);
    Volume? _labels;
    HashSet<int>? _heldOut;

    public StudyData Data { get; } = data;
    public ExperimentSettings Settings { get; } = settings;

    /// <summary>
    /// The same experiment on <paramref name="histology"/>, data whose MRI, masks and reference AF are this one's and whose histology may
    /// differ (a cause test's change), sharing the MRI volumes already read instead of holding each animal's MRI twice.
    /// </summary>
    public TransferExperiment WithHistology(StudyData histology)
    {
        var copy = new TransferExperiment(histology, Settings);
        copy._fig1 = _fig1.With(Settings, histology);
        return copy;
    }

    /// <summary>The data group holding the single animal of a stain ("nf" for NF, "mbp" for MBP).</summary>
    public static string GroupOf(string stain) => stain switch
    {
        "NF" => StudyGroups.Neurofilament,
        "MBP" => StudyGroups.MyelinBasicProtein,
        _ => throw new MrhException($"Fig. 3 transfers to NF or MBP, not '{stain}'"),
    };

    /// <summary>The NF or MBP histology (of the first animal of its group): training target and reference.</summary>
    public Volume Histology(string stain)
    {
        if (!_histology.TryGetValue(stain, out var v)) _histology[stain] = v = Data.Histology(Data.Group(GroupOf(stain))[0], stain);
        return v;
    }

    /// <summary>The atlas structure labels; a clear error when the data has none.</summary>
    public Volume Labels() => _labels ??= Data.Labels()
        ?? throw new MrhException("Fig. 3 needs atlas structure labels (cortex, hippocampus, corpus callosum); the data has none");

    /// <summary>
    /// The held-out voxels of an animal: its brain on the evaluation sections (the preset's number of evenly
    /// spaced coronal sections; every second section when the preset evaluates on all of them).
    /// </summary>
    public (bool[] Mask, int[] Sections) Region(string animal)
    {
        if (_regions.TryGetValue(animal, out var r)) return r;
        var brain = _fig1.MaskOf(animal);
        int sections = Settings.EvaluationSections > 0 ? Settings.EvaluationSections
            : Math.Max(1, EvaluationRegion.Coronal(Labels(), brain, 0).Sections.Length / 2);
        return _regions[animal] = EvaluationRegion.Coronal(Labels(), brain, sections);
    }

    /// <summary>The sections held out of the transfer training: those of every test animal's <see cref="Region"/>.</summary>
    public IReadOnlySet<int> HeldOutSections() => _heldOut ??= Data.TestAnimals.SelectMany(a => Region(a).Sections).ToHashSet();

    /// <summary>A brain mask without the <paramref name="heldOut"/> coronal sections (where training patches may be drawn).</summary>
    public static bool[] WithoutSections(Volume like, bool[] brain, IReadOnlySet<int> heldOut) =>
        VoxelMask.KeepAlong(like, brain, like.Axes.NormalAxis(AnatomicalPlane.Coronal), s => !heldOut.Contains(s));

    /// <summary>
    /// The transfer recipe of a stain: the preset's sizes, the paper's "last three convolutional layers"
    /// re-initialised and trainable (10x the learning rate), the rest frozen, initial learning rate
    /// <see cref="ExperimentSettings.TransferLearningRate"/> (the paper's 1e-4 at the paper preset).
    /// </summary>
    public TrainingSetup TransferSetup(string stain) =>
        Settings.SetupFor(Settings.PatchesPerModel, Data.TrainingAnimals.Count, Seeds.Int(Settings.Seed, "transfer", stain.ToString())) with
        {
            TargetName = stain,
            Transfer = TransferOptions.Paper,
            Trainer = Settings.Training.Trainer with { LearningRate = Settings.TransferLearningRate },
        };

    /// <summary>Trains MRH-AF, then MRH-NF and MRH-MBP from it (each network from the cache when it has it).</summary>
    public TransferModels Train(IProgress<string>? status = null, IProgress<EpochReport>? epochs = null)
    {
        status?.Report("training MRH-AF (the base network)");
        var af = MrhAf.Train(_fig1, null, epochs, BaseUnit);
        var models = new Dictionary<string, TrainedModel>();
        foreach (var stain in Stains)
        {
            status?.Report($"transfer learning MRH-AF -> MRH-{stain}");
            models[stain] = TrainTransfer(stain, af.Model, epochs);
        }
        return new TransferModels(af, models["NF"], models["MBP"]);
    }

    const string BaseUnit = "fig3-af";

    /// <summary>The unit id of a stain's network: "fig3-nf", "fig3-mbp".</summary>
    public static string UnitId(string stain) => $"fig3-{stain.ToLowerInvariant()}";

    /// <summary>The unit id of the per-voxel (1 x 1) MRH-AF that the 1 x 1 baselines of NF and MBP are transferred from.</summary>
    const string PerVoxelBaseUnit = "fig3-af-k1";

    /// <summary>The unit id of a stain's 1 x 1 baseline network: "fig3-nf-k1", "fig3-mbp-k1".</summary>
    public static string PerVoxelUnitId(string stain) => UnitId(stain) + "-k1";

    /// <summary>
    /// The training units of Fig. 3: MRH-AF (the base), MRH-NF and MRH-MBP, and the 1 x 1 baselines (the 1 x 1 MRH-AF of
    /// Fig. 1's baselines and the two networks transferred from it).
    /// </summary>
    public IReadOnlyList<TrainingUnit> Units()
    {
        var af = MrhAf.Recipe(_fig1, BaseUnit);
        var perVoxel = _fig1.PerVoxelRecipe(PerVoxelBaseUnit);
        return [new TrainingUnit(BaseUnit, "fig3", "MRH-AF (the base network)", af),
            ..Stains.Select(s => new TrainingUnit(UnitId(s), "fig3", $"MRH-{s} by transfer from MRH-AF", TransferRecipe(s, af.Key), [BaseUnit])),
            new TrainingUnit(PerVoxelBaseUnit, "fig3", "1x1 MRH-AF (base of the 1x1 baselines)", perVoxel),
            ..Stains.Select(s => new TrainingUnit(PerVoxelUnitId(s), "fig3", $"1x1 network for {s} (baseline) by transfer from the 1x1 MRH-AF",
                TransferRecipe(s, perVoxel.Key, 1), [PerVoxelBaseUnit]))];
    }

    /// <summary>Trains (or finds in the cache) the network of one unit of <see cref="Units"/>, as the notebook does.</summary>
    public TrainedModel TrainUnit(string id, IProgress<EpochReport>? progress = null)
    {
        if (id == BaseUnit) return MrhAf.Train(_fig1, null, progress, BaseUnit);
        if (id == PerVoxelBaseUnit) return _fig1.TrainPerVoxel(progress, PerVoxelBaseUnit);
        var perVoxelStain = Stains.FirstOrDefault(s => PerVoxelUnitId(s) == id);
        if (perVoxelStain is not null)
        {
            using var perVoxelAf = _fig1.TrainPerVoxel(progress, PerVoxelBaseUnit).Model;
            return TrainTransfer(perVoxelStain, perVoxelAf, progress, 1);
        }
        var stain = Stains.FirstOrDefault(s => UnitId(s) == id) ?? throw new MrhException($"Fig. 3 has no training unit '{id}'");
        using var af = MrhAf.Train(_fig1, null, progress, BaseUnit).Model;
        return TrainTransfer(stain, af, progress);
    }

    /// <summary>
    /// What determines the network of a stain: the base network's key, the data, the MRI training animals with the
    /// stain's animal, the held-out sections (the evaluation sections of the test animals, by the preset's
    /// <see cref="ExperimentSettings.EvaluationSections"/>) and the transfer setup; <paramref name="patchSize"/> 1: the
    /// 1 x 1 baseline's (unit <see cref="PerVoxelUnitId"/>).
    /// </summary>
    public NetworkRecipe TransferRecipe(string stain, string baseKey, int patchSize = 3)
    {
        var inputs = new Dictionary<string, string>
        {
            ["pairs"] = string.Join(",", Data.TrainingAnimals.Select(a => $"{a}+{Data.Group(GroupOf(stain))[0]}")),
            ["target"] = stain,
            ["channels"] = "all",
            ["held-out"] = $"evaluation sections ({Settings.EvaluationSections}) of {string.Join(",", Data.TestAnimals)}",
        };
        return patchSize switch
        {
            3 => new NetworkRecipe(UnitId(stain), Data.Identity, TransferSetup(stain), inputs, baseKey),
            1 => new NetworkRecipe(PerVoxelUnitId(stain), Data.Identity, TrainingSizeExperiment.WithPatchSize(TransferSetup(stain), 1), inputs, baseKey),
            _ => throw new MrhException($"Fig. 3 transfers 3x3 networks and the 1x1 baselines, not {patchSize}x{patchSize}"),
        };
    }

    /// <summary>
    /// MRH-NF or MRH-MBP from <paramref name="af"/>: patches of every MRI training animal outside the held-out sections;
    /// <paramref name="patchSize"/> 1: the 1 x 1 baseline from the 1 x 1 MRH-AF.
    /// </summary>
    TrainedModel TrainTransfer(string stain, MrhModel af, IProgress<EpochReport>? epochs, int patchSize = 3)
    {
        var recipe = patchSize == 3 ? TransferRecipe(stain, MrhAf.Recipe(_fig1, BaseUnit).Key)
            : TransferRecipe(stain, _fig1.PerVoxelRecipe(PerVoxelBaseUnit).Key, patchSize);
        using var threads = TorchThreads.Use(patchSize == 3 ? null : Settings.ReferencePathThreads);
        return NetworkSource.GetOrTrain(Settings, recipe, () =>
            ModelTraining.TrainOnPatches(TransferPatches(stain, recipe.Setup), recipe.Setup, epochs, af, Data.Description, "MRH-AF",
                ModelTraining.SamplerName(recipe.Setup)));
    }

    /// <summary>The training patches of a stain: every MRI training animal with the stain's histology, outside the held-out sections.</summary>
    public PatchSet TransferPatches(string stain, TrainingSetup setup)
    {
        var heldOut = HeldOutSections();
        var train = Data.TrainingAnimals;
        var patches = new List<PatchSet>();
        for (int k = 0; k < train.Count; k++)
        {
            var mri = _fig1.Mri(train[k]);
            var mask = WithoutSections(mri, _fig1.MaskOf(train[k]), heldOut);
            patches.Add(ModelTraining.SampleSubject(new PatchSource($"{train[k]}+{stain}", mri, Histology(stain), mask), setup, k));
        }
        return PatchSet.Concat(patches);
    }

    /// <summary>
    /// The baselines of each stain (by stain, in <see cref="BaselineModel.Names"/> order): the linear and the polynomial
    /// regression fitted on exactly MRH-NF's (MRH-MBP's) training patches and validation hold-out, and the 1 x 1 network
    /// transferred, by the same recipe, from the 1 x 1 MRH-AF of Fig. 1's baselines.
    /// </summary>
    public IReadOnlyDictionary<string, IReadOnlyList<BaselineModel>> TrainBaselines(IProgress<string>? status = null, IProgress<EpochReport>? epochs = null)
    {
        status?.Report("training the 1x1 MRH-AF (the base of the 1x1 baselines)");
        using var perVoxelAf = _fig1.TrainPerVoxel(epochs, PerVoxelBaseUnit).Model;
        var result = new Dictionary<string, IReadOnlyList<BaselineModel>>();
        foreach (var stain in Stains)
        {
            var setup = TransferSetup(stain);
            status?.Report($"{stain}: sampling MRH-{stain}'s training patches");
            var patches = TransferPatches(stain, setup);
            var models = new List<BaselineModel>();
            foreach (var terms in new[] { PatchTerms.Linear, PatchTerms.Quadratic })
            {
                status?.Report($"{stain}: fitting the {terms.ToString().ToLowerInvariant()} regression");
                models.Add(BaselineModel.Of(PatchRegression.FitOnPatches(patches, setup, terms)));
            }
            status?.Report($"{stain}: transferring the 1x1 network");
            models.Add(BaselineModel.Of(TrainTransfer(stain, perVoxelAf, epochs, 1), Settings.Inference()));
            result[stain] = models;
        }
        return result;
    }

    /// <summary>
    /// The baselines on one held-out animal, on the same held-out sections as <see cref="Evaluate"/>: R² against the
    /// stain's histology and the ROC of the stain-rich structures of the whole brain.
    /// </summary>
    public IReadOnlyList<BaselineMeasure> EvaluateBaselines(IReadOnlyDictionary<string, IReadOnlyList<BaselineModel>> baselines, string animal)
    {
        var mri = _fig1.Mri(animal);
        var (region, _) = Region(animal);
        var measures = new List<BaselineMeasure>();
        foreach (var (stain, models) in baselines)
        {
            var reference = Histology(stain).Channels[0];
            var whole = BrainRegions.RocRegions(Labels(), region).First(r => r.Name == BrainRegions.WholeBrain).Voxels;
            foreach (var m in models)
            {
                var map = m.Predict(mri, region, Settings.ReferencePathThreads).Channels[0];
                measures.Add(new BaselineMeasure(stain, m.Name, animal, LinearFit.Compute(reference, map, region).RSquared,
                    CanScore(reference, whole) ? Score(map, reference, whole, Polarity.High) : null));
            }
        }
        return measures;
    }

    /// <summary>
    /// R² of a stain's network against its histology on the held-out sections of one test animal (Fig. 3's R², as
    /// <see cref="Evaluate"/> computes it, without the rest of the evaluation).
    /// </summary>
    public double RSquared(TransferModels models, string stain, string animal)
    {
        var (region, _) = Region(animal);
        var prediction = VolumePredictor.Predict(models.Of(stain).Model, _fig1.Mri(animal), region, Settings.Inference()).Prediction;
        return Fit(stain, prediction, region).RSquared;
    }

    LinearFitResult Fit(string stain, Volume prediction, bool[] region) =>
        LinearFit.Compute(Histology(stain).Channels[0], prediction.Channels[0], region);

    /// <summary>Every Fig. 3 number of one held-out MRI animal (see <see cref="TransferEvaluation"/>).</summary>
    public TransferEvaluation Evaluate(TransferModels models, string animal)
    {
        var mri = _fig1.Mri(animal);
        var brain = _fig1.MaskOf(animal);
        var (region, sections) = Region(animal);
        var predictions = new Dictionary<string, Volume>();
        foreach (var stain in new[] { "AF", "NF", "MBP" })
            predictions[$"MRH-{stain}"] = VolumePredictor.Predict(models.Of(stain).Model, mri, region, Settings.Inference()).Prediction;
        var markers = ClassicMarker.Compute(ClassicMarker.Fig3, Data.ProtocolOf(animal), mri, region);
        var rocs = Rocs(predictions, markers, region);
        var fits = new Dictionary<string, LinearFitResult> { ["AF"] = LinearFit.Compute(_fig1.Reference().Channels[0], predictions["MRH-AF"].Channels[0], region) };
        foreach (var stain in Stains) fits[stain] = Fit(stain, predictions[$"MRH-{stain}"], region);
        var contributions = Stains.ToDictionary(s => s, s => Contributions(models.Of(s).Model, mri, brain, Seeds.Int(Settings.Seed, "transfer-contributions", s.ToString())));
        return new TransferEvaluation(animal, region, sections, predictions, markers, rocs, fits, contributions);
    }

    /// <summary>
    /// The ROCs of one held-out MRI animal (as <see cref="Evaluate"/> computes them, without the fits and contributions): MRH-NF,
    /// MRH-MBP and the classic markers for the NF- and MBP-rich structures of each region.
    /// </summary>
    public IReadOnlyList<MapRoc> Rocs(TransferModels models, string animal)
    {
        var mri = _fig1.Mri(animal);
        var (region, _) = Region(animal);
        var predictions = Stains.ToDictionary(s => $"MRH-{s}", s => VolumePredictor.Predict(models.Of(s).Model, mri, region, Settings.Inference()).Prediction);
        return Rocs(predictions, ClassicMarker.Compute(ClassicMarker.Fig3, Data.ProtocolOf(animal), mri, region), region);
    }

    List<MapRoc> Rocs(IReadOnlyDictionary<string, Volume> predictions, IReadOnlyDictionary<string, Volume> markers, bool[] region)
    {
        var rocs = new List<MapRoc>();
        foreach (var stain in Stains)
        {
            var reference = Histology(stain).Channels[0];
            foreach (var (name, voxels) in BrainRegions.RocRegions(Labels(), region))
            {
                if (!CanScore(reference, voxels)) continue;
                rocs.Add(new MapRoc(stain, name, $"MRH-{stain}", Score(predictions[$"MRH-{stain}"].Channels[0], reference, voxels, Polarity.High)));
                foreach (var m in ClassicMarker.Fig3)
                    rocs.Add(new MapRoc(stain, name, m.Name, Score(markers[m.Name].Channels[0], reference, voxels, m.RichIs)));
            }
        }
        return rocs;
    }

    /// <summary>
    /// ROC of a map for the structures rich in the stain (reference above its Otsu threshold in the region);
    /// a map whose low values mean "rich" (<paramref name="richIs"/> = Low, e.g. DR) is scored negated.
    /// </summary>
    public static StructureRocResult Score(float[] map, float[] reference, bool[] region, Polarity richIs)
    {
        var scores = richIs == Polarity.High ? map : map.Select(v => -v).ToArray();
        return StructureRoc.Compute(scores, reference, region, Polarity.High);
    }

    /// <summary>True when the region has enough voxels and the reference has values on both sides of its Otsu threshold there.</summary>
    public static bool CanScore(float[] reference, bool[] region)
    {
        if (VoxelMask.Count(region) < MinRocVoxels) return false;
        double t = Otsu.Threshold(reference, region);
        bool above = false, below = false;
        for (int i = 0; i < region.Length && !(above && below); i++)
            if (region[i]) { if (reference[i] > t) above = true; else below = true; }
        return above && below;
    }

    /// <summary>
    /// Contributions of the input images to a network in the whole brain, the white matter and the
    /// cortex/hippocampus: <see cref="ExperimentSettings.RegionPatches"/> random patches per region, noise
    /// levels from the channels' means over the brain.
    /// </summary>
    public ContributionResult Contributions(MrhModel model, Volume mri, bool[] brain, int seed)
    {
        var target = Volume.FromArray(mri, new float[mri.VoxelCount], "none");
        var sets = new List<PatchSet>();
        var names = new List<string>();
        foreach (var (name, voxels) in BrainRegions.ContributionRegions(Labels(), brain))
        {
            if (VoxelMask.Count(voxels) == 0) continue;
            var set = PatchSampler.RandomInMask(new PatchSource(name, mri, target, voxels),
                new RandomSamplerOptions { Count = Settings.RegionPatches, PatchSize = model.PatchSize, Plane = model.Plane, Seed = Seeds.Int(seed, "region", sets.Count) });
            if (set.Count == 0) continue;
            sets.Add(set);
            names.Add(name);
        }
        if (sets.Count == 0) throw new MrhException("no patch could be drawn in any region of the brain");
        var all = PatchSet.Concat(sets);
        var regions = new List<PatchRegion>();
        int offset = 0;
        for (int k = 0; k < sets.Count; k++)
        {
            var members = new bool[all.Count];
            for (int i = 0; i < sets[k].Count; i++) members[offset + i] = true;
            offset += sets[k].Count;
            regions.Add(new PatchRegion(names[k], members));
        }
        var options = ContributionOptions.For(Settings.Preset) with { Seed = seed, ChannelSignal = RicianNoise.ChannelMeans(mri, brain) };
        return ContributionAnalysis.Run(new ModelPatchPredictor(model, Settings.Inference()), all.Inputs, new PatchLayout(all.Count, all.Channels, all.Size), options, regions);
    }

    /// <summary>t-SNE of a network's penultimate features on an animal's held-out sections, coloured by the stain's histology.</summary>
    public FeatureEmbedding Embed(MrhModel model, string stain, string animal)
    {
        var region = Region(animal).Mask;
        var features = VolumePredictor.Predict(model, _fig1.Mri(animal), region, Settings.Inference(features: true)).Features!;
        return FeatureEmbedding.Compute(features, Histology(stain), region, Settings.TsnePoints, Settings.Seed, Settings.Preset);
    }

    /// <summary>
    /// A network's map on one section of any plane of an animal (Fig. 3A, bottom row): the networks see
    /// coronal patches, so a horizontal or sagittal map is predicted voxel by voxel from the 3D MRI.
    /// </summary>
    public Volume PredictSection(MrhModel model, string animal, AnatomicalPlane plane, int index)
    {
        var mri = _fig1.Mri(animal);
        return VolumePredictor.Predict(model, mri, BrainRegions.Section(mri, _fig1.MaskOf(animal), plane, index), Settings.Inference()).Prediction;
    }

    /// <summary>The measures of the shiverer comparison: MBP histology, MRH-MBP and the classic myelin markers.</summary>
    public static readonly IReadOnlyList<string> ShivererMeasures = ["MBP (histology)", "MRH-MBP", ClassicMarker.Mtr.Name, ClassicMarker.DrLow.Name, ClassicMarker.DrHigh.Name];

    /// <summary>
    /// MRH-MBP applied to the shiverer and control mice (not used in training): the mean of each measure in
    /// the corpus callosum per animal, and the maps of a coronal section (<paramref name="section"/>) of
    /// the first animal of each group (MBP histology, MRH-MBP, MTR, FA b=2,000 and DR b=5,000; keys "control MBP",
    /// "shiverer MTR", ...); no maps when <paramref name="section"/> is null.
    /// </summary>
    public (ShivererComparison Comparison, IReadOnlyDictionary<string, Volume> Examples) Shiverer(MrhModel mbp, int? section, IProgress<string>? status = null)
    {
        var animals = new List<ShivererAnimal>();
        var examples = new Dictionary<string, Volume>();
        var markers = new[] { ClassicMarker.Mtr, ClassicMarker.DrLow, ClassicMarker.DrHigh };
        var shown = new[] { ClassicMarker.Mtr, ClassicMarker.FaLow, ClassicMarker.DrHigh }; // Fig. 3D's maps next to MBP
        foreach (var group in new[] { StudyGroups.ShivererControls, StudyGroups.Shiverer })
        {
            var ids = Data.Group(group);
            status?.Report($"MRH-MBP, MTR and DR in the corpus callosum of the {ids.Count} {(group == StudyGroups.Shiverer ? "shiverer" : "control")} mice");
            foreach (var animal in ids)
            {
                var mri = Data.Mri(animal);
                var brain = Data.Mask(animal);
                var cc = BrainRegions.CorpusCallosumOf(Labels(), brain);
                if (VoxelMask.Count(cc) == 0) throw new MrhException($"animal {animal}: no corpus callosum voxels in its brain mask");
                bool first = section is not null && animal == ids[0];
                var where = first ? Union(cc, BrainRegions.Section(mri, brain, AnatomicalPlane.Coronal, section!.Value)) : cc;
                var prediction = VolumePredictor.Predict(mbp, mri, where, Settings.Inference()).Prediction;
                // the markers are fitted voxel by voxel, so fitting the example section too leaves the corpus callosum's values unchanged
                var maps = ClassicMarker.Compute(first ? markers.Union(shown).ToArray() : markers, Data.ProtocolOf(animal), mri, where);
                var histology = Data.Histology(animal, "MBP");
                var values = new Dictionary<string, double>
                {
                    ["MBP (histology)"] = Mean(histology.Channels[0], cc),
                    ["MRH-MBP"] = Mean(prediction.Channels[0], cc),
                };
                foreach (var m in markers) values[m.Name] = Mean(maps[m.Name].Channels[0], cc);
                animals.Add(new ShivererAnimal(animal, group, values));
                if (first)
                {
                    string who = group == StudyGroups.Shiverer ? "shiverer" : "control";
                    examples[$"{who} MBP"] = histology;
                    examples[$"{who} MRH-MBP"] = prediction;
                    foreach (var m in shown) examples[$"{who} {m.Name}"] = maps[m.Name];
                }
            }
        }
        return (new ShivererComparison(ShivererMeasures, animals), examples);
    }

    /// <summary>
    /// The numbers Fig. 3's claims are judged on, from the results a run already has: the evaluations of the
    /// test animals (mean AUC and R² over them), the shiverer comparison and the paired contribution tests per
    /// stain (<see cref="ContributionComparison.Paired"/>, cortex/hippocampus against white matter).
    /// </summary>
    public TransferFindings Findings(IReadOnlyList<TransferEvaluation> evaluations, ShivererComparison shiverer,
        IReadOnlyDictionary<string, IReadOnlyList<GroupContributionTest>> contributions, IReadOnlyList<IReadOnlyList<BaselineMeasure>>? baselines = null)
    {
        if (evaluations.Count == 0) throw new MrhException("Fig. 3's claims need at least one evaluated test animal");
        var aucs = evaluations.SelectMany(e => e.Rocs).GroupBy(r => (r.Stain, r.Region, r.Map))
            .Select(g => new MeanAuc(g.Key.Stain, g.Key.Region, g.Key.Map, MeanOfFinite(evaluations.Select(e => e.Auc(g.Key.Stain, g.Key.Region, g.Key.Map)))))
            .ToArray();
        var r2 = new[] { "AF", "NF", "MBP" }.ToDictionary(s => s, s => evaluations.Average(e => e.Fits[s].RSquared));
        var shiver = shiverer.Measures.ToDictionary(m => m, m => { var t = shiverer.Test(m); return new TestedDifference(t.MeanDifference, t.PValue); });
        var regional = contributions.ToDictionary(c => c.Key,
            c => (IReadOnlyList<RegionalContribution>)c.Value.Select(t => new RegionalContribution(t.Group, t.Test.MeanDifference, t.Test.PValue)).ToArray());
        return new TransferFindings(aucs, r2, shiver, regional, Data is PhantomStudyData, baselines is null ? null : BaselineScores(evaluations, baselines));
    }

    /// <summary>R² per held-out animal of MRH-NF (MRH-MBP) and of each of its baselines, paired by animal.</summary>
    public static IReadOnlyList<BaselineScore> BaselineScores(IReadOnlyList<TransferEvaluation> evaluations, IReadOnlyList<IReadOnlyList<BaselineMeasure>> baselines)
    {
        var all = baselines.SelectMany(b => b).ToArray();
        var scores = new List<BaselineScore>();
        foreach (var stain in Stains)
        {
            var mrh = evaluations.ToDictionary(e => e.Animal, e => e.Fits[stain].RSquared);
            foreach (var name in BaselineModel.Names)
            {
                var of = all.Where(m => m.Stain == stain && m.Baseline == name).ToDictionary(m => m.Animal, m => m.RSquared);
                if (of.Count > 0) scores.Add(BaselineScore.Paired($"MRH-{stain}", name, "R²", mrh, of));
            }
        }
        return scores;
    }

    /// <summary>Fig. 3's "paper vs this run" table (<see cref="TransferClaims.Table"/> of <see cref="Findings"/>).</summary>
    public ClaimTable Claims(IReadOnlyList<TransferEvaluation> evaluations, ShivererComparison shiverer,
        IReadOnlyDictionary<string, IReadOnlyList<GroupContributionTest>> contributions, IReadOnlyList<IReadOnlyList<BaselineMeasure>>? baselines = null) =>
        TransferClaims.Table(Findings(evaluations, shiverer, contributions, baselines));

    /// <summary>The mean of the finite values: Fig. 3 averages AUCs over the held-out animals where each region could be scored (NaN when none).</summary>
    internal static double MeanOfFinite(IEnumerable<double> values)
    {
        var finite = values.Where(double.IsFinite).ToArray();
        return finite.Length == 0 ? double.NaN : finite.Average();
    }

    static bool[] Union(bool[] a, bool[] b) => a.Zip(b, (x, y) => x || y).ToArray();

    static double Mean(float[] values, bool[] region)
    {
        double s = 0; long n = 0;
        for (int i = 0; i < values.Length; i++) if (region[i]) { s += values[i]; n++; }
        return n == 0 ? double.NaN : s / n;
    }
}
