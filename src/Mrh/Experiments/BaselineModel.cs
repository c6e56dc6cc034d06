using Mrh.Analysis;
using Mrh.Imaging;
using Mrh.Model;
using Mrh.Model.Baselines;

namespace Mrh.Experiments;

/// <summary>
/// A simple model beside an MRH network, trained on the same patches and evaluated on the same held-out animals with
/// the same metrics: the linear and the polynomial regression on the 3 x 3 x 67 patch (<see cref="PatchRegression"/>),
/// or the per-voxel (1 x 1) network. <see cref="Predictor"/> takes raw patches of <see cref="PatchSize"/> and gives
/// the centre voxel's value in target units; <see cref="Network"/> is the trained network of a 1 x 1 baseline.
/// </summary>
public sealed record BaselineModel(string Name, string Target, IPatchPredictor Predictor, int PatchSize, AnatomicalPlane Plane, double Seconds,
    string Description, TrainedModel? Network = null)
{
    /// <summary>Ridge regression on the patch values (<see cref="PatchTerms.Linear"/>).</summary>
    public const string Linear = "linear";
    /// <summary>Ridge regression with the centre voxel's second order (<see cref="PatchTerms.Quadratic"/>).</summary>
    public const string Polynomial = "polynomial";
    /// <summary>The MRH network on 1 x 1 patches: each voxel's 67 values alone, no neighbours.</summary>
    public const string PerVoxel = "1x1 network";

    /// <summary>The baselines in the order of every table: linear, polynomial, 1x1 network.</summary>
    public static readonly IReadOnlyList<string> Names = [Linear, Polynomial, PerVoxel];

    /// <summary>The map of the model on the voxels of <paramref name="mask"/> of an MRI volume (0 elsewhere).</summary>
    public Volume Predict(Volume mri, bool[] mask, int? threads = null)
    {
        using var use = TorchThreads.Use(PatchSize == 3 ? null : threads);
        return VolumePredictor.Predict(Predictor, PatchSize, Plane, Target, mri, mask);
    }

    /// <summary>A regression baseline (name from its terms).</summary>
    public static BaselineModel Of(PatchRegression regression) => new(regression.Terms == PatchTerms.Linear ? Linear : Polynomial, regression.TargetName,
        regression, regression.PatchSize, regression.Plane, regression.Seconds, regression.ToString());

    /// <summary>The 1 x 1 network baseline, applied on the CPU in float32 or as <paramref name="options"/> say.</summary>
    public static BaselineModel Of(TrainedModel network, InferenceOptions? options = null) => new(PerVoxel, network.Model.TargetName,
        new ModelPatchPredictor(network.Model, options), network.Model.PatchSize, network.Model.Plane, network.Result.Seconds,
        $"MRH network on {network.Model.PatchSize}x{network.Model.PatchSize} patches, {network.Result.History.Count} epochs", network);
}

/// <summary>A Fig. 1 baseline evaluated on every held-out animal against the reference AF (as <see cref="CaseRun"/>).</summary>
public sealed record BaselineRun(BaselineModel Model, IReadOnlyList<string> TestAnimals, IReadOnlyList<EvaluationResult> PerTestAnimal, Volume FirstPrediction)
{
    public string Name => Model.Name;
    public SampleSummary Rmse => Descriptive.Summarize(PerTestAnimal.Select(e => e.Rmse).ToArray());
    public SampleSummary Auc => Descriptive.Summarize(PerTestAnimal.Select(e => e.Roc.Curve.Auc).ToArray());
    public SampleSummary RSquared => Descriptive.Summarize(PerTestAnimal.Select(e => e.Fit.RSquared).ToArray());
}

/// <summary>
/// A Fig. 3 baseline on one held-out animal: R² of its map against the stain's histology on the held-out sections and
/// the ROC of the stain-rich structures of the whole brain (null where the region cannot be scored).
/// </summary>
public sealed record BaselineMeasure(string Stain, string Baseline, string Animal, double RSquared, StructureRocResult? WholeBrainRoc);
