using Mrh.Imaging;

namespace Mrh.Contrasts;

/// <summary>
/// One network (training repeat <see cref="Repeat"/>) applied to every held-out animal: its per-animal scores and
/// predictions (animal order of the data).
/// </summary>
public sealed record HeldOutRun(IReadOnlyList<string> Inputs, int Repeat, IReadOnlyList<HeldOutScore> Scores, IReadOnlyList<Volume> Predictions)
{
    public double MeanRmse => Scores.Average(s => s.Rmse);
    public double MeanAuc => Scores.Average(s => s.Auc);
    public double MeanRSquared => Scores.Average(s => s.RSquared);
    /// <summary>The run as one unit of a comparison over repeats.</summary>
    public HeldOutScore Mean => new($"repeat {Repeat + 1}", MeanAuc, MeanRSquared, MeanRmse);
}
