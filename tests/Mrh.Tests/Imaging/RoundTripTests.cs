using System.Buffers.Binary;
using System.IO.Compression;
using Mrh.Imaging;

namespace Mrh.Tests.Imaging;

public class RoundTripTests
{
    /// <summary>Values that each type holds exactly, including its extremes.</summary>
    static float[] ValuesFor(VolumeDataType t, int n)
    {
        var (lo, hi) = t switch
        {
            VolumeDataType.UInt8 => (0.0, 255.0),
            VolumeDataType.Int8 => (-128.0, 127.0),
            VolumeDataType.Int16 => (-32768.0, 32767.0),
            VolumeDataType.UInt16 => (0.0, 65535.0),
            VolumeDataType.Int32 => (-16777216.0, 16777216.0), // floats are exact up to 2^24
            _ => (double.NaN, double.NaN),
        };
        var v = new float[n];
        if (double.IsNaN(lo))
        {
            float[] special = [0f, -0f, 1e-42f, -3.4e38f, 3.4e38f, float.NaN, float.PositiveInfinity, float.NegativeInfinity, 0.1f, MathF.PI];
            for (int i = 0; i < n; i++) v[i] = i < special.Length ? special[i] : (float)Math.Sin(i) * 1234.5678f;
            return v;
        }
        for (int i = 0; i < n; i++) v[i] = (float)(lo + (long)(i * 7919L) % (long)(hi - lo + 1));
        v[0] = (float)lo; v[1] = (float)hi;
        return v;
    }

