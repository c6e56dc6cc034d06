using System.Text.Json.Serialization;

namespace Mrh.Model.Baselines;

/// <summary>The terms a <see cref="PatchRegression"/> is fitted on.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<PatchTerms>))]
public enum PatchTerms
{
    /// <summary>Every value of the k x k x C patch (603 terms for 3 x 3 x 67), plus an intercept.</summary>
    Linear,
    /// <summary>
    /// The linear terms plus the full second order of the centre voxel: the square of each of its C values and the
    /// product of every pair (C (C + 1) / 2 = 2,278 terms for 67 images; 2,881 with the linear ones). The full second
    /// order of all 603 patch values would be about 182,000 terms, more than the 20,000-40,000 training patches; the
    /// centre voxel's interactions (e.g. T2W x MT, or the two shells of one direction) are where a voxel's own
    /// contrast lies, and the neighbours enter linearly.
    /// </summary>
    Quadratic,
}

/// <summary>The regression terms of one patch (<see cref="PatchTerms"/>), in a fixed order.</summary>
public static class PatchFeatures
{
    /// <summary>Number of terms (without the intercept) for patches of <paramref name="channels"/> images of <paramref name="size"/> x <paramref name="size"/>.</summary>
    public static int Count(PatchTerms terms, int channels, int size)
    {
        if (channels < 1 || size < 1 || size % 2 == 0) throw new ArgumentException($"invalid patch shape {channels} x {size} x {size}");
        int linear = channels * size * size;
        return terms switch
        {
            PatchTerms.Linear => linear,
            PatchTerms.Quadratic => linear + channels * (channels + 1) / 2,
            _ => throw new ArgumentOutOfRangeException(nameof(terms)),
        };
    }

    /// <summary>
    /// Writes the terms of patch <paramref name="index"/> of <paramref name="patches"/> ([N][C][k][k]) into
    /// <paramref name="features"/>: the C k k values in patch order, then (quadratic) the centre voxel's products
    /// v_a v_b for a &lt;= b, a outer. Non-finite values read as 0 (as patches do, <see cref="Patches.PatchGeometry"/>).
    /// </summary>
    public static void Expand(PatchTerms terms, ReadOnlySpan<float> patches, int index, int channels, int size, Span<double> features)
    {
        int kk = size * size, linear = channels * kk;
        var patch = patches.Slice(index * linear, linear);
        for (int i = 0; i < linear; i++) features[i] = Finite(patch[i]);
        if (terms == PatchTerms.Linear) return;
        int centre = kk / 2, o = linear;
        for (int a = 0; a < channels; a++)
        {
            double va = Finite(patch[a * kk + centre]);
            for (int b = a; b < channels; b++) features[o++] = va * Finite(patch[b * kk + centre]);
        }
    }

    static double Finite(float v) => float.IsFinite(v) ? v : 0;
}
