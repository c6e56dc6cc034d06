namespace Mrh.Imaging;

/// <summary>
/// A 3D image with one or more channels (a 4D image): the one image type used everywhere.
/// Each channel is a float array of <c>NX * NY * NZ</c> values with x fastest, then y, then z (the
/// NIfTI/Analyze order on disk). Spacing is in millimetres. <see cref="Affine"/> maps voxel indices
/// (i, j, k, 1) to world millimetres, row-major 4x4. <see cref="Axes"/> says which array axis is
/// which anatomical direction. Volumes are treated as immutable values: operations return new volumes
/// (the arrays may be shared when nothing changes; do not write into another volume's channels).
/// </summary>
public sealed class Volume
{
    public int NX { get; }
    public int NY { get; }
    public int NZ { get; }
    public float[][] Channels { get; }
    public string[] ChannelNames { get; }
    /// <summary>Voxel size in millimetres along x, y, z.</summary>
    public double[] Spacing { get; }
    /// <summary>Voxel-to-world transform, row-major 4x4 (16 values), millimetres.</summary>
    public double[] Affine { get; }
    public AnatomicalAxes Axes { get; }

    public Volume(int nx, int ny, int nz, float[][] channels, double[]? spacing = null,
        double[]? affine = null, string[]? channelNames = null, AnatomicalAxes? axes = null)
    {
        if (nx <= 0 || ny <= 0 || nz <= 0) throw new ArgumentException($"volume dimensions must be positive (got {nx} x {ny} x {nz})");
        long n = (long)nx * ny * nz;
        if (n > Array.MaxLength) throw new ArgumentException($"volume of {nx} x {ny} x {nz} voxels is too large for one channel array");
        ArgumentNullException.ThrowIfNull(channels);
        if (channels.Length == 0) throw new ArgumentException("a volume needs at least one channel");
        for (int c = 0; c < channels.Length; c++)
            if (channels[c] is null || channels[c].Length != n)
                throw new ArgumentException($"channel {c} has {channels[c]?.Length ?? 0} values, expected {n} ({nx} x {ny} x {nz})");
        spacing ??= [1, 1, 1];
        if (spacing.Length != 3 || spacing.Any(s => !(s > 0) || double.IsInfinity(s)))
            throw new ArgumentException("spacing must be three positive, finite millimetre values");
        affine ??= DiagonalAffine(spacing);
        if (affine.Length != 16) throw new ArgumentException("affine must have 16 values (row-major 4x4)");
        channelNames ??= Enumerable.Range(0, channels.Length).Select(i => channels.Length == 1 ? "value" : $"ch{i}").ToArray();
        if (channelNames.Length != channels.Length) throw new ArgumentException($"{channelNames.Length} channel names for {channels.Length} channels");
        var ax = axes ?? AnatomicalAxes.Atlas;
        ax.Validate();
        NX = nx; NY = ny; NZ = nz;
        Channels = channels;
        Spacing = (double[])spacing.Clone();
        Affine = (double[])affine.Clone();
        ChannelNames = (string[])channelNames.Clone();
        Axes = ax;
    }

    /// <summary>A zero-filled volume.</summary>
    public static Volume Zeros(int nx, int ny, int nz, int channels = 1, double[]? spacing = null, AnatomicalAxes? axes = null)
    {
        long n = (long)nx * ny * nz;
        if (nx <= 0 || ny <= 0 || nz <= 0 || n > Array.MaxLength)
            throw new ArgumentException($"invalid volume dimensions {nx} x {ny} x {nz}");
        var data = new float[channels][];
        for (int c = 0; c < channels; c++) data[c] = new float[n];
        return new Volume(nx, ny, nz, data, spacing, null, null, axes);
    }

    /// <summary>A single-channel volume with the geometry of <paramref name="like"/>.</summary>
    public static Volume FromArray(Volume like, float[] data, string name = "value") =>
        new(like.NX, like.NY, like.NZ, [data], like.Spacing, like.Affine, [name], like.Axes);

    public static double[] DiagonalAffine(double[] spacing) =>
    [
        spacing[0], 0, 0, 0,
        0, spacing[1], 0, 0,
        0, 0, spacing[2], 0,
        0, 0, 0, 1,
    ];

