using Mrh.Imaging;

namespace Mrh.Patches;

/// <summary>
/// One subject's co-registered data from which patches are cut: the MRI <see cref="Inputs"/> (one
/// channel per image), the histology <see cref="Target"/> (one channel), the brain <see cref="Mask"/>
/// (one flag per voxel; null means every voxel) and optionally the FA map used by the authors' floor.
/// </summary>
public sealed record PatchSource(string SubjectId, Volume Inputs, Volume Target, bool[]? Mask = null, Volume? Fa = null)
{
    /// <summary>Throws a clear error when the volumes are not on one grid.</summary>
    public void Validate()
    {
        if (!Inputs.SameGrid(Target))
            throw new MrhException($"subject {SubjectId}: target grid {Target.NX}x{Target.NY}x{Target.NZ} differs from the MRI grid {Inputs.NX}x{Inputs.NY}x{Inputs.NZ}");
        if (Target.ChannelCount != 1)
            throw new MrhException($"subject {SubjectId}: the target must have one channel, it has {Target.ChannelCount}");
        if (Mask != null && Mask.Length != Inputs.VoxelCount)
            throw new MrhException($"subject {SubjectId}: mask has {Mask.Length} voxels, the MRI has {Inputs.VoxelCount}");
        if (Fa != null && !Fa.SameGrid(Inputs))
            throw new MrhException($"subject {SubjectId}: FA grid {Fa.NX}x{Fa.NY}x{Fa.NZ} differs from the MRI grid");
        if (Inputs.Axes != Target.Axes)
            throw new MrhException($"subject {SubjectId}: the MRI and the target use different anatomical axes");
    }

    /// <summary>Mask flag of a voxel (true when there is no mask).</summary>
    public bool InMask(int index) => Mask == null || Mask[index];
}

/// <summary>Brain masks as voxel flags.</summary>
public static class MaskFlags
{
    /// <summary>Every voxel.</summary>
    public static bool[] All(Volume like)
    {
        var m = new bool[like.VoxelCount];
        Array.Fill(m, true);
        return m;
    }

    public static int Count(bool[] mask) => mask.Count(b => b);
}
