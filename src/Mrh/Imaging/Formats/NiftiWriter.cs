using System.IO.Compression;
using System.Runtime.InteropServices;
using Mrh.IO;

namespace Mrh.Imaging.Formats;

/// <summary>
/// Writes NIfTI-1 single files (.nii, .nii.gz: vox_offset 352, magic "n+1", qform and sform both code 1,
/// pixdim from the volume's spacing, xyzt_units mm) and Analyze 7.5 pairs (.hdr/.img, the layout of
/// the authors' published data). Integer types store the values exactly when they are integers in
/// range, and otherwise a linear scaling (scl_slope / scl_inter) that spans the data.
/// </summary>
static class NiftiWriter
{
    public const string Description = "MRH Notebooks";

    public static void WriteNifti(Volume volume, string path, VoxelType type, bool gzip)
    {
        var (slope, intercept) = Scaling(volume, type, path, allowIntercept: true);
        var h = CommonHeader(volume, type, slope, intercept);
        h.Magic = "n+1";
        h.VoxOffset = Nifti1Header.SingleFileVoxOffset;
        h.XyztUnits = 2; // NIFTI_UNITS_MM
        h.Regular = (byte)'r';
        var affine = volume.Affine;
        h.SformCode = 1; // NIFTI_XFORM_SCANNER_ANAT
        for (int j = 0; j < 4; j++)
        {
            h.SrowX[j] = (float)affine[j];
            h.SrowY[j] = (float)affine[4 + j];
            h.SrowZ[j] = (float)affine[8 + j];
        }
        var q = NiftiGeometry.AffineToQuaternion(affine, volume.Spacing);
        h.PixDim[0] = 1;
        if (q is { } quat)
        {
            h.QformCode = 1;
            h.QuaternB = (float)quat.B; h.QuaternC = (float)quat.C; h.QuaternD = (float)quat.D;
            h.PixDim[0] = (float)quat.Qfac;
        }
        h.QoffsetX = (float)affine[3]; h.QoffsetY = (float)affine[7]; h.QoffsetZ = (float)affine[11];
        var header = h.ToBytes();
        AtomicFile.Write(path, fs =>
        {
            Stream s = gzip ? new GZipStream(fs, CompressionLevel.Fastest, leaveOpen: true) : fs;
            try
            {
                s.Write(header);
                s.Write(stackalloc byte[4]); // extension flag: no extensions
                WriteVoxels(s, volume, type, bigEndian: false, slope, intercept);
            }
            finally
            {
                if (gzip) s.Dispose();
            }
        });
    }

    /// <summary>Writes an Analyze 7.5 pair; <paramref name="path"/> may name either the .hdr or the .img.</summary>
    public static void WriteAnalyze(Volume volume, string path, VoxelType type, bool bigEndian)
    {
        string stem = path[..^4];
        bool upper = path[^4..].Any(char.IsUpper);
        string hdr = stem + (upper ? ".HDR" : ".hdr"), img = stem + (upper ? ".IMG" : ".img");
        var (slope, intercept) = Scaling(volume, type, path, allowIntercept: false);
        var h = CommonHeader(volume, type, slope == 1 ? 0 : slope, 0);
        h.BigEndian = bigEndian;
        h.Magic = "";
        h.VoxOffset = 0;
        h.Extents = 16384;
        h.Regular = (byte)'r';
        h.PixDim[0] = 0;
        var origin = SpmOrigin(volume);
        if (origin is not null) for (int k = 0; k < 3; k++) h.Origin[k] = origin[k];
        var header = h.ToBytes();
        AtomicFile.WriteAll(
        [
            (img, s => WriteVoxels(s, volume, type, bigEndian, slope, intercept)),
            (hdr, s => s.Write(header)),
        ]);
    }

