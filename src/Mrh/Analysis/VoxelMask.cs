using Mrh.Imaging;

namespace Mrh.Analysis;

/// <summary>
/// Region masks as plain boolean arrays (one entry per voxel, the layout of the volume's channel
/// arrays). A mask volume marks a voxel inside when its value is non-zero (and not NaN).
/// </summary>
public static class VoxelMask
{
    /// <summary>Channel 0 of a mask volume as a boolean array: inside where the value is non-zero.</summary>
    public static bool[] FromVolume(Volume mask)
    {
        ArgumentNullException.ThrowIfNull(mask);
        return FromValues(mask.Channels[0]);
    }

    /// <summary>Inside where the value is non-zero and not NaN.</summary>
    public static bool[] FromValues(ReadOnlySpan<float> values)
    {
        var m = new bool[values.Length];
        for (int i = 0; i < values.Length; i++) m[i] = values[i] != 0 && !float.IsNaN(values[i]);
        return m;
    }

    /// <summary>Number of voxels inside.</summary>
    public static int Count(ReadOnlySpan<bool> mask)
    {
        int n = 0;
        foreach (bool b in mask) if (b) n++;
        return n;
    }

    /// <summary>The values of <paramref name="values"/> inside the mask (all of them when the mask is null).</summary>
    public static double[] Select(ReadOnlySpan<float> values, bool[]? mask)
    {
        CheckLength(values.Length, mask, "values");
        if (mask is null)
        {
            var all = new double[values.Length];
            for (int i = 0; i < all.Length; i++) all[i] = values[i];
            return all;
        }
        var r = new double[Count(mask)];
        int k = 0;
        for (int i = 0; i < values.Length; i++) if (mask[i]) r[k++] = values[i];
        return r;
    }

    /// <summary>Throws unless the mask (if any) has one entry per value.</summary>
    public static void CheckLength(int length, bool[]? mask, string what)
    {
        if (mask is not null && mask.Length != length)
            throw new ArgumentException($"mask has {mask.Length} voxels but {what} has {length}");
    }
}
