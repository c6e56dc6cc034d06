using Mrh.Analysis;
using Mrh.Imaging;
using Mrh.Model;

namespace Mrh.Experiments;

/// <summary>
/// The MRH-AF network trained on one <see cref="ImageSubset"/> and how it did on the held-out animals
/// (one <see cref="EvaluationResult"/> per test animal, against the reference AF).
/// </summary>
public sealed record SubsetRun(ImageSubset Subset, TrainedModel Trained, IReadOnlyList<string> TestAnimals,
    IReadOnlyList<EvaluationResult> PerTestAnimal, Volume FirstPrediction, double TrainSeconds)
{
    public double[] RmseValues => PerTestAnimal.Select(e => e.Rmse).ToArray();
    public SampleSummary Rmse => Descriptive.Summarize(RmseValues);
    public SampleSummary Auc => Descriptive.Summarize(PerTestAnimal.Select(e => e.Roc.Curve.Auc).ToArray());
}
