using System.IO.Compression;

namespace Mrh.Imaging.Formats;

/// <summary>
/// Reads NIfTI-1 headers (.nii, .nii.gz, .hdr/.img pairs) and Analyze 7.5 headers (.hdr/.img, either
/// byte order) into an <see cref="ImageLayout"/>. Every check that can refuse a file happens here or
/// in <see cref="VoxelReader.CheckAvailable"/>, before voxel memory is allocated.
/// </summary>
static class NiftiReader
{
    public static ImageLayout ReadLayout(string path)
    {
        string lower = path.ToLowerInvariant();
        if (lower.EndsWith(".nii.gz")) return SingleFile(path, gzip: true);
        if (lower.EndsWith(".nii")) return SingleFile(path, gzip: false);
        if (lower.EndsWith(".hdr") || lower.EndsWith(".img")) return Pair(path);
        throw new MrhException($"{path}: not a NIfTI or Analyze file name (.nii, .nii.gz, .hdr, .img)");
    }

    static ImageLayout SingleFile(string path, bool gzip)
    {
        var bytes = ReadHeaderBytes(path, gzip);
        var h = Nifti1Header.Parse(bytes, path);
        if (h.Magic != "n+1")
            throw new MrhException($"{path}: wrong magic '{MagicText(bytes)}' (a single-file NIfTI-1 has 'n+1'{(h.Magic == "ni1" ? "; 'ni1' marks a .hdr/.img pair" : "")})");
        long offset = VoxOffset(h, path, single: true);
        return Layout(h, path, "NIfTI-1" + (gzip ? " (gzip)" : ""), path,
            gzip ? 0 : offset, gzip, gzip ? offset : 0, exactLength: false);
    }

    static ImageLayout Pair(string path)
    {
        string hdr = Sibling(path, ".hdr"), img = Sibling(path, ".img");
        if (!File.Exists(hdr)) throw new MrhException($"{hdr}: header file not found (an Analyze/NIfTI pair needs both .hdr and .img)");
        var bytes = ReadHeaderBytes(hdr, gzip: false);
        var h = Nifti1Header.Parse(bytes, hdr);
        if (h.Magic == "n+1")
        {
            // a single-file NIfTI that was named .hdr: the voxels follow the header in the same file
            long own = VoxOffset(h, hdr, single: true);
            return Layout(h, hdr, "NIfTI-1", hdr, own, false, 0, exactLength: false);
        }
        if (!File.Exists(img)) throw new MrhException($"{img}: image file not found (the header {Path.GetFileName(hdr)} needs its .img)");
        long offset = VoxOffset(h, hdr, single: false);
        return Layout(h, hdr, h.IsNifti ? "NIfTI-1 pair" : "Analyze 7.5", img, offset, false, 0, exactLength: true);
    }

    /// <summary>The other file of a pair, with the extension in the same letter case as the given name.</summary>
    static string Sibling(string path, string ext)
    {
        string stem = path[..^4], given = path[^4..];
        string candidate = stem + (given.Any(char.IsUpper) ? ext.ToUpperInvariant() : ext);
        if (File.Exists(candidate)) return candidate;
        string other = stem + (given.Any(char.IsUpper) ? ext : ext.ToUpperInvariant());
        return File.Exists(other) ? other : candidate;
    }

    static byte[] ReadHeaderBytes(string path, bool gzip)
    {
        if (!File.Exists(path)) throw new MrhException($"{path}: file not found");
        using var fs = VoxelReader.OpenRead(path);
        var buffer = new byte[Nifti1Header.Size];
        if (!gzip)
        {
            int n = fs.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
            return n == buffer.Length ? buffer : buffer[..n];
        }
        Span<byte> magic = stackalloc byte[2];
        if (fs.ReadAtLeast(magic, 2, throwOnEndOfStream: false) < 2 || magic[0] != 0x1f || magic[1] != 0x8b)
            throw new MrhException($"{path}: not gzip-compressed (no gzip signature); a .nii.gz must be gzip");
        fs.Position = 0;
        try
        {
            using var gz = new GZipStream(fs, CompressionMode.Decompress);
            int n = gz.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
            return n == buffer.Length ? buffer : buffer[..n];
        }
        catch (InvalidDataException e)
        {
            throw new MrhException($"{path}: corrupt gzip data ({e.Message.ReplaceLineEndings(" ")})", e);
        }
    }

    static long VoxOffset(Nifti1Header h, string path, bool single)
    {
        float v = h.VoxOffset;
        if (!float.IsFinite(v) || v < 0 || v != Math.Floor(v) || v > int.MaxValue)
            throw new MrhException($"{path}: invalid vox_offset {v}");
        if (single && v < Nifti1Header.Size)
            throw new MrhException($"{path}: vox_offset {v} points inside the header (a single-file NIfTI-1 needs at least 352)");
        return (long)v;
    }

