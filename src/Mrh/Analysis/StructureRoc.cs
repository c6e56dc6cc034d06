namespace Mrh.Analysis;

/// <summary>
/// ROC analysis of how well a prediction finds the structures of a reference: the reference's
/// positive class, the prediction's ROC curve for it, and the optimal operating point.
/// </summary>
/// <param name="ReferenceThreshold">Otsu threshold of the reference inside the region.</param>
/// <param name="Positive">Which structures are positive: <see cref="Polarity.Low"/> = reference at or
/// below the threshold (hypo-intense, AF), <see cref="Polarity.High"/> = above it (hyper-intense,
/// NF/MBP/Nissl). The prediction is scored in the same direction.</param>
/// <param name="Curve">The ROC curve of the prediction (thresholds in prediction units), without collinear points.</param>
/// <param name="Optimal">The point of largest Youden's J (the optimal operating point).</param>
public sealed record StructureRocResult(double ReferenceThreshold, Polarity Positive, RocCurve Curve, OperatingPoint Optimal)
{
    public double Auc => Curve.Auc;
}

/// <summary>ROC of a prediction against structures defined in a reference by Otsu thresholding.</summary>
public static class StructureRoc
{
    /// <summary>
    /// Labels the region's voxels from the reference by its Otsu threshold (computed inside the
    /// region), then scores the prediction against those labels. Voxels where either image is NaN are
    /// left out.
    /// </summary>
    public static StructureRocResult Compute(ReadOnlySpan<float> prediction, ReadOnlySpan<float> reference, bool[]? region,
        Polarity positive)
    {
        if (prediction.Length != reference.Length)
            throw new ArgumentException($"prediction has {prediction.Length} values but the reference has {reference.Length}");
        VoxelMask.CheckLength(reference.Length, region, "the reference");
        var inside = new bool[reference.Length];
        for (int i = 0; i < inside.Length; i++)
            inside[i] = (region is null || region[i]) && !float.IsNaN(prediction[i]) && !float.IsNaN(reference[i]);
        if (VoxelMask.Count(inside) == 0) throw new ArgumentException("ROC over an empty region (the mask selects no voxel)");
        double t = Otsu.Threshold(reference, inside);
        var scores = new List<double>();
        var labels = new List<bool>();
        for (int i = 0; i < inside.Length; i++)
        {
            if (!inside[i]) continue;
            scores.Add(prediction[i]);
            labels.Add(positive == Polarity.High ? reference[i] > t : reference[i] <= t);
        }
        var curve = Roc.Compute(scores, labels, positive);
        return new StructureRocResult(t, positive, curve.WithoutCollinearPoints(), curve.Youden());
    }
}
