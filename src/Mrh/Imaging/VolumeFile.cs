namespace Mrh.Imaging;

/// <summary>
/// Reading and writing volumes by file name; the format follows the name (.nii, .nii.gz, .hdr/.img,
/// .nrrd, .nhdr). The entry point that commands and notebooks use.
/// </summary>
public static class VolumeFile
{
    /// <summary>Reads any supported file; a one-line <see cref="MrhException"/> naming the file on bad input.</summary>
    public static Volume Read(string path) =>
        throw new MrhException($"reading volumes is not implemented yet ({path})");

    /// <summary>Writes NIfTI-1 (.nii or .nii.gz) atomically (temporary file, then rename).</summary>
    public static void Write(Volume volume, string path, VolumeDataType dataType = VolumeDataType.Float32) =>
        throw new MrhException($"writing volumes is not implemented yet ({path})");
}

/// <summary>Voxel data types of image files.</summary>
public enum VolumeDataType { UInt8, Int8, Int16, UInt16, Int32, Float32, Float64 }
