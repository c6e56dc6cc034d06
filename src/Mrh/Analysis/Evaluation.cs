using Mrh.Imaging;

namespace Mrh.Analysis;

/// <summary>Settings of <see cref="Evaluation.Run"/>.</summary>
/// <param name="Positive">Which reference structures ROC looks for: <see cref="Polarity.Low"/> (hypo-intense,
/// the paper's AF) or <see cref="Polarity.High"/> (hyper-intense: NF, MBP, Nissl).</param>
/// <param name="Plane">Plane of the sections SSIM is averaged over.</param>
/// <param name="DataRange">SSIM's L; null = max - min of the whole reference volume.</param>
public sealed record EvaluationOptions(Polarity Positive = Polarity.Low, AnatomicalPlane Plane = AnatomicalPlane.Coronal,
    double? DataRange = null);

/// <summary>Every number of <see cref="Evaluation.Run"/>.</summary>
/// <param name="Voxels">Voxels evaluated (inside the mask, finite in both volumes).</param>
public sealed record EvaluationResult(long Voxels, double Rmse, SsimResult Ssim, LinearFitResult Fit, StructureRocResult Roc)
{
    public double RSquared => Fit.RSquared;
    public double Auc => Roc.Auc;
}

/// <summary>
/// The paper's comparison of a predicted map with its reference (Fig. 1D-F, Fig. 3): RMSE, SSIM,
/// R^2 of the voxel-wise fit with its p-value, and ROC of the reference's hypo- or hyper-intense
/// structures (Otsu threshold of the reference) with the optimal operating point. Channel 0 of each
/// volume is compared. RMSE, R^2 and ROC use the voxels inside the mask (all voxels without one) where
/// both volumes are finite; SSIM compares whole sections, averaging those that meet the mask.
/// </summary>
public static class Evaluation
{
    public static EvaluationResult Run(Volume prediction, Volume reference, Volume? mask = null, EvaluationOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(prediction);
        ArgumentNullException.ThrowIfNull(reference);
        var o = options ?? new EvaluationOptions();
        if (!prediction.SameGrid(reference))
            throw new ArgumentException($"the prediction ({prediction.NX}x{prediction.NY}x{prediction.NZ}) and the reference ({reference.NX}x{reference.NY}x{reference.NZ}) are on different grids");
        if (mask is not null && !mask.SameGrid(reference))
            throw new ArgumentException($"the mask ({mask.NX}x{mask.NY}x{mask.NZ}) and the reference ({reference.NX}x{reference.NY}x{reference.NZ}) are on different grids");
        float[] p = prediction.Channels[0], r = reference.Channels[0];
        var region = mask is null ? Enumerable.Repeat(true, r.Length).ToArray() : VoxelMask.FromVolume(mask);
        for (int i = 0; i < region.Length; i++)
            if (region[i] && (!float.IsFinite(p[i]) || !float.IsFinite(r[i]))) region[i] = false;
        long n = VoxelMask.Count(region);
        if (n == 0) throw new ArgumentException("nothing to evaluate: the mask holds no voxel where both volumes are finite");

        double rmse = Rmse.Compute(p, r, region);
        var ssim = Ssim.OfVolume(prediction, reference, o.Plane, region, o.DataRange ?? Ssim.DataRange(r));
        var fit = LinearFit.Compute(r, p, region);
        var roc = StructureRoc.Compute(p, r, region, o.Positive);
        return new EvaluationResult(n, rmse, ssim, fit, roc);
    }
}
