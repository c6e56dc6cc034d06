using Mrh.Data;
using Mrh.Imaging;

namespace Mrh.Mri;

/// <summary>
/// Magnetization transfer ratio, MTR = (M0 - Mt) / M0, with M0 the image without and Mt the image with
/// off-resonance saturation (the paper's definition; a fraction, not percent units).
/// Rule for bad voxels: the MTR is 0 where M0 is not a positive finite number (0, negative, NaN,
/// infinity), where Mt is not finite, and outside the mask. Elsewhere the ratio is returned as it is,
/// not clipped: noise can put it outside [0, 1] (Mt > M0 gives a negative MTR), and clipping would
/// bias regional means; pass <c>min</c>/<c>max</c> to clip (e.g. 0 and 1 for display).
/// </summary>
public static class MagnetizationTransfer
{
    /// <summary>The MTR of one voxel by the rule above.</summary>
    public static double Ratio(double m0, double mt) =>
        m0 > 0 && double.IsFinite(m0) && double.IsFinite(mt) ? (m0 - mt) / m0 : 0;

    /// <summary>
    /// MTR per voxel; <paramref name="mask"/> (inside by <see cref="VolumeMask.FromVolume"/>'s rule: non-zero, not NaN; null: everywhere) sets the rest to 0;
    /// the result is clipped to [<paramref name="min"/>, <paramref name="max"/>] (default: not clipped).
    /// </summary>
    public static float[] Ratio(float[] m0, float[] mt, float[]? mask = null,
        double min = double.NegativeInfinity, double max = double.PositiveInfinity)
    {
        ArgumentNullException.ThrowIfNull(m0);
        ArgumentNullException.ThrowIfNull(mt);
        if (mt.Length != m0.Length) throw new MrhException($"the MT-on image has {mt.Length} voxels but the MT-off image {m0.Length}");
        if (mask is not null && mask.Length != m0.Length) throw new MrhException($"the mask has {mask.Length} voxels but the MT images {m0.Length}");
        if (double.IsNaN(min) || double.IsNaN(max) || min > max) throw new MrhException($"invalid MTR clip range [{min}, {max}]");
        var result = new float[m0.Length];
        for (int v = 0; v < result.Length; v++)
        {
            if (mask is not null && !VolumeMask.IsInside(mask[v])) continue;
            if (!(m0[v] > 0 && float.IsFinite(m0[v]) && float.IsFinite(mt[v]))) continue;
            result[v] = (float)Math.Clamp(Ratio(m0[v], mt[v]), min, max);
        }
        return result;
    }

    /// <summary>MTR of two single-channel volumes on one grid (geometry from <paramref name="m0"/>), channel "MTR".</summary>
    public static Volume Ratio(Volume m0, Volume mt, Volume? mask = null,
        double min = double.NegativeInfinity, double max = double.PositiveInfinity)
    {
        ArgumentNullException.ThrowIfNull(m0);
        ArgumentNullException.ThrowIfNull(mt);
        if (m0.ChannelCount != 1 || mt.ChannelCount != 1)
            throw new MrhException($"MTR needs one MT-off and one MT-on image; got {m0.ChannelCount} and {mt.ChannelCount} volumes");
        if (!mt.SameGrid(m0))
            throw new MrhException($"the MT-on image is {mt.NX}x{mt.NY}x{mt.NZ} voxels but the MT-off image {m0.NX}x{m0.NY}x{m0.NZ}");
        return Volume.FromArray(m0, Ratio(m0.Channels[0], mt.Channels[0], MaskOf(mask, m0), min, max), "MTR");
    }

    /// <summary>
    /// MTR from a multi-channel input volume described by a protocol: its one MtOff channel is M0, its
    /// one MtOn channel is Mt. A clear error if the protocol does not have exactly one of each.
    /// </summary>
    public static Volume Ratio(Volume inputs, Protocol protocol, Volume? mask = null,
        double min = double.NegativeInfinity, double max = double.PositiveInfinity)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(protocol);
        if (inputs.ChannelCount != protocol.Count)
            throw new MrhException($"the input volume has {inputs.ChannelCount} channels but the protocol {protocol.Count}");
        var (off, on) = Channels(protocol);
        return Volume.FromArray(inputs, Ratio(inputs.Channels[off], inputs.Channels[on], MaskOf(mask, inputs), min, max), "MTR");
    }

    /// <summary>Whether a protocol has exactly one MT-off and one MT-on image (the MTR can be computed).</summary>
    public static bool CanCompute(Protocol protocol) =>
        protocol.IndicesWhere(c => c.Kind == ChannelKind.MtOff).Length == 1 &&
        protocol.IndicesWhere(c => c.Kind == ChannelKind.MtOn).Length == 1;

    static (int Off, int On) Channels(Protocol protocol)
    {
        var off = protocol.IndicesWhere(c => c.Kind == ChannelKind.MtOff);
        var on = protocol.IndicesWhere(c => c.Kind == ChannelKind.MtOn);
        if (off.Length != 1 || on.Length != 1)
            throw new MrhException($"MTR needs exactly one MT-off and one MT-on image; the protocol has {off.Length} MT-off and {on.Length} MT-on");
        return (off[0], on[0]);
    }

    static float[]? MaskOf(Volume? mask, Volume like)
    {
        if (mask is null) return null;
        if (!mask.SameGrid(like))
            throw new MrhException($"the mask is {mask.NX}x{mask.NY}x{mask.NZ} voxels but the MT images are {like.NX}x{like.NY}x{like.NZ}");
        if (mask.ChannelCount != 1) throw new MrhException($"the mask has {mask.ChannelCount} channels; expected one");
        return mask.Channels[0];
    }
}