    static ImageLayout Layout(Nifti1Header h, string headerPath, string format, string dataPath,
        long dataOffset, bool gzip, long skipInStream, bool exactLength)
    {
        var (nx, ny, nz, channels) = Grid(h, headerPath);
        var type = VoxelTypes.FromNiftiCode(h.DataType)
            ?? throw new MrhException($"{headerPath}: unsupported data type {VoxelTypes.NiftiCodeName(h.DataType)} (supported: uint8, int8, int16, uint16, int32, uint32, float32, float64)");
        if (h.BitPix != 0 && h.BitPix != type.Size() * 8)
            throw new MrhException($"{headerPath}: bitpix {h.BitPix} does not match data type {type.Name()} ({type.Size() * 8} bits)");
        double unit = h.IsNifti ? (h.XyztUnits & 7) switch { 1 => 1000.0, 3 => 0.001, _ => 1.0 } : 1.0;
        var spacing = new double[3];
        for (int k = 0; k < 3; k++)
        {
            double p = Math.Abs((double)h.PixDim[k + 1]) * unit;
            spacing[k] = p > 0 && double.IsFinite(p) ? p : 1;
        }
        var (affine, source) = h.IsNifti ? NiftiAffine(h, spacing, unit) : AnalyzeAffine(h, spacing);
        double slope = h.SclSlope, intercept = h.SclInter;
        if (slope == 0 || !double.IsFinite(slope)) (slope, intercept) = (1, 0);
        else if (!double.IsFinite(intercept) || !h.IsNifti) intercept = 0; // Analyze/SPM: funused1 is a scale only
        var layout = new ImageLayout
        {
            Format = format,
            NX = nx, NY = ny, NZ = nz, Channels = channels,
            Type = type, BigEndian = h.BigEndian,
            Slope = slope, Intercept = intercept,
            Spacing = spacing, Affine = affine, AffineSource = source,
            DataPath = dataPath, DataOffset = dataOffset, Gzip = gzip, SkipInStream = skipInStream,
            ExactLength = exactLength,
        };
        return layout;
    }

    /// <summary>dim[] as x, y, z and channels (dims 4 to 7 flattened), refusing impossible values.</summary>
    static (int, int, int, int) Grid(Nifti1Header h, string path)
    {
        int nd = h.Dim[0];
        if (nd < 1 || nd > 7) throw new MrhException($"{path}: dim[0] = {nd} is not a number of dimensions (1 to 7)");
        for (int i = 1; i <= nd; i++)
            if (h.Dim[i] < 1) throw new MrhException($"{path}: dim[{i}] = {h.Dim[i]} is not a positive size");
        int Get(int i) => i <= nd ? h.Dim[i] : 1;
        long channels = 1;
        for (int i = 4; i <= 7; i++) channels *= Get(i);
        long values = (long)Get(1) * Get(2) * Get(3) * channels;
        if (channels > int.MaxValue || values > ReadLimits.MaxFloatBytes / sizeof(float))
            throw new MrhException($"{path}: dims {string.Join(" x ", h.Dim.Skip(1).Take(nd))} describe {values:N0} voxels, more than a volume may hold ({ReadLimits.MaxFloatBytes >> 30} GiB as floats)");
        return (Get(1), Get(2), Get(3), (int)channels);
    }

    static (double[], string) NiftiAffine(Nifti1Header h, double[] spacing, double unit)
    {
        if (h.SformCode > 0)
        {
            var m = new double[16];
            for (int j = 0; j < 4; j++)
            {
                m[j] = h.SrowX[j] * unit; m[4 + j] = h.SrowY[j] * unit; m[8 + j] = h.SrowZ[j] * unit;
            }
            m[15] = 1;
            bool degenerate = Enumerable.Range(0, 3).All(j => m[j] == 0 && m[4 + j] == 0 && m[8 + j] == 0);
            if (NiftiGeometry.AllFinite(m) && !degenerate) return (m, $"sform (code {h.SformCode})");
        }
        if (h.QformCode > 0)
        {
            double qfac = h.PixDim[0] < 0 ? -1 : 1;
            var m = NiftiGeometry.QformToAffine(h.QuaternB, h.QuaternC, h.QuaternD,
                h.QoffsetX * unit, h.QoffsetY * unit, h.QoffsetZ * unit, spacing[0], spacing[1], spacing[2], qfac);
            if (NiftiGeometry.AllFinite(m)) return (m, $"qform (code {h.QformCode})");
        }
        return (Volume.DiagonalAffine(spacing), "pixdim");
    }

    static (double[], string) AnalyzeAffine(Nifti1Header h, double[] spacing)
    {
        var m = Volume.DiagonalAffine(spacing);
        if (h.Origin.All(o => o == 0)) return (m, "pixdim (Analyze)");
        for (int k = 0; k < 3; k++) m[k * 4 + 3] = -(h.Origin[k] - 1) * spacing[k];
        return (m, "pixdim + SPM origin (Analyze)");
    }

    static string MagicText(byte[] b) =>
        b.Length < 348 ? "" : new string(b.AsSpan(344, 4).ToArray().Select(c => c is >= 32 and < 127 ? (char)c : c == 0 ? '\0' : '?').ToArray()).TrimEnd('\0').Replace("\0", "\\0");
}
