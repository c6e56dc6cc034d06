using Mrh.Analysis;
using Mrh.Imaging;
using Mrh.Model;

namespace Mrh.Experiments;

/// <summary>
/// A trained network of one case and how it did on the held-out MRI animals: one
/// <see cref="EvaluationResult"/> per test animal (RMSE, SSIM, R², ROC against the reference AF) and the
/// prediction of the first test animal (for the figures).
/// </summary>
public sealed record CaseRun(TrainingCase Case, TrainedModel Trained, IReadOnlyList<string> TestAnimals,
    IReadOnlyList<EvaluationResult> PerTestAnimal, Volume FirstPrediction, double TrainSeconds, double PredictSeconds)
{
    public SampleSummary Rmse => Descriptive.Summarize(PerTestAnimal.Select(e => e.Rmse).ToArray());
    public SampleSummary Ssim => Descriptive.Summarize(PerTestAnimal.Select(e => e.Ssim.Mean).ToArray());
    public SampleSummary Auc => Descriptive.Summarize(PerTestAnimal.Select(e => e.Roc.Curve.Auc).ToArray());
    public SampleSummary RSquared => Descriptive.Summarize(PerTestAnimal.Select(e => e.Fit.RSquared).ToArray());
}
