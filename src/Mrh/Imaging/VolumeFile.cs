using Mrh.Imaging.Formats;

namespace Mrh.Imaging;

/// <summary>
/// Reading and writing volumes by file name; the format follows the name (.nii, .nii.gz, .hdr/.img,
/// .nrrd, .nhdr; read only: the phantom's .mrhv). The entry point that commands and notebooks use.
/// </summary>
/// <remarks>
/// Readers: NIfTI-1 single files (.nii, .nii.gz) and pairs (.hdr/.img with magic "ni1"), Analyze 7.5
/// pairs (no magic; either byte order; SPM's scale factor in funused1 and origin in originator are
/// honoured), NRRD (.nrrd, .nhdr; raw or gzip). Voxel types uint8, int8, int16, uint16, int32, float32,
/// float64 (and uint32 values up to 2^24); scl_slope/scl_inter are applied; the affine comes from the
/// sform, else the qform, else pixdim. Dims 4 to 7 of a NIfTI file become channels. Every header is
/// checked against the file before voxel memory is allocated; bad files raise a one-line
/// <see cref="MrhException"/> that names the file and the problem. Files carry no anatomical
/// orientation for <see cref="Volume.Axes"/>: volumes come back in the atlas frame unless a dataset
/// manifest says otherwise.
/// </remarks>
public static class VolumeFile
{
    /// <summary>Reads any supported file; a one-line <see cref="MrhException"/> naming the file on bad input.</summary>
    public static Volume Read(string path) => ReadWithInfo(path).Volume;

    /// <summary>Reads a file and also returns what its header said (format, stored type, scaling).</summary>
    public static (Volume Volume, VolumeFileInfo Info) ReadWithInfo(string path)
    {
        var (layout, names, axes) = LayoutWithNames(path);
        float[][] channels;
        try
        {
            channels = VoxelReader.Read(layout);
        }
        catch (IOException e) when (e is not EndOfStreamException)
        {
            throw new MrhException($"{layout.DataPath}: cannot read ({e.Message.ReplaceLineEndings(" ")})", e);
        }
        catch (OutOfMemoryException e)
        {
            throw new MrhException($"{path}: not enough memory for {VoxelReader.Describe(layout)}", e);
        }
        Volume volume;
        try
        {
            volume = new Volume(layout.NX, layout.NY, layout.NZ, channels, layout.Spacing, layout.Affine, names, axes);
        }
        catch (ArgumentException e) // only a header no other format's reader would pass on (e.g. an .mrhv's spacing)
        {
            throw new MrhException($"{path}: {e.Message}", e);
        }
        return (volume, VolumeFileInfo.From(path, layout));
    }

    /// <summary>
    /// Reads only the header (and checks that the file can hold the voxels it describes), without
    /// reading or allocating the voxel data.
    /// </summary>
    public static VolumeFileInfo ReadHeader(string path)
    {
        var layout = Layout(path);
        VoxelReader.CheckAvailable(layout);
        return VolumeFileInfo.From(path, layout);
    }

    /// <summary>
    /// Writes NIfTI-1 (.nii or .nii.gz) atomically (temporary file, then rename). A name ending in
    /// .hdr or .img writes an Analyze 7.5 pair (little-endian), the layout of the authors' published data.
    /// Integer types store integer values exactly; other values are stored with a linear scaling
    /// (scl_slope/scl_inter) spanning the data; NaN or infinite values need a float type.
    /// </summary>
    public static void Write(Volume volume, string path, VolumeDataType dataType = VolumeDataType.Float32)
    {
        ArgumentNullException.ThrowIfNull(volume);
        var type = VoxelTypes.From(dataType);
        string lower = path.ToLowerInvariant();
        try
        {
            if (lower.EndsWith(".nii.gz")) NiftiWriter.WriteNifti(volume, path, type, gzip: true);
            else if (lower.EndsWith(".nii")) NiftiWriter.WriteNifti(volume, path, type, gzip: false);
            else if (lower.EndsWith(".hdr") || lower.EndsWith(".img")) NiftiWriter.WriteAnalyze(volume, path, type, bigEndian: false);
            else throw new MrhException($"{path}: cannot write this file type (use .nii or .nii.gz, or .hdr/.img for Analyze 7.5)");
        }
        catch (IOException e)
        {
            throw new MrhException($"{path}: cannot write ({e.Message.ReplaceLineEndings(" ")})", e);
        }
        catch (UnauthorizedAccessException e)
        {
            throw new MrhException($"{path}: cannot write ({e.Message.ReplaceLineEndings(" ")})", e);
        }
    }

    /// <summary>Writes an Analyze 7.5 pair in the chosen byte order (the authors' data are Analyze).</summary>
    public static void WriteAnalyze(Volume volume, string path, VolumeDataType dataType = VolumeDataType.Float32, bool bigEndian = false)
    {
        string lower = path.ToLowerInvariant();
        if (!lower.EndsWith(".hdr") && !lower.EndsWith(".img"))
            throw new MrhException($"{path}: an Analyze 7.5 file name ends in .hdr or .img");
        NiftiWriter.WriteAnalyze(volume, path, VoxelTypes.From(dataType), bigEndian);
    }

    /// <summary>True if the name has an extension that <see cref="Read"/> understands.</summary>
    public static bool IsSupported(string path)
    {
        string lower = path.ToLowerInvariant();
        return lower.EndsWith(".nii") || lower.EndsWith(".nii.gz") || lower.EndsWith(".hdr") || lower.EndsWith(".img")
            || lower.EndsWith(".nrrd") || lower.EndsWith(".nhdr") || lower.EndsWith(MrhvReader.Extension);
    }

    /// <summary>The layout, and the channel names and axes where the format carries them (.mrhv).</summary>
    static (ImageLayout Layout, string[]? Names, AnatomicalAxes? Axes) LayoutWithNames(string path)
    {
        if (path.EndsWith(MrhvReader.Extension, StringComparison.OrdinalIgnoreCase) && File.Exists(path))
        {
            var (layout, names, axes) = MrhvReader.ReadLayout(path);
            return (layout, names, axes);
        }
        return (Layout(path), null, null);
    }

    static ImageLayout Layout(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        string lower = path.ToLowerInvariant();
        try
        {
            if (lower.EndsWith(MrhvReader.Extension) && File.Exists(path)) return MrhvReader.ReadLayout(path).Layout;
            if (lower.EndsWith(".nrrd") || lower.EndsWith(".nhdr")) return NrrdReader.ReadLayout(path);
            if (IsSupported(path)) return NiftiReader.ReadLayout(path);
        }
        catch (IOException e) when (e is not EndOfStreamException)
        {
            throw new MrhException($"{path}: cannot read ({e.Message.ReplaceLineEndings(" ")})", e);
        }
        catch (UnauthorizedAccessException e)
        {
            throw new MrhException($"{path}: cannot read ({e.Message.ReplaceLineEndings(" ")})", e);
        }
        if (!File.Exists(path)) throw new MrhException($"{path}: file not found");
        throw new MrhException($"{path}: unknown volume file type (expected .nii, .nii.gz, .hdr/.img, .nrrd, .nhdr or the phantom's .mrhv)");
    }
}

/// <summary>Voxel data types of image files.</summary>
public enum VolumeDataType { UInt8, Int8, Int16, UInt16, Int32, Float32, Float64 }
