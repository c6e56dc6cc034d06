using Mrh.Analysis;
using Mrh.Imaging;
using Mrh.Model;

namespace Mrh.Experiments;

/// <summary>
/// One MRH-Nissl network of Fig. 4 (an input set), trained on the training part of the control animals, and how
/// it did on their test part: per animal the ROC of the cell-dense (Nissl-bright) structures and the prediction
/// (on the evaluation sections and the two figure sections).
/// </summary>
public sealed record NisslRun(NisslInputs Inputs, TrainedModel Trained, IReadOnlyList<string> Animals,
    IReadOnlyList<StructureRocResult> Roc, IReadOnlyList<Volume> Predictions, double TrainSeconds)
{
    public SampleSummary Auc => Descriptive.Summarize(Roc.Select(r => r.Auc).ToArray());
    /// <summary>Mean sensitivity and specificity at each animal's optimal operating point (Youden).</summary>
    public double Sensitivity => Roc.Average(r => r.Optimal.TruePositiveRate);
    public double Specificity => Roc.Average(r => 1 - r.Optimal.FalsePositiveRate);
}
