using System.Buffers.Binary;
using System.Text;

namespace Mrh.Imaging.Formats;

/// <summary>
/// The 348-byte header shared by NIfTI-1 and Analyze 7.5 (same layout; NIfTI gives meaning to fields
/// that Analyze left unused). Byte offsets follow the NIfTI-1 specification (nifti1.h).
/// </summary>
sealed class Nifti1Header
{
    public const int Size = 348;
    /// <summary>Offset of the first voxel in a single-file .nii without extensions.</summary>
    public const int SingleFileVoxOffset = 352;

    public bool BigEndian;
    public int Extents;
    public byte Regular;
    public byte DimInfo;
    public readonly short[] Dim = new short[8];
    public short IntentCode;
    public short DataType;
    public short BitPix;
    public readonly float[] PixDim = new float[8];
    public float VoxOffset;
    /// <summary>NIfTI scl_slope; in Analyze the same bytes are funused1, which SPM uses as a scale factor.</summary>
    public float SclSlope;
    public float SclInter;
    public byte XyztUnits;
    public float CalMax, CalMin;
    public string Descrip = "";
    public short QformCode, SformCode;
    public float QuaternB, QuaternC, QuaternD, QoffsetX, QoffsetY, QoffsetZ;
    public readonly float[] SrowX = new float[4], SrowY = new float[4], SrowZ = new float[4];
    /// <summary>"n+1" (single file), "ni1" (pair) or "" (Analyze 7.5).</summary>
    public string Magic = "";
    /// <summary>Analyze/SPM origin (1-based voxel of the world origin), from the originator field; zeros if absent.</summary>
    public readonly short[] Origin = new short[3];

    public bool IsNifti => Magic is "n+1" or "ni1";

    /// <summary>
    /// Parses the header; the byte order comes from sizeof_hdr (348 one way or the other). Throws
    /// <see cref="MrhException"/> naming <paramref name="path"/> when it is not such a header.
    /// </summary>
    public static Nifti1Header Parse(ReadOnlySpan<byte> b, string path)
    {
        if (b.Length >= 2 && b[0] == 0x1f && b[1] == 0x8b)
            throw new MrhException($"{path}: the file is gzip-compressed; name it .nii.gz");
        if (b.Length < Size)
            throw new MrhException($"{path}: truncated: a NIfTI/Analyze header needs {Size} bytes, the file has {b.Length}");
        int le = BinaryPrimitives.ReadInt32LittleEndian(b);
        int be = BinaryPrimitives.ReadInt32BigEndian(b);
        var h = new Nifti1Header();
        if (le == Size) h.BigEndian = false;
        else if (be == Size) h.BigEndian = true;
        else if (le == 540 || be == 540)
            throw new MrhException($"{path}: NIfTI-2 headers are not supported (convert to NIfTI-1)");
        else
            throw new MrhException($"{path}: not a NIfTI-1 or Analyze 7.5 header (sizeof_hdr is {le}, expected 348)");
        var r = new Reader(b, h.BigEndian);
        h.Extents = r.I32(32);
        h.Regular = b[38];
        h.DimInfo = b[39];
        for (int i = 0; i < 8; i++) h.Dim[i] = r.I16(40 + 2 * i);
        h.IntentCode = r.I16(68);
        h.DataType = r.I16(70);
        h.BitPix = r.I16(72);
        for (int i = 0; i < 8; i++) h.PixDim[i] = r.F32(76 + 4 * i);
        h.VoxOffset = r.F32(108);
        h.SclSlope = r.F32(112);
        h.SclInter = r.F32(116);
        h.XyztUnits = b[123];
        h.CalMax = r.F32(124);
        h.CalMin = r.F32(128);
        h.Descrip = Text(b.Slice(148, 80));
        h.QformCode = r.I16(252);
        h.SformCode = r.I16(254);
        h.QuaternB = r.F32(256); h.QuaternC = r.F32(260); h.QuaternD = r.F32(264);
        h.QoffsetX = r.F32(268); h.QoffsetY = r.F32(272); h.QoffsetZ = r.F32(276);
        for (int i = 0; i < 4; i++)
        {
            h.SrowX[i] = r.F32(280 + 4 * i);
            h.SrowY[i] = r.F32(296 + 4 * i);
            h.SrowZ[i] = r.F32(312 + 4 * i);
        }
        if (b[347] == 0 && (b.Slice(344, 3).SequenceEqual("n+1"u8) || b.Slice(344, 3).SequenceEqual("ni1"u8)))
            h.Magic = Encoding.ASCII.GetString(b.Slice(344, 3));
        else
            for (int i = 0; i < 3; i++) h.Origin[i] = r.I16(253 + 2 * i); // SPM's originator (Analyze only)
        return h;
    }

