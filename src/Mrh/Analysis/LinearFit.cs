namespace Mrh.Analysis;

/// <summary>
/// Least-squares line y = Slope x + Intercept through voxel pairs, its Pearson correlation R, the
/// coefficient of determination R^2 (= R^2 for a fit with intercept) and the two-sided p-value of
/// H0: no linear relation (t = R sqrt((n - 2) / (1 - R^2)), Student t with n - 2 degrees of freedom).
/// </summary>
public sealed record LinearFitResult(double Slope, double Intercept, double R, double RSquared, double PValue, long Count);

/// <summary>Voxel-wise linear regression of a prediction (y) on a reference (x).</summary>
public static class LinearFit
{
    /// <summary>
    /// Fits <paramref name="y"/> against <paramref name="x"/> over all voxels or those inside the mask.
    /// Sums are centred (two passes) in double precision. Needs at least 3 voxels and a non-constant x.
    /// </summary>
    public static LinearFitResult Compute(ReadOnlySpan<float> x, ReadOnlySpan<float> y, bool[]? mask = null)
    {
        if (x.Length != y.Length) throw new ArgumentException($"x has {x.Length} values but y has {y.Length}");
        VoxelMask.CheckLength(x.Length, mask, "the data");
        double sx = 0, sy = 0;
        long n = 0;
        for (int i = 0; i < x.Length; i++)
        {
            if (mask is not null && !mask[i]) continue;
            sx += x[i]; sy += y[i]; n++;
        }
        if (n < 3) throw new MrhException($"a linear fit with a p-value needs at least 3 voxels (got {n})");
        double mx = sx / n, my = sy / n, sxx = 0, syy = 0, sxy = 0;
        for (int i = 0; i < x.Length; i++)
        {
            if (mask is not null && !mask[i]) continue;
            double dx = x[i] - mx, dy = y[i] - my;
            sxx += dx * dx; syy += dy * dy; sxy += dx * dy;
        }
        if (!(sxx > 0)) throw new MrhException("the linear fit is undefined: x (the reference) is constant");
        double slope = sxy / sxx, intercept = my - slope * mx;
        double r = syy > 0 ? Math.Clamp(sxy / Math.Sqrt(sxx * syy), -1, 1) : 0;
        return new LinearFitResult(slope, intercept, r, r * r, CorrelationPValue(r, n), n);
    }

    /// <summary>Two-sided p-value of a Pearson correlation r from n pairs (t test, n - 2 degrees of freedom).</summary>
    public static double CorrelationPValue(double r, long n)
    {
        if (n < 3) throw new MrhException($"a correlation p-value needs at least 3 pairs (got {n})");
        double r2 = r * r;
        if (r2 >= 1) return 0;
        double t = Math.Abs(r) * Math.Sqrt((n - 2) / (1 - r2));
        return TTest.TwoSidedP(t, n - 2);
    }
}