    public static TheoryData<VolumeDataType, string> Cases()
    {
        var d = new TheoryData<VolumeDataType, string>();
        foreach (var t in Enum.GetValues<VolumeDataType>())
            foreach (var ext in new[] { ".nii", ".nii.gz", ".img" })
                d.Add(t, ext);
        return d;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void EveryTypeRoundTripsExactly(VolumeDataType type, string ext)
    {
        using var dir = new TempDir();
        int nx = 5, ny = 4, nz = 3;
        var ch0 = ValuesFor(type, nx * ny * nz);
        var ch1 = ch0.Reverse().ToArray();
        var v = new Volume(nx, ny, nz, [ch0, ch1], [0.5, 0.25, 0.125]);
        string path = dir.File("rt" + ext);
        VolumeFile.Write(v, path, type);
        var (back, info) = VolumeFile.ReadWithInfo(path);
        Assert.Equal(type.ToString().ToLowerInvariant(), info.DataType);
        Assert.True(info.Unscaled);
        Assert.Equal(2, back.ChannelCount);
        for (int c = 0; c < 2; c++)
            Assert.Equal(v.Channels[c].Select(BitConverter.SingleToInt32Bits), back.Channels[c].Select(BitConverter.SingleToInt32Bits));
        Assert.Equal(v.Spacing, back.Spacing);
        Assert.Equal(v.Affine, back.Affine);
    }

    [Fact]
    public void BigEndianAnalyzeRoundTrips()
    {
        using var dir = new TempDir();
        var v = new Volume(3, 2, 1, [[-5, 0, 5, 1000, -1000, 32767]]);
        VolumeFile.WriteAnalyze(v, dir.File("be.hdr"), VolumeDataType.Int16, bigEndian: true);
        Assert.Equal(348, BinaryPrimitives.ReadInt32BigEndian(File.ReadAllBytes(dir.File("be.hdr"))));
        var (back, info) = VolumeFile.ReadWithInfo(dir.File("be.img"));
        Assert.True(info.BigEndian);
        Assert.Equal(v.Channels[0], back.Channels[0]);
    }

    [Fact]
    public void RotatedAffineSurvivesInBothSformAndQform()
    {
        using var dir = new TempDir();
        double c = Math.Cos(0.4), s = Math.Sin(0.4);
        double[] spacing = [0.5, 0.25, 2];
        // rotation about y times voxel sizes, with a reflection of x (det < 0: qfac = -1)
        double[] affine =
        [
            -c * 0.5, 0, s * 2, 3.5,
            0, 0.25, 0, -7,
            s * 0.5, 0, c * 2, 11,
            0, 0, 0, 1,
        ];
        var v = new Volume(2, 2, 2, [Enumerable.Range(0, 8).Select(i => (float)i).ToArray()], spacing, affine);
        string path = dir.File("rot.nii");
        VolumeFile.Write(v, path);
        var back = VolumeFile.Read(path);
        for (int i = 0; i < 16; i++) Assert.Equal((float)affine[i], back.Affine[i], 6);

        // switch the sform off in the file: the qform alone must give the same affine
        var bytes = File.ReadAllBytes(path);
        Assert.Equal(1, BinaryPrimitives.ReadInt16LittleEndian(bytes.AsSpan(252))); // qform_code
        Assert.Equal(-1f, BinaryPrimitives.ReadSingleLittleEndian(bytes.AsSpan(76))); // pixdim[0] = qfac
        BinaryPrimitives.WriteInt16LittleEndian(bytes.AsSpan(254), 0);
        File.WriteAllBytes(path, bytes);
        var q = VolumeFile.Read(path);
        for (int i = 0; i < 16; i++) Assert.Equal(affine[i], q.Affine[i], 5);
    }

    [Theory]
    [InlineData(".nii")]
    [InlineData(".nii.gz")]
    public void WrittenHeaderHasTheFieldsOtherToolsNeed(string ext)
    {
        using var dir = new TempDir();
        var v = new Volume(7, 6, 5, [new float[210], new float[210], new float[210]], [0.06, 0.07, 0.08]);
        string path = dir.File("h" + ext);
        VolumeFile.Write(v, path, VolumeDataType.UInt8);
        byte[] b;
        if (ext == ".nii.gz")
        {
            using var gz = new GZipStream(File.OpenRead(path), CompressionMode.Decompress);
            using var ms = new MemoryStream();
            gz.CopyTo(ms);
            b = ms.ToArray();
        }
        else b = File.ReadAllBytes(path);
        Assert.Equal(352 + 210 * 3, b.Length);
        Assert.Equal(348, BinaryPrimitives.ReadInt32LittleEndian(b));                       // sizeof_hdr
        short[] dim = Enumerable.Range(0, 8).Select(i => BinaryPrimitives.ReadInt16LittleEndian(b.AsSpan(40 + 2 * i))).ToArray();
        Assert.Equal(new short[] { 4, 7, 6, 5, 3, 1, 1, 1 }, dim);
        Assert.Equal(2, BinaryPrimitives.ReadInt16LittleEndian(b.AsSpan(70)));              // datatype uint8
        Assert.Equal(8, BinaryPrimitives.ReadInt16LittleEndian(b.AsSpan(72)));              // bitpix
        Assert.Equal(0.06f, BinaryPrimitives.ReadSingleLittleEndian(b.AsSpan(80)));         // pixdim[1]
        Assert.Equal(0.08f, BinaryPrimitives.ReadSingleLittleEndian(b.AsSpan(88)));         // pixdim[3]
        Assert.Equal(352f, BinaryPrimitives.ReadSingleLittleEndian(b.AsSpan(108)));         // vox_offset
        Assert.Equal(1f, BinaryPrimitives.ReadSingleLittleEndian(b.AsSpan(112)));           // scl_slope
        Assert.Equal(2, b[123] & 7);                                                         // xyzt_units: mm
        Assert.Equal(1, BinaryPrimitives.ReadInt16LittleEndian(b.AsSpan(252)));             // qform_code
        Assert.Equal(1, BinaryPrimitives.ReadInt16LittleEndian(b.AsSpan(254)));             // sform_code
        Assert.Equal(0.06f, BinaryPrimitives.ReadSingleLittleEndian(b.AsSpan(280)));        // srow_x[0]
        Assert.Equal("n+1\0"u8.ToArray(), b[344..348]);                                      // magic
        Assert.Equal(new byte[4], b[348..352]);                                              // no extensions
    }

    [Fact]
    public void NonIntegerValuesAsUInt8AreScaledToSpanTheRange()
    {
        using var dir = new TempDir();
        var data = Enumerable.Range(0, 100).Select(i => -1.5f + i * 0.0371f).ToArray();
        var v = new Volume(10, 10, 1, [data]);
        VolumeFile.Write(v, dir.File("s.nii"), VolumeDataType.UInt8);
        var (back, info) = VolumeFile.ReadWithInfo(dir.File("s.nii"));
        Assert.False(info.Unscaled);
        double step = (data.Max() - data.Min()) / 255.0;
        Assert.Equal(step, info.ScaleSlope, 6);
        for (int i = 0; i < data.Length; i++) Assert.InRange(back.Channels[0][i] - data[i], -step / 2 - 1e-5, step / 2 + 1e-5);
        Assert.Equal(data.Min(), back.Channels[0].Min(), 5);
        Assert.Equal(data.Max(), back.Channels[0].Max(), 4);
    }

    [Fact]
    public void IntegerOutputRefusesNaNAndWritesNothing()
    {
        using var dir = new TempDir();
        var v = new Volume(2, 1, 1, [[1, float.NaN]]);
        var e = Assert.Throws<MrhException>(() => VolumeFile.Write(v, dir.File("n.nii"), VolumeDataType.Int16));
        Assert.Contains("NaN", e.Message);
        Assert.Empty(Directory.GetFiles(dir.Path));
    }

    [Fact]
    public void WriteReplacesAnExistingFileAtomically()
    {
        using var dir = new TempDir();
        string path = dir.File("x.nii.gz");
        VolumeFile.Write(new Volume(1, 1, 1, [[1]]), path);
        VolumeFile.Write(new Volume(1, 1, 1, [[2]]), path);
        Assert.Equal(2f, VolumeFile.Read(path).Channels[0][0]);
        Assert.Single(Directory.GetFiles(dir.Path));
    }

    [Fact]
    public void SameVolumeGivesTheSameBytes()
    {
        using var dir = new TempDir();
        var v = new Volume(3, 3, 3, [Enumerable.Range(0, 27).Select(i => i * 0.5f).ToArray()]);
        VolumeFile.Write(v, dir.File("a.nii.gz"));
        VolumeFile.Write(v, dir.File("b.nii.gz"));
        Assert.Equal(File.ReadAllBytes(dir.File("a.nii.gz")), File.ReadAllBytes(dir.File("b.nii.gz")));
    }

    [Fact]
    public void ReadHeaderDoesNotNeedTheVoxels()
    {
        using var dir = new TempDir();
        VolumeFile.Write(new Volume(4, 3, 2, [new float[24], new float[24]], [1, 2, 3]), dir.File("h.nii.gz"));
        var info = VolumeFile.ReadHeader(dir.File("h.nii.gz"));
        Assert.Equal([4, 3, 2, 2], info.Dims);
        Assert.Equal("NIfTI-1 (gzip)", info.Format);
        Assert.Equal(4 * 3 * 2 * 2 * 4, info.DataBytes);
    }
}
