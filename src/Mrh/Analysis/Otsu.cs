namespace Mrh.Analysis;

/// <summary>
/// Otsu's threshold (IEEE SMC 1979): the grey level that maximises the between-class variance of a
/// histogram. Follows the convention of scikit-image's <c>threshold_otsu(image, nbins=256)</c> for
/// floating-point data: 256 equal bins over [min, max] (the last bin closed), a threshold between
/// bins i and i + 1 scored by w0(i) w1(i+1) (mu0(i) - mu1(i+1))^2, and the answer is the centre of
/// the best bin i; values above the threshold form the bright class. Equal values give that value.
/// </summary>
public static class Otsu
{
    /// <summary>Otsu threshold of the values (inside the mask, when given). NaNs are ignored.</summary>
    public static double Threshold(ReadOnlySpan<float> values, bool[]? mask = null, int bins = 256)
    {
        VoxelMask.CheckLength(values.Length, mask, "the values");
        var data = new List<double>(mask is null ? values.Length : VoxelMask.Count(mask));
        for (int i = 0; i < values.Length; i++)
            if ((mask is null || mask[i]) && !float.IsNaN(values[i])) data.Add(values[i]);
        return Threshold(data, bins);
    }

    /// <summary>Otsu threshold of a sample.</summary>
    public static double Threshold(IReadOnlyList<double> values, int bins = 256)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (bins < 2) throw new ArgumentException($"Otsu needs at least 2 bins (got {bins})");
        if (values.Count == 0) throw new MrhException("Otsu threshold of an empty region (the mask selects no voxel)");
        double lo = double.PositiveInfinity, hi = double.NegativeInfinity;
        foreach (double v in values)
        {
            if (double.IsInfinity(v)) throw new MrhException("Otsu threshold of values that include infinity");
            if (v < lo) lo = v;
            if (v > hi) hi = v;
        }
        if (lo == hi) return lo;

        // bin edges as numpy.linspace(lo, hi, bins + 1); the last edge is exactly hi
        var edges = new double[bins + 1];
        double step = (hi - lo) / bins;
        for (int i = 0; i < bins; i++) edges[i] = lo + i * step;
        edges[bins] = hi;
        var counts = new long[bins];
        double scale = bins / (hi - lo);
        foreach (double v in values)
        {
            int b = (int)((v - lo) * scale);
            if (b >= bins) b = bins - 1;
            // settle values within rounding of an edge by the edges themselves (as numpy does)
            if (b > 0 && v < edges[b]) b--;
            else if (b < bins - 1 && v >= edges[b + 1]) b++;
            counts[b]++;
        }
        var centres = new double[bins];
        for (int i = 0; i < bins; i++) centres[i] = (edges[i] + edges[i + 1]) / 2;

        // class weights and means from the left (up to i) and from the right (from i)
        var w0 = new double[bins];
        var m0 = new double[bins];
        double cw = 0, cm = 0;
        for (int i = 0; i < bins; i++)
        {
            cw += counts[i]; cm += counts[i] * centres[i];
            w0[i] = cw; m0[i] = cw > 0 ? cm / cw : double.NaN;
        }
        var w1 = new double[bins];
        var m1 = new double[bins];
        cw = 0; cm = 0;
        for (int i = bins - 1; i >= 0; i--)
        {
            cw += counts[i]; cm += counts[i] * centres[i];
            w1[i] = cw; m1[i] = cw > 0 ? cm / cw : double.NaN;
        }
        int best = 0;
        double bestScore = double.NegativeInfinity;
        for (int i = 0; i < bins - 1; i++)
        {
            double d = m0[i] - m1[i + 1];
            double score = w0[i] * w1[i + 1] * d * d;
            if (double.IsNaN(score)) continue; // an empty class
            if (score > bestScore) { bestScore = score; best = i; }
        }
        return centres[best];
    }
}
