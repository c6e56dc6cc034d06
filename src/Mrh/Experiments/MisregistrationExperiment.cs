using System.Diagnostics;
using Mrh.Analysis;
using Mrh.Imaging;
using Mrh.Jobs;
using Mrh.Model;
using Mrh.Patches;

namespace Mrh.Experiments;

/// <summary>
/// Supplementary Fig. 1: how MRH-AF copes with residual MRI-histology misregistration, and the patch size.
/// Every network is the standard MRH-AF training (Fig. 1 case ii: the MRI training animals paired with the AF
/// of six animals, same patches, same seed) with one thing changed:
/// <list type="bullet">
/// <item>misregistration: each AF target is resampled through a random displacement field
/// (<see cref="PixelMismatch"/>: Gaussian vectors on a 1 mm grid in the coronal plane, cubic B-spline
/// interpolation, chi-distributed magnitudes) scaled to a mean of <see cref="ExperimentSettings.MisregistrationVoxels"/>;
/// each AF animal keeps one field pattern, scaled to every level, so the levels differ only in amplitude;</item>
/// <item>patch size: k x k patches for every k of <see cref="ExperimentSettings.PatchSizes"/> (targets as they are).</item>
/// </list>
/// Each network is applied to the held-out MRI animals and compared with the reference AF, as in Fig. 1. The
/// case with no added displacement and 3 x 3 patches is the standard MRH-AF network (<see cref="MrhAf"/>).
/// </summary>
public sealed class MisregistrationExperiment
{
    readonly TrainingSizeExperiment _fig1;
    readonly TrainingCase _standard;
    readonly Dictionary<(string Animal, double Voxels), Volume> _targets = [];
    readonly Dictionary<(double Voxels, int PatchSize, int Patches), SupplementaryRun> _runs = [];

    public MisregistrationExperiment(StudyData data, ExperimentSettings settings)
    {
        _fig1 = new TrainingSizeExperiment(data, settings);
        _standard = _fig1.Cases().First(c => c.Id == "ii");
        foreach (var v in settings.MisregistrationVoxels)
            if (!(v >= 0) || double.IsInfinity(v)) throw new MrhException($"misregistration levels must be finite and non-negative (got {v})");
        foreach (var k in settings.PatchSizes)
            if (k < 1 || k % 2 == 0) throw new MrhException($"patch sizes must be positive odd numbers (got {k})");
    }

    public StudyData Data => _fig1.Data;
    public ExperimentSettings Settings => _fig1.Settings;
    /// <summary>The Fig. 1 steps this experiment shares (evaluation region, reference, MRI cache).</summary>
    public TrainingSizeExperiment Fig1 => _fig1;
    /// <summary>The AF animals whose images are the targets (those of Fig. 1 case ii).</summary>
    public IReadOnlyList<string> AfAnimals => _standard.AfAnimals;

    /// <summary>One network per misregistration level, 3 x 3 patches.</summary>
    public IReadOnlyList<SupplementaryCase> MisregistrationCases() => Settings.MisregistrationVoxels
        .Select(v => new SupplementaryCase($"d{v:0.##}", $"+{v:0.##} voxels", v, 3, Settings.SupplementaryPatches)).ToArray();

    /// <summary>One network per patch size, targets as they are.</summary>
    public IReadOnlyList<SupplementaryCase> PatchSizeCases() => Settings.PatchSizes
        .Select(k => new SupplementaryCase($"k{k}", $"{k}x{k}", 0, k, Settings.PatchSizePatches)).ToArray();

    /// <summary>The random field that moves the AF of <paramref name="afAnimal"/> by a mean of <paramref name="voxels"/>.</summary>
    public DisplacementField Field(string afAnimal, double voxels)
    {
        var af = Data.Af(afAnimal);
        return PixelMismatch.RandomField(af, MismatchOptions(afAnimal, voxels));
    }

    /// <summary>The mismatch settings of one AF animal: the paper's 1 mm grid, one seed per animal (not per level).</summary>
    public PixelMismatchOptions MismatchOptions(string afAnimal, double voxels)
    {
        int index = IndexOfAf(afAnimal);
        return PixelMismatchOptions.For(Settings.Preset) with
        {
            MeanDisplacementVoxels = voxels,
            Seed = Seeds.Int(Settings.Seed, "misregistration", index),
        };
    }

