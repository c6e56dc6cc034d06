using Mrh.Analysis;
using Mrh.Imaging;
using Mrh.Model;

namespace Mrh.Experiments;

/// <summary>
/// A trained network of Supplementary Fig. 1 and how it did on the held-out MRI animals against the reference
/// AF (one <see cref="EvaluationResult"/> per test animal), with the prediction of the first test animal.
/// </summary>
public sealed record SupplementaryRun(SupplementaryCase Case, TrainedModel Trained, IReadOnlyList<string> TestAnimals,
    IReadOnlyList<EvaluationResult> PerTestAnimal, Volume FirstPrediction, double TrainSeconds, double PredictSeconds)
{
    public SampleSummary Rmse => Descriptive.Summarize(PerTestAnimal.Select(e => e.Rmse).ToArray());
    public SampleSummary Auc => Descriptive.Summarize(PerTestAnimal.Select(e => e.Roc.Curve.Auc).ToArray());
    public SampleSummary RSquared => Descriptive.Summarize(PerTestAnimal.Select(e => e.Fit.RSquared).ToArray());
}