    /// <summary>Serialises the header (348 bytes) in the chosen byte order.</summary>
    public byte[] ToBytes()
    {
        var b = new byte[Size];
        var w = new Writer(b, BigEndian);
        w.I32(0, Size);
        w.I32(32, Extents);
        b[38] = Regular;
        b[39] = DimInfo;
        for (int i = 0; i < 8; i++) w.I16(40 + 2 * i, Dim[i]);
        w.I16(68, IntentCode);
        w.I16(70, DataType);
        w.I16(72, BitPix);
        for (int i = 0; i < 8; i++) w.F32(76 + 4 * i, PixDim[i]);
        w.F32(108, VoxOffset);
        w.F32(112, SclSlope);
        w.F32(116, SclInter);
        b[123] = XyztUnits;
        w.F32(124, CalMax);
        w.F32(128, CalMin);
        Encoding.ASCII.GetBytes(Descrip.Length > 79 ? Descrip[..79] : Descrip).CopyTo(b, 148);
        if (IsNifti)
        {
            w.I16(252, QformCode);
            w.I16(254, SformCode);
            w.F32(256, QuaternB); w.F32(260, QuaternC); w.F32(264, QuaternD);
            w.F32(268, QoffsetX); w.F32(272, QoffsetY); w.F32(276, QoffsetZ);
            for (int i = 0; i < 4; i++)
            {
                w.F32(280 + 4 * i, SrowX[i]);
                w.F32(296 + 4 * i, SrowY[i]);
                w.F32(312 + 4 * i, SrowZ[i]);
            }
            Encoding.ASCII.GetBytes(Magic).CopyTo(b, 344);
        }
        else
        {
            for (int i = 0; i < 3; i++) w.I16(253 + 2 * i, Origin[i]);
        }
        return b;
    }

    static string Text(ReadOnlySpan<byte> s)
    {
        int end = s.IndexOf((byte)0);
        if (end >= 0) s = s[..end];
        var chars = new char[s.Length];
        for (int i = 0; i < s.Length; i++) chars[i] = s[i] is >= 32 and < 127 ? (char)s[i] : '?';
        return new string(chars);
    }

    readonly ref struct Reader(ReadOnlySpan<byte> b, bool bigEndian)
    {
        readonly ReadOnlySpan<byte> _b = b;
        public short I16(int o) => bigEndian ? BinaryPrimitives.ReadInt16BigEndian(_b[o..]) : BinaryPrimitives.ReadInt16LittleEndian(_b[o..]);
        public int I32(int o) => bigEndian ? BinaryPrimitives.ReadInt32BigEndian(_b[o..]) : BinaryPrimitives.ReadInt32LittleEndian(_b[o..]);
        public float F32(int o) => bigEndian ? BinaryPrimitives.ReadSingleBigEndian(_b[o..]) : BinaryPrimitives.ReadSingleLittleEndian(_b[o..]);
    }

    readonly struct Writer(byte[] b, bool bigEndian)
    {
        public void I16(int o, short v) { if (bigEndian) BinaryPrimitives.WriteInt16BigEndian(b.AsSpan(o), v); else BinaryPrimitives.WriteInt16LittleEndian(b.AsSpan(o), v); }
        public void I32(int o, int v) { if (bigEndian) BinaryPrimitives.WriteInt32BigEndian(b.AsSpan(o), v); else BinaryPrimitives.WriteInt32LittleEndian(b.AsSpan(o), v); }
        public void F32(int o, float v) { if (bigEndian) BinaryPrimitives.WriteSingleBigEndian(b.AsSpan(o), v); else BinaryPrimitives.WriteSingleLittleEndian(b.AsSpan(o), v); }
    }
}