    /// <summary>The AF target of an animal displaced by a mean of <paramref name="voxels"/> (0: the AF as it is); cached.</summary>
    public Volume Target(string afAnimal, double voxels)
    {
        if (_targets.TryGetValue((afAnimal, voxels), out var t)) return t;
        var af = Data.Af(afAnimal);
        t = voxels == 0 ? af : PixelMismatch.Simulate(af, MismatchOptions(afAnimal, voxels)).Moved;
        _targets[(afAnimal, voxels)] = t;
        return t;
    }

    /// <summary>MRI/target pairs of a case: those of Fig. 1 case ii, with the targets displaced.</summary>
    public IReadOnlyList<PatchSource> Pairs(SupplementaryCase c) =>
        // pair j of Fig. 1 holds AF animal j mod (number of AF animals)
        _fig1.Pairs(_standard).Select((p, j) =>
            p with { Target = Target(AfAnimals[j % AfAnimals.Count], c.DisplacementVoxels) }).ToArray();

    /// <summary>The training setup of a case: Fig. 1 case ii's, with the case's patch size and count.</summary>
    public TrainingSetup SetupFor(SupplementaryCase c, int pairs) =>
        TrainingSizeExperiment.WithPatchSize(Settings.SetupFor(c.Patches, pairs, _fig1.SeedOf(_standard)), c.PatchSize);


    /// <summary>Trains the network of one case.</summary>
    public TrainedModel Train(SupplementaryCase c, IProgress<EpochReport>? progress = null)
    {
        var recipe = Recipe(c);
        return NetworkSource.GetOrTrain(Settings, recipe, () => ModelTraining.Train(Pairs(c), recipe.Setup, progress, datasetName: Data.Description));
    }

    /// <summary>The unit id of a case: "supp-d2" (misregistration), "supp-k5" (patch size).</summary>
    public static string UnitId(SupplementaryCase c) => $"supp-{c.Id}";

    /// <summary>
    /// The training units of the supplementary figures: one per misregistration level and patch size. A case with
    /// the same network as another (3 x 3 without added displacement) has the same key, so it is trained once.
    /// </summary>
    public IReadOnlyList<TrainingUnit> Units() =>
        MisregistrationCases().Concat(PatchSizeCases()).Select(c => new TrainingUnit(UnitId(c), "supp", c.Label, Recipe(c))).ToArray();

    /// <summary>
    /// What determines the network of a case: Fig. 1 case ii's recipe with the case's patch size and count, and,
    /// when the targets are displaced, the displacement of each AF animal (its mismatch settings and seed).
    /// </summary>
    public NetworkRecipe Recipe(SupplementaryCase c)
    {
        var standard = _fig1.Recipe(_standard, unit: UnitId(c));
        var inputs = standard.Inputs.ToDictionary(kv => kv.Key, kv => kv.Value);
        if (c.DisplacementVoxels != 0)
            inputs["target"] = "AF displaced: " + string.Join(";", AfAnimals.Select(a =>
                $"{a} {System.Text.Json.JsonSerializer.Serialize(MismatchOptions(a, c.DisplacementVoxels), ModelCheckpoint.JsonOptions).ReplaceLineEndings("")}"));
        return standard with { Setup = SetupFor(c, _fig1.PairAnimals(_standard).Count), Inputs = inputs };
    }

    /// <summary>
    /// Trains one case and evaluates it on every held-out MRI animal against the reference AF. A case with the
    /// same displacement, patch size and patch count as an earlier one (the 3 x 3 network without added
    /// displacement is in both comparisons) returns the earlier run: same setup and seed, same network.
    /// </summary>
    public SupplementaryRun Run(SupplementaryCase c, IProgress<EpochReport>? progress = null)
    {
        var key = (c.DisplacementVoxels, c.PatchSize, c.Patches);
        if (_runs.TryGetValue(key, out var done)) return done with { Case = c };
        var run = RunUncached(c, progress);
        _runs[key] = run;
        return run;
    }

