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
/// volume is compared. RMSE, R^2 and ROC use the voxels inside the mask (all voxels without one); SSIM
/// compares whole sections, averaging those that meet the mask.
/// One rule for values that are not numbers: every voxel of the evaluated sections (the sections of the
/// plane that meet the mask, which SSIM compares whole, and so every voxel inside the mask) must be finite in
/// both volumes; a NaN or infinite voxel there is refused with an <see cref="MrhException"/> that names the
/// volume and the count, so that no metric is computed over a different set of voxels than another.
/// </summary>
public static class Evaluation
{
    public static EvaluationResult Run(Volume prediction, Volume reference, Volume? mask = null, EvaluationOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(prediction);
        ArgumentNullException.ThrowIfNull(reference);
        var o = options ?? new EvaluationOptions();
        if (!prediction.SameGrid(reference))
            throw new MrhException($"the prediction ({prediction.NX}x{prediction.NY}x{prediction.NZ}) and the reference ({reference.NX}x{reference.NY}x{reference.NZ}) are on different grids");
        if (mask is not null && !mask.SameGrid(reference))
            throw new MrhException($"the mask ({mask.NX}x{mask.NY}x{mask.NZ}) and the reference ({reference.NX}x{reference.NY}x{reference.NZ}) are on different grids");
        float[] p = prediction.Channels[0], r = reference.Channels[0];
        var region = mask is null ? Enumerable.Repeat(true, r.Length).ToArray() : VolumeMask.FromVolume(mask);
        long n = VoxelMask.Count(region);
        if (n == 0) throw new MrhException("nothing to evaluate: the mask holds no voxel");
        RefuseNonFinite(prediction, "the prediction", region, o.Plane);
        RefuseNonFinite(reference, "the reference", region, o.Plane);

        double rmse = Rmse.Compute(p, r, region);
        var ssim = Ssim.OfVolume(prediction, reference, o.Plane, region, o.DataRange ?? Ssim.DataRange(r));
        var fit = LinearFit.Compute(r, p, region);
        var roc = StructureRoc.Compute(p, r, region, o.Positive);
        return new EvaluationResult(n, rmse, ssim, fit, roc);
    }

    /// <summary>Throws when channel 0 has NaN or infinite voxels in the sections of <paramref name="plane"/> that meet the region.</summary>
    static void RefuseNonFinite(Volume volume, string what, bool[] region, AnatomicalPlane plane)
    {
        var data = volume.Channels[0];
        int normal = volume.Axes.NormalAxis(plane);
        var used = new bool[volume.Size(normal)];
        foreach (int s in Ssim.SectionsTouching(volume, plane, region)) used[s] = true;
        long nan = 0, inf = 0, inside = 0;
        for (int z = 0; z < volume.NZ; z++)
            for (int y = 0; y < volume.NY; y++)
                for (int x = 0; x < volume.NX; x++)
                {
                    if (!used[normal == 0 ? x : normal == 1 ? y : z]) continue;
                    int i = volume.Index(x, y, z);
                    float v = data[i];
                    if (float.IsFinite(v)) continue;
                    if (float.IsNaN(v)) nan++; else inf++;
                    if (region[i]) inside++;
                }
        if (nan + inf > 0)
            throw new MrhException($"{what} has {nan + inf:N0} voxels that are not finite ({nan:N0} NaN, {inf:N0} infinite; {inside:N0} inside the mask) " +
                                   $"in the {used.Count(b => b):N0} {plane.ToString().ToLowerInvariant()} sections evaluated; every metric needs finite values there");
    }
}