    public int ChannelCount => Channels.Length;
    public int VoxelCount => NX * NY * NZ;
    public int[] Dims => [NX, NY, NZ];

    /// <summary>Size along array axis 0, 1 or 2.</summary>
    public int Size(int axis) => axis switch { 0 => NX, 1 => NY, 2 => NZ, _ => throw new ArgumentOutOfRangeException(nameof(axis)) };

    public int Index(int x, int y, int z) => (z * NY + y) * NX + x;

    public float this[int x, int y, int z, int channel = 0]
    {
        get => Channels[channel][Index(x, y, z)];
    }

    public bool SameGrid(Volume other) => NX == other.NX && NY == other.NY && NZ == other.NZ;

    /// <summary>The channel with this name; a clear error naming the known channels otherwise.</summary>
    public float[] Channel(string name)
    {
        int i = Array.IndexOf(ChannelNames, name);
        if (i < 0) throw new KeyNotFoundException($"no channel '{name}' (channels: {string.Join(", ", ChannelNames)})");
        return Channels[i];
    }

    /// <summary>A volume holding only the given channels (arrays shared).</summary>
    public Volume SelectChannels(params int[] indices) =>
        new(NX, NY, NZ, indices.Select(i => Channels[i]).ToArray(), Spacing, Affine,
            indices.Select(i => ChannelNames[i]).ToArray(), Axes);

    /// <summary>The same geometry with other channel data (arrays not copied).</summary>
    public Volume WithChannels(float[][] channels, string[]? names = null) =>
        new(NX, NY, NZ, channels, Spacing, Affine, names, Axes);

    public Volume WithChannelNames(string[] names) => new(NX, NY, NZ, Channels, Spacing, Affine, names, Axes);

    public Volume WithAxes(AnatomicalAxes axes) => new(NX, NY, NZ, Channels, Spacing, Affine, ChannelNames, axes);

    /// <summary>Stacks the channels of volumes on the same grid, in order (geometry from the first).</summary>
    public static Volume Concat(params Volume[] volumes)
    {
        if (volumes.Length == 0) throw new ArgumentException("nothing to concatenate");
        var first = volumes[0];
        foreach (var v in volumes)
            if (!v.SameGrid(first))
                throw new ArgumentException($"cannot stack a {v.NX}x{v.NY}x{v.NZ} volume onto {first.NX}x{first.NY}x{first.NZ}");
        return new Volume(first.NX, first.NY, first.NZ, volumes.SelectMany(v => v.Channels).ToArray(), first.Spacing,
            first.Affine, volumes.SelectMany(v => v.ChannelNames).ToArray(), first.Axes);
    }

    /// <summary>Number of sections in a plane.</summary>
    public int SectionCount(AnatomicalPlane plane) => Size(Axes.NormalAxis(plane));

    /// <summary>One section of one channel, in the given anatomical plane.</summary>
    public Section Slice(AnatomicalPlane plane, int index, int channel = 0)
    {
        int normal = Axes.NormalAxis(plane);
        if (index < 0 || index >= Size(normal))
            throw new ArgumentOutOfRangeException(nameof(index), $"{plane} section {index} outside 0..{Size(normal) - 1}");
        if (channel < 0 || channel >= ChannelCount)
            throw new ArgumentOutOfRangeException(nameof(channel), $"channel {channel} outside 0..{ChannelCount - 1}");
        var (colAxis, rowAxis) = Axes.InPlaneAxes(plane);
        int w = Size(colAxis), h = Size(rowAxis);
        var data = Channels[channel];
        var pixels = new float[w * h];
        Span<int> p = stackalloc int[3];
        for (int r = 0; r < h; r++)
            for (int c = 0; c < w; c++)
            {
                p[normal] = index; p[colAxis] = c; p[rowAxis] = r;
                pixels[r * w + c] = data[Index(p[0], p[1], p[2])];
            }
        return new Section(w, h, pixels);
    }

    public override string ToString() =>
        $"Volume {NX}x{NY}x{NZ}x{ChannelCount} @ {Spacing[0]:g4}x{Spacing[1]:g4}x{Spacing[2]:g4} mm";
}