    SupplementaryRun RunUncached(SupplementaryCase c, IProgress<EpochReport>? progress)
    {
        // sizes other than 3 x 3 run on the Conv2d reference path (see ExperimentSettings.ReferencePathThreads)
        using var threads = TorchThreads.Use(c.PatchSize == 3 ? null : Settings.ReferencePathThreads);
        var clock = Stopwatch.StartNew();
        var trained = Train(c, progress);
        double trainSeconds = clock.Elapsed.TotalSeconds;
        clock.Restart();
        var (results, first) = _fig1.EvaluateHeldOut(trained.Model);
        return new SupplementaryRun(c, trained, Data.TestAnimals, results, first, trainSeconds, clock.Elapsed.TotalSeconds);
    }

    /// <summary>Runs every case in order; <paramref name="status"/> hears which case starts.</summary>
    public IReadOnlyList<SupplementaryRun> RunAll(IEnumerable<SupplementaryCase> cases, IProgress<string>? status = null)
    {
        var runs = new List<SupplementaryRun>();
        foreach (var c in cases)
        {
            status?.Report($"training {c}");
            runs.Add(Run(c));
        }
        return runs;
    }

    /// <summary>
    /// The numbers the supplementary claims need, gathered from what the notebook already has: the field shown,
    /// the misregistration and patch-size runs (<see cref="RunAll"/>), and the decorrelation resolution of the MRI
    /// and of the standard network's prediction. Nothing is trained or predicted again.
    /// </summary>
    public SupplementaryFindings Findings(DisplacementField field, IReadOnlyList<SupplementaryRun> misregistration,
        IReadOnlyList<SupplementaryRun> patchSizes, ResolutionEstimate mri, ResolutionEstimate prediction)
    {
        ArgumentNullException.ThrowIfNull(field);
        var standard = misregistration.FirstOrDefault(r => r.Case.DisplacementVoxels == 0)?.Trained.Result
            ?? throw new MrhException("the misregistration runs need a level with no added displacement");
        var magnitudes = field.Magnitudes().Select(m => (double)m).ToArray();
        return new SupplementaryFindings(
            Descriptive.StandardDeviation(magnitudes) / magnitudes.Average(),
            misregistration.Select(r => new MisregistrationLevel(r.Case.DisplacementVoxels, r.Rmse.Mean, r.Auc.Mean)).ToList(),
            patchSizes.Select(r => new PatchSizeOutcome(r.Case.PatchSize, r.Case.Label, r.Auc.Mean)).ToList(),
            standard.InitialValidationLoss, standard.BestValidationLoss, standard.BestEpoch, standard.History[^1].ValidationLoss,
            mri.Summary.Mean, prediction.Summary.Mean,
            _fig1.Mri(Data.TestAnimals[0]).Spacing[0] * 1000);
    }

    /// <summary>The supplementary "paper vs this run" table of these runs (<see cref="SupplementaryClaims.Table"/>).</summary>
    public ClaimTable Claims(DisplacementField field, IReadOnlyList<SupplementaryRun> misregistration,
        IReadOnlyList<SupplementaryRun> patchSizes, ResolutionEstimate mri, ResolutionEstimate prediction) =>
        SupplementaryClaims.Table(Findings(field, misregistration, patchSizes, mri, prediction));

    /// <summary>
    /// The largest displacement whose mean AUC stays within <paramref name="aucTolerance"/> of the undisplaced
    /// network's (runs ordered by displacement, the first at 0): how much misregistration the network tolerates.
    /// </summary>
    public static double ToleratedVoxels(IReadOnlyList<(double Voxels, double Auc)> byDisplacement, double aucTolerance)
    {
        if (byDisplacement.Count == 0) throw new MrhException("no misregistration runs");
        var ordered = byDisplacement.OrderBy(r => r.Voxels).ToArray();
        if (ordered[0].Voxels != 0) throw new MrhException("the misregistration runs need a level with no added displacement");
        double tolerated = 0;
        foreach (var (v, auc) in ordered)
        {
            if (ordered[0].Auc - auc > aucTolerance) break;
            tolerated = v;
        }
        return tolerated;
    }

    int IndexOfAf(string afAnimal)
    {
        int index = Data.AfAnimals.ToList().IndexOf(afAnimal);
        if (index < 0) throw new MrhException($"{afAnimal} is not an AF animal of the data");
        return index;
    }
}
