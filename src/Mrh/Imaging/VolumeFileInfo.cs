using Mrh.Imaging.Formats;

namespace Mrh.Imaging;

/// <summary>
/// What a volume file's header says: format, grid, stored data type and byte order, the scaling that
/// turns stored values into the volume's values, and the geometry.
/// </summary>
/// <param name="Path">The file as given.</param>
/// <param name="Format">"NIfTI-1", "NIfTI-1 (gzip)", "NIfTI-1 pair", "Analyze 7.5", "NRRD", "NRRD (gzip)".</param>
/// <param name="Dims">x, y, z sizes and the number of channels.</param>
/// <param name="DataType">Stored type: uint8, int8, int16, uint16, int32, uint32, float32, float64.</param>
/// <param name="BigEndian">Byte order of the stored values.</param>
/// <param name="ScaleSlope">value = stored * slope + intercept.</param>
/// <param name="ScaleIntercept">See <paramref name="ScaleSlope"/>.</param>
/// <param name="Spacing">Voxel size in mm.</param>
/// <param name="Affine">Voxel-to-world, row-major 4x4, mm.</param>
/// <param name="AffineSource">Which header fields gave the affine (sform, qform, pixdim, space directions, ...).</param>
/// <param name="DataFile">The file holding the voxels (the .img of a pair).</param>
/// <param name="DataBytes">Bytes of stored voxel data.</param>
public sealed record VolumeFileInfo(
    string Path,
    string Format,
    int[] Dims,
    string DataType,
    bool BigEndian,
    double ScaleSlope,
    double ScaleIntercept,
    double[] Spacing,
    double[] Affine,
    string AffineSource,
    string DataFile,
    long DataBytes)
{
    public int Channels => Dims[3];

    /// <summary>The stored type as a <see cref="VolumeDataType"/>, or null for uint32 (read-only).</summary>
    public VolumeDataType? StoredType => DataType switch
    {
        "uint8" => VolumeDataType.UInt8,
        "int8" => VolumeDataType.Int8,
        "int16" => VolumeDataType.Int16,
        "uint16" => VolumeDataType.UInt16,
        "int32" => VolumeDataType.Int32,
        "float32" => VolumeDataType.Float32,
        "float64" => VolumeDataType.Float64,
        _ => null,
    };

    /// <summary>True unless the stored values are scaled (slope 1, intercept 0 means unscaled).</summary>
    public bool Unscaled => ScaleSlope == 1 && ScaleIntercept == 0;

    internal static VolumeFileInfo From(string path, ImageLayout l) => new(
        path, l.Format, [l.NX, l.NY, l.NZ, l.Channels], l.Type.Name(), l.BigEndian, l.Slope, l.Intercept,
        (double[])l.Spacing.Clone(), (double[])l.Affine.Clone(), l.AffineSource, l.DataPath, l.DataBytes);
}
