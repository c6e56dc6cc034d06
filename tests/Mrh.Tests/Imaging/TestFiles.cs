using System.Buffers.Binary;
using System.Text;

namespace Mrh.Tests.Imaging;

/// <summary>A temporary folder for one test, deleted afterwards.</summary>
sealed class TempDir : IDisposable
{
    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "mrh-tests-" + Guid.NewGuid().ToString("N"));
    public TempDir() => Directory.CreateDirectory(Path);
    public string File(string name) => System.IO.Path.Combine(Path, name);
    public void Dispose()
    {
        try { Directory.Delete(Path, recursive: true); } catch (IOException) { }
    }
}

static class Fixtures
{
    public static string Path(string name) => System.IO.Path.Combine(AppContext.BaseDirectory, "Fixtures", name);

    /// <summary>expected.json: the values that nibabel / numpy reported for each fixture.</summary>
    public static System.Text.Json.JsonElement Expected(string name)
    {
        using var doc = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path("expected.json")));
        return doc.RootElement.GetProperty(name).Clone();
    }
}

/// <summary>
/// A 348-byte NIfTI-1 / Analyze 7.5 header built field by field at the byte offsets of the NIfTI-1
/// specification (nifti1.h), independently of the product's header code.
/// </summary>
sealed class HandHeader
{
    public readonly byte[] Bytes = new byte[348];
    readonly bool _big;

    public HandHeader(bool bigEndian)
    {
        _big = bigEndian;
        I32(0, 348); // sizeof_hdr
    }

    public HandHeader I16(int offset, short v)
    {
        if (_big) BinaryPrimitives.WriteInt16BigEndian(Bytes.AsSpan(offset), v); else BinaryPrimitives.WriteInt16LittleEndian(Bytes.AsSpan(offset), v);
        return this;
    }

    public HandHeader I32(int offset, int v)
    {
        if (_big) BinaryPrimitives.WriteInt32BigEndian(Bytes.AsSpan(offset), v); else BinaryPrimitives.WriteInt32LittleEndian(Bytes.AsSpan(offset), v);
        return this;
    }

    public HandHeader F32(int offset, float v)
    {
        if (_big) BinaryPrimitives.WriteSingleBigEndian(Bytes.AsSpan(offset), v); else BinaryPrimitives.WriteSingleLittleEndian(Bytes.AsSpan(offset), v);
        return this;
    }

    /// <summary>dim[0..7] at offset 40.</summary>
    public HandHeader Dims(params short[] dims)
    {
        I16(40, (short)dims.Length);
        for (int i = 0; i < 7; i++) I16(42 + 2 * i, i < dims.Length ? dims[i] : (short)1);
        return this;
    }

    /// <summary>datatype (70) and bitpix (72).</summary>
    public HandHeader Type(short datatype, short bitpix) => I16(70, datatype).I16(72, bitpix);

    /// <summary>pixdim[0..3] at offset 76 (qfac, dx, dy, dz).</summary>
    public HandHeader PixDim(float qfac, float dx, float dy, float dz) => F32(76, qfac).F32(80, dx).F32(84, dy).F32(88, dz);

    public HandHeader VoxOffset(float v) => F32(108, v);
    public HandHeader Scale(float slope, float inter) => F32(112, slope).F32(116, inter);
    public HandHeader Units(byte xyzt) { Bytes[123] = xyzt; return this; }
    public HandHeader QformCode(short c) => I16(252, c);
    public HandHeader SformCode(short c) => I16(254, c);
    /// <summary>quatern_b, c, d (256..264) and qoffset_x, y, z (268..276).</summary>
    public HandHeader Quatern(float b, float c, float d, float x, float y, float z) => F32(256, b).F32(260, c).F32(264, d).F32(268, x).F32(272, y).F32(276, z);

    /// <summary>srow_x, srow_y, srow_z at 280, 296, 312.</summary>
    public HandHeader Srow(params float[] rows)
    {
        for (int i = 0; i < 12; i++) F32(280 + 4 * i, rows[i]);
        return this;
    }

    public HandHeader Magic(string m)
    {
        Array.Clear(Bytes, 344, 4);
        Encoding.ASCII.GetBytes(m).CopyTo(Bytes, 344);
        return this;
    }

    /// <summary>SPM's origin: three shorts in the Analyze originator field at 253.</summary>
    public HandHeader SpmOrigin(short x, short y, short z) => I16(253, x).I16(255, y).I16(257, z);

    /// <summary>Writes header + 4 zero extension bytes + data as a single .nii file.</summary>
    public void WriteNii(string path, byte[] data)
    {
        using var fs = File.Create(path);
        fs.Write(Bytes);
        fs.Write(new byte[4]);
        fs.Write(data);
    }

    public void WritePair(string hdrPath, byte[] data)
    {
        File.WriteAllBytes(hdrPath, Bytes);
        File.WriteAllBytes(System.IO.Path.ChangeExtension(hdrPath, ".img"), data);
    }
}

/// <summary>Voxel bytes in a chosen byte order.</summary>
static class Raw
{
    public static byte[] Int16(bool big, params short[] v)
    {
        var b = new byte[v.Length * 2];
        for (int i = 0; i < v.Length; i++)
            if (big) BinaryPrimitives.WriteInt16BigEndian(b.AsSpan(2 * i), v[i]); else BinaryPrimitives.WriteInt16LittleEndian(b.AsSpan(2 * i), v[i]);
        return b;
    }

    public static byte[] Int32(bool big, params int[] v)
    {
        var b = new byte[v.Length * 4];
        for (int i = 0; i < v.Length; i++)
            if (big) BinaryPrimitives.WriteInt32BigEndian(b.AsSpan(4 * i), v[i]); else BinaryPrimitives.WriteInt32LittleEndian(b.AsSpan(4 * i), v[i]);
        return b;
    }

    public static byte[] Float32(bool big, params float[] v)
    {
        var b = new byte[v.Length * 4];
        for (int i = 0; i < v.Length; i++)
            if (big) BinaryPrimitives.WriteSingleBigEndian(b.AsSpan(4 * i), v[i]); else BinaryPrimitives.WriteSingleLittleEndian(b.AsSpan(4 * i), v[i]);
        return b;
    }
}
