namespace Mrh.Imaging.Formats;

/// <summary>
/// Voxel types that the readers understand on disk: the public <see cref="VolumeDataType"/> set plus
/// uint32 (Allen CCF annotation NRRDs), which is read but refused when a value cannot be held exactly
/// in a float (above 2^24).
/// </summary>
enum VoxelType { UInt8, Int8, Int16, UInt16, Int32, UInt32, Float32, Float64 }

static class VoxelTypes
{
    public static int Size(this VoxelType t) => t switch
    {
        VoxelType.UInt8 or VoxelType.Int8 => 1,
        VoxelType.Int16 or VoxelType.UInt16 => 2,
        VoxelType.Int32 or VoxelType.UInt32 or VoxelType.Float32 => 4,
        VoxelType.Float64 => 8,
        _ => throw new ArgumentOutOfRangeException(nameof(t)),
    };

    /// <summary>Lower-case name as printed by `mrh volume info` (uint8, int16, float32, ...).</summary>
    public static string Name(this VoxelType t) => t.ToString().ToLowerInvariant();

    public static bool IsInteger(this VoxelType t) => t is not (VoxelType.Float32 or VoxelType.Float64);

    /// <summary>Smallest and largest storable value of an integer type.</summary>
    public static (double Min, double Max) Range(this VoxelType t) => t switch
    {
        VoxelType.UInt8 => (byte.MinValue, byte.MaxValue),
        VoxelType.Int8 => (sbyte.MinValue, sbyte.MaxValue),
        VoxelType.Int16 => (short.MinValue, short.MaxValue),
        VoxelType.UInt16 => (ushort.MinValue, ushort.MaxValue),
        VoxelType.Int32 => (int.MinValue, int.MaxValue),
        VoxelType.UInt32 => (uint.MinValue, uint.MaxValue),
        VoxelType.Float32 => (float.MinValue, float.MaxValue),
        _ => (double.MinValue, double.MaxValue),
    };

    public static VoxelType From(VolumeDataType t) => t switch
    {
        VolumeDataType.UInt8 => VoxelType.UInt8,
        VolumeDataType.Int8 => VoxelType.Int8,
        VolumeDataType.Int16 => VoxelType.Int16,
        VolumeDataType.UInt16 => VoxelType.UInt16,
        VolumeDataType.Int32 => VoxelType.Int32,
        VolumeDataType.Float32 => VoxelType.Float32,
        VolumeDataType.Float64 => VoxelType.Float64,
        _ => throw new ArgumentOutOfRangeException(nameof(t), $"unknown data type {t}"),
    };

    /// <summary>The public data type of a voxel type, or null for types the writer does not offer.</summary>
    public static VolumeDataType? ToPublic(this VoxelType t) => t switch
    {
        VoxelType.UInt8 => VolumeDataType.UInt8,
        VoxelType.Int8 => VolumeDataType.Int8,
        VoxelType.Int16 => VolumeDataType.Int16,
        VoxelType.UInt16 => VolumeDataType.UInt16,
        VoxelType.Int32 => VolumeDataType.Int32,
        VoxelType.Float32 => VolumeDataType.Float32,
        VoxelType.Float64 => VolumeDataType.Float64,
        _ => null,
    };

    /// <summary>NIfTI-1 / Analyze 7.5 datatype codes (Analyze proper has 2, 4, 8, 16, 64; SPM added 256, 512).</summary>
    public static VoxelType? FromNiftiCode(int code) => code switch
    {
        2 => VoxelType.UInt8,
        4 => VoxelType.Int16,
        8 => VoxelType.Int32,
        16 => VoxelType.Float32,
        64 => VoxelType.Float64,
        256 => VoxelType.Int8,
        512 => VoxelType.UInt16,
        768 => VoxelType.UInt32,
        _ => null,
    };

    public static short NiftiCode(this VoxelType t) => t switch
    {
        VoxelType.UInt8 => 2,
        VoxelType.Int16 => 4,
        VoxelType.Int32 => 8,
        VoxelType.Float32 => 16,
        VoxelType.Float64 => 64,
        VoxelType.Int8 => 256,
        VoxelType.UInt16 => 512,
        VoxelType.UInt32 => 768,
        _ => throw new ArgumentOutOfRangeException(nameof(t)),
    };

    /// <summary>Names of NIfTI datatype codes we do not read, for error messages.</summary>
    public static string NiftiCodeName(int code) => code switch
    {
        0 => "unknown (0)",
        1 => "binary (1)",
        32 => "complex64 (32)",
        128 => "rgb24 (128)",
        1024 => "int64 (1024)",
        1280 => "uint64 (1280)",
        1536 => "float128 (1536)",
        1792 => "complex128 (1792)",
        2048 => "complex256 (2048)",
        2304 => "rgba32 (2304)",
        _ => $"code {code}",
    };
}
