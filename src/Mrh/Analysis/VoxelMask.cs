using Mrh.Imaging;

namespace Mrh.Analysis;

/// <summary>
/// Region masks as plain boolean arrays (one entry per voxel, the layout of the volume's channel
/// arrays). A mask volume is read with <see cref="VolumeMask.FromVolume"/>.
/// </summary>
public static class VoxelMask
{
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

    /// <summary>
    /// How many voxels of <paramref name="mask"/> lie at each index along array axis <paramref name="axis"/> of
    /// <paramref name="like"/> (per section of the plane normal to that axis).
    /// </summary>
    public static int[] CountAlong(Volume like, bool[] mask, int axis)
    {
        CheckLength(like.VoxelCount, mask, "the volume");
        var count = new int[like.Size(axis)];
        for (int z = 0; z < like.NZ; z++)
            for (int y = 0; y < like.NY; y++)
                for (int x = 0; x < like.NX; x++)
                    if (mask[like.Index(x, y, z)]) count[axis switch { 0 => x, 1 => y, _ => z }]++;
        return count;
    }

    /// <summary>
    /// The voxels of <paramref name="mask"/> whose index along array axis <paramref name="axis"/> passes
    /// <paramref name="keep"/> (e.g. some coronal sections, or one hemisphere).
    /// </summary>
    public static bool[] KeepAlong(Volume like, bool[] mask, int axis, Func<int, bool> keep)
    {
        CheckLength(like.VoxelCount, mask, "the volume");
        var keepIndex = Enumerable.Range(0, like.Size(axis)).Select(keep).ToArray();
        var r = new bool[mask.Length];
        for (int z = 0; z < like.NZ; z++)
            for (int y = 0; y < like.NY; y++)
                for (int x = 0; x < like.NX; x++)
                {
                    int i = like.Index(x, y, z);
                    r[i] = mask[i] && keepIndex[axis switch { 0 => x, 1 => y, _ => z }];
                }
        return r;
    }

    /// <summary>Throws unless the mask (if any) has one entry per value.</summary>
    public static void CheckLength(int length, bool[]? mask, string what)
    {
        if (mask is not null && mask.Length != length)
            throw new ArgumentException($"mask has {mask.Length} voxels but {what} has {length}");
    }
}
