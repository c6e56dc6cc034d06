namespace Mrh.Analysis;

/// <summary>Root mean square error between a prediction and a reference.</summary>
public static class Rmse
{
    /// <summary>
    /// sqrt(mean((prediction - reference)^2)) over all voxels, or over the voxels inside
    /// <paramref name="mask"/>. Sums in double precision.
    /// </summary>
    public static double Compute(ReadOnlySpan<float> prediction, ReadOnlySpan<float> reference, bool[]? mask = null)
    {
        if (prediction.Length != reference.Length)
            throw new ArgumentException($"prediction has {prediction.Length} values but the reference has {reference.Length}");
        VoxelMask.CheckLength(reference.Length, mask, "the reference");
        double sum = 0;
        long n = 0;
        for (int i = 0; i < reference.Length; i++)
        {
            if (mask is not null && !mask[i]) continue;
            double d = (double)prediction[i] - reference[i];
            sum += d * d;
            n++;
        }
        if (n == 0) throw new MrhException("RMSE over an empty region (the mask selects no voxel)");
        return Math.Sqrt(sum / n);
    }
}