    static Nifti1Header CommonHeader(Volume v, VoxelType type, double slope, double intercept)
    {
        var h = new Nifti1Header();
        bool fourD = v.ChannelCount > 1;
        short[] dim = [(short)(fourD ? 4 : 3), Short(v.NX, "x"), Short(v.NY, "y"), Short(v.NZ, "z"), Short(v.ChannelCount, "channel"), 1, 1, 1];
        dim.CopyTo(h.Dim, 0);
        h.DataType = type.NiftiCode();
        h.BitPix = (short)(type.Size() * 8);
        h.PixDim[1] = (float)v.Spacing[0];
        h.PixDim[2] = (float)v.Spacing[1];
        h.PixDim[3] = (float)v.Spacing[2];
        for (int i = 4; i < 8; i++) h.PixDim[i] = 1;
        h.SclSlope = (float)slope;
        h.SclInter = (float)intercept;
        h.Descrip = Description;
        return h;
    }

    static short Short(int n, string what) => n <= short.MaxValue
        ? (short)n
        : throw new MrhException($"the volume's {what} size {n} exceeds 32,767, the most a NIfTI-1/Analyze header can hold");

    /// <summary>
    /// (slope, intercept) with value = stored * slope + intercept: (1, 0) for float types and for integer
    /// data that fit the type; otherwise the smallest-to-largest value spread over the type's range
    /// (Analyze: a slope only). Both are rounded to float32 as the header stores them.
    /// </summary>
    static (double Slope, double Intercept) Scaling(Volume v, VoxelType type, string path, bool allowIntercept)
    {
        if (!type.IsInteger()) return (1, 0);
        double min = double.PositiveInfinity, max = double.NegativeInfinity;
        bool integral = true;
        foreach (var ch in v.Channels)
            foreach (float x in ch)
            {
                if (!float.IsFinite(x))
                    throw new MrhException($"{path}: the volume holds NaN or infinite values, which {type.Name()} cannot store (write float32)");
                if (x < min) min = x;
                if (x > max) max = x;
                if (integral && x != MathF.Round(x)) integral = false;
            }
        var (tmin, tmax) = type.Range();
        if (integral && min >= tmin && max <= tmax) return (1, 0);
        if (!allowIntercept)
        {
            if (min < 0 && tmin == 0)
                throw new MrhException($"{path}: negative values cannot be stored as {type.Name()} in Analyze 7.5 (no intercept); write int16 or float32");
            double m = Math.Max(Math.Abs(min), Math.Abs(max));
            return m == 0 ? (1, 0) : ((float)(m / tmax), 0);
        }
        if (max == min) return (1, (float)min);
        float slope = (float)((max - min) / (tmax - tmin));
        float intercept = (float)(min - tmin * (double)slope);
        return (slope, intercept);
    }

    /// <summary>SPM's origin (1-based voxel at world 0) for an axis-aligned affine with positive voxel sizes.</summary>
    static short[]? SpmOrigin(Volume v)
    {
        var a = v.Affine;
        var origin = new short[3];
        for (int i = 0; i < 3; i++)
        {
            for (int j = 0; j < 3; j++)
                if (i != j && a[i * 4 + j] != 0) return null;
            double d = a[i * 4 + i];
            if (!(d > 0)) return null;
            double o = 1 - a[i * 4 + 3] / d;
            if (Math.Abs(o - Math.Round(o)) > 1e-6 || Math.Abs(o) > short.MaxValue) return null;
            origin[i] = (short)Math.Round(o);
        }
        return origin.All(o => o == 1) ? null : origin;
    }

    static void WriteVoxels(Stream s, Volume v, VoxelType type, bool bigEndian, double slope, double intercept)
    {
        int n = v.VoxelCount;
        bool direct = type == VoxelType.Float32 && slope == 1 && intercept == 0 && bigEndian != BitConverter.IsLittleEndian;
        const int chunk = 1 << 20;
        var buffer = direct ? [] : new byte[Math.Min(n, chunk) * type.Size()];
        foreach (var ch in v.Channels)
        {
            if (direct)
            {
                s.Write(MemoryMarshal.AsBytes(ch.AsSpan()));
                continue;
            }
            for (int start = 0; start < n; start += chunk)
            {
                int count = Math.Min(chunk, n - start);
                var dst = buffer.AsSpan(0, count * type.Size());
                VoxelCodec.Encode(ch.AsSpan(start, count), dst, type, bigEndian, slope, intercept);
                s.Write(dst);
            }
        }
    }
}
