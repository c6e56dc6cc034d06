namespace Mrh.Imaging.Formats;

/// <summary>
/// What a parsed header says about an image: its grid, voxel type and scaling, its geometry, and where
/// its voxel bytes are. Every format's header parser produces one; <see cref="VoxelReader"/> turns it
/// into channel arrays.
/// </summary>
sealed record ImageLayout
{
    /// <summary>Human-readable format name ("NIfTI-1", "NIfTI-1 pair", "Analyze 7.5", "NRRD").</summary>
    public required string Format { get; init; }
    public required int NX { get; init; }
    public required int NY { get; init; }
    public required int NZ { get; init; }
    public required int Channels { get; init; }
    public required VoxelType Type { get; init; }
    public required bool BigEndian { get; init; }
    public double Slope { get; init; } = 1;
    public double Intercept { get; init; }
    /// <summary>Voxel size in mm (positive, finite).</summary>
    public required double[] Spacing { get; init; }
    /// <summary>Voxel-to-world, row-major 4x4, mm.</summary>
    public required double[] Affine { get; init; }
    /// <summary>Where the affine came from ("sform", "qform", "pixdim", "space directions", ...).</summary>
    public string AffineSource { get; init; } = "";
    /// <summary>File holding the voxel bytes.</summary>
    public required string DataPath { get; init; }
    /// <summary>Byte offset in <see cref="DataPath"/> where the voxels (or the gzip stream holding them) start.</summary>
    public long DataOffset { get; init; }
    /// <summary>The bytes from <see cref="DataOffset"/> on are one gzip stream.</summary>
    public bool Gzip { get; init; }
    /// <summary>Bytes to skip inside the decompressed stream before the voxels (gzip only).</summary>
    public long SkipInStream { get; init; }
    /// <summary>The channel index varies fastest on disk (NRRD vectors); otherwise each channel is one block.</summary>
    public bool ChannelsFastest { get; init; }
    /// <summary>The data file must hold exactly the voxel bytes (Analyze and NIfTI pairs).</summary>
    public bool ExactLength { get; init; }

    public long VoxelsPerChannel => (long)NX * NY * NZ;
    public long DataBytes => VoxelsPerChannel * Channels * Type.Size();
}
