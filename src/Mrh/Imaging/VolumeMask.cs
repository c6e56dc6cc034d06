namespace Mrh.Imaging;

/// <summary>
/// Binary masks over a volume's voxels as <c>bool[]</c> in the volume's voxel order (x fastest).
/// </summary>
public static class VolumeMask
{
    /// <summary>
    /// The package's one rule for reading a mask file, used by every command, the experiments and the notebooks:
    /// a voxel is inside when channel 0 is non-zero and not NaN (so 0/1, 0/255 and label volumes all work, and a
    /// mask resampled with interpolation keeps its fractional border).
    /// </summary>
    public static bool[] FromVolume(Volume mask)
    {
        ArgumentNullException.ThrowIfNull(mask);
        return FromValues(mask.Channels[0]);
    }

    /// <summary><see cref="FromVolume"/>'s rule on raw values: inside where non-zero and not NaN.</summary>
    public static bool[] FromValues(ReadOnlySpan<float> values)
    {
        var m = new bool[values.Length];
        for (int i = 0; i < values.Length; i++) m[i] = IsInside(values[i]);
        return m;
    }

    /// <summary><see cref="FromVolume"/>'s rule for one value.</summary>
    public static bool IsInside(float value) => value != 0 && !float.IsNaN(value);

    /// <summary>
    /// Voxels of one channel whose value is above <paramref name="threshold"/> (NaN is outside): a threshold of
    /// a map. A mask file is read with <see cref="FromVolume"/>, not with this.
    /// </summary>
    public static bool[] Threshold(Volume volume, double threshold = 0.5, int channel = 0)
    {
        ArgumentNullException.ThrowIfNull(volume);
        if (channel < 0 || channel >= volume.ChannelCount)
            throw new ArgumentOutOfRangeException(nameof(channel), $"channel {channel} outside 0..{volume.ChannelCount - 1}");
        var data = volume.Channels[channel];
        var mask = new bool[data.Length];
        for (int i = 0; i < data.Length; i++) mask[i] = data[i] > threshold;
        return mask;
    }

    /// <summary>Voxels whose value lies in [<paramref name="low"/>, <paramref name="high"/>].</summary>
    public static bool[] Between(Volume volume, double low, double high, int channel = 0)
    {
        var data = volume.Channels[channel];
        var mask = new bool[data.Length];
        for (int i = 0; i < data.Length; i++) mask[i] = data[i] >= low && data[i] <= high;
        return mask;
    }

    /// <summary>Number of voxels inside.</summary>
    public static int Count(bool[] mask)
    {
        int n = 0;
        foreach (bool b in mask) if (b) n++;
        return n;
    }

    /// <summary>The mask as a single-channel 0/1 volume on the grid of <paramref name="like"/>.</summary>
    public static Volume ToVolume(bool[] mask, Volume like, string name = "mask")
    {
        CheckSize(mask, like);
        var data = new float[mask.Length];
        for (int i = 0; i < mask.Length; i++) data[i] = mask[i] ? 1 : 0;
        return Volume.FromArray(like, data, name);
    }

    /// <summary>A copy of every channel with voxels outside the mask set to <paramref name="outside"/>.</summary>
    public static Volume Apply(Volume volume, bool[] mask, float outside = 0)
    {
        CheckSize(mask, volume);
        var channels = volume.Channels.Select(ch =>
        {
            var copy = (float[])ch.Clone();
            for (int i = 0; i < copy.Length; i++) if (!mask[i]) copy[i] = outside;
            return copy;
        }).ToArray();
        return volume.WithChannels(channels, volume.ChannelNames);
    }

    /// <summary>Voxels inside both masks.</summary>
    public static bool[] And(bool[] a, bool[] b)
    {
        if (a.Length != b.Length) throw new ArgumentException($"masks of {a.Length} and {b.Length} voxels");
        var m = new bool[a.Length];
        for (int i = 0; i < m.Length; i++) m[i] = a[i] && b[i];
        return m;
    }

    static void CheckSize(bool[] mask, Volume v)
    {
        ArgumentNullException.ThrowIfNull(mask);
        if (mask.Length != v.VoxelCount)
            throw new ArgumentException($"mask of {mask.Length} voxels for a {v.NX}x{v.NY}x{v.NZ} volume");
    }
}
