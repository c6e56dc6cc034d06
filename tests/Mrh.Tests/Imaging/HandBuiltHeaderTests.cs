using Mrh.Imaging;

namespace Mrh.Tests.Imaging;

/// <summary>Files whose every header byte is written here per the NIfTI-1 / Analyze 7.5 specification.</summary>
public class HandBuiltHeaderTests
{
    [Fact]
    public void NiftiFloat32LittleEndianWithSform()
    {
        using var dir = new TempDir();
        var h = new HandHeader(bigEndian: false).Dims(2, 3, 4).Type(16, 32).PixDim(1, 0.5f, 0.25f, 2f)
            .VoxOffset(352).Scale(0, 0).SformCode(2).Srow(0, -0.25f, 0, 5, 0.5f, 0, 0, -6, 0, 0, 2, 7).Magic("n+1").Units(2);
        var values = Enumerable.Range(0, 24).Select(i => i * 1.25f - 3).ToArray();
        h.WriteNii(dir.File("a.nii"), Raw.Float32(false, values));

        var (v, info) = VolumeFile.ReadWithInfo(dir.File("a.nii"));
        Assert.Equal((2, 3, 4, 1), (v.NX, v.NY, v.NZ, v.ChannelCount));
        Assert.Equal(values, v.Channels[0]);
        Assert.Equal([0.5, 0.25, 2.0], v.Spacing);
        Assert.Equal([0, -0.25, 0, 5, 0.5, 0, 0, -6, 0, 0, 2, 7, 0, 0, 0, 1], v.Affine);
        Assert.Equal("float32", info.DataType);
        Assert.False(info.BigEndian);
        Assert.StartsWith("sform", info.AffineSource);
        // x fastest: voxel (1, 2, 3) is stored at 1 + 2*2 + 3*6 = 23
        Assert.Equal(23 * 1.25f - 3, v[1, 2, 3]);
    }

    [Fact]
    public void NiftiInt16ScaledBigEndian()
    {
        using var dir = new TempDir();
        var h = new HandHeader(bigEndian: true).Dims(3, 2, 1).Type(4, 16).PixDim(1, 1, 1, 1)
            .VoxOffset(352).Scale(0.5f, -10).Magic("n+1");
        h.WriteNii(dir.File("b.nii"), Raw.Int16(true, -32768, -1, 0, 1, 300, 32767));
        var (v, info) = VolumeFile.ReadWithInfo(dir.File("b.nii"));
        Assert.Equal([-32768 * 0.5f - 10, -10.5f, -10, -9.5f, 140, 32767 * 0.5f - 10], v.Channels[0]);
        Assert.True(info.BigEndian);
        Assert.Equal((0.5, -10.0), (info.ScaleSlope, info.ScaleIntercept));
    }

    [Fact]
    public void ZeroSlopeMeansUnscaledEvenWithAnIntercept()
    {
        using var dir = new TempDir();
        new HandHeader(false).Dims(2, 1, 1).Type(8, 32).VoxOffset(352).Scale(0, 99).Magic("n+1")
            .WriteNii(dir.File("c.nii"), Raw.Int32(false, -7, 16777216));
        Assert.Equal([-7f, 16777216f], VolumeFile.Read(dir.File("c.nii")).Channels[0]);
    }

    [Fact]
    public void QformIsUsedWhenThereIsNoSform()
    {
        // quaternion (b, c, d) = (0, 0, 1): a 180-degree rotation about z, so x and y flip sign;
        // qfac = -1 flips z; voxel sizes 2, 3, 4; offset (10, 20, 30)
        using var dir = new TempDir();
        new HandHeader(false).Dims(2, 2, 2).Type(2, 8).PixDim(-1, 2, 3, 4).VoxOffset(352).Magic("n+1")
            .QformCode(1).SformCode(0).Quatern(0, 0, 1, 10, 20, 30)
            .WriteNii(dir.File("q.nii"), [1, 2, 3, 4, 5, 6, 7, 8]);
        var (v, info) = VolumeFile.ReadWithInfo(dir.File("q.nii"));
        Assert.StartsWith("qform", info.AffineSource);
        double[] expected = [-2, 0, 0, 10, 0, -3, 0, 20, 0, 0, -4, 30, 0, 0, 0, 1];
        for (int i = 0; i < 16; i++) Assert.Equal(expected[i], v.Affine[i], 12);
        Assert.Equal([1f, 2, 3, 4, 5, 6, 7, 8], v.Channels[0]);
    }

    [Fact]
    public void NeitherFormGivesThePixdimDiagonal()
    {
        using var dir = new TempDir();
        new HandHeader(false).Dims(1, 1, 1).Type(2, 8).PixDim(1, 0.1f, 0.2f, 0.3f).VoxOffset(352).Magic("n+1")
            .WriteNii(dir.File("p.nii"), [9]);
        var v = VolumeFile.Read(dir.File("p.nii"));
        Assert.Equal(Volume.DiagonalAffine([(double)0.1f, (double)0.2f, (double)0.3f]), v.Affine);
    }

    [Fact]
    public void MicronUnitsAreConvertedToMillimetres()
    {
        using var dir = new TempDir();
        new HandHeader(false).Dims(1, 1, 1).Type(2, 8).PixDim(1, 25, 50, 100).VoxOffset(352).Magic("n+1").Units(3)
            .WriteNii(dir.File("um.nii"), [1]);
        var v = VolumeFile.Read(dir.File("um.nii"));
        Assert.Equal(0.025, v.Spacing[0], 12);
        Assert.Equal(0.1, v.Spacing[2], 12);
    }

    [Fact]
    public void FourthDimensionBecomesChannels()
    {
        using var dir = new TempDir();
        new HandHeader(false).Dims(2, 1, 1, 3).Type(256, 8).VoxOffset(352).Magic("n+1")
            .WriteNii(dir.File("4d.nii"), [0xFF, 1, 0x80, 2, 3, 0x7F]); // int8: -1, 1, -128, 2, 3, 127
        var v = VolumeFile.Read(dir.File("4d.nii"));
        Assert.Equal(3, v.ChannelCount);
        Assert.Equal([-1f, 1], v.Channels[0]);
        Assert.Equal([-128f, 2], v.Channels[1]);
        Assert.Equal([3f, 127], v.Channels[2]);
    }

    [Fact]
    public void VoxOffsetBeyond352SkipsExtensions()
    {
        using var dir = new TempDir();
        var h = new HandHeader(false).Dims(2, 1, 1).Type(512, 16).VoxOffset(368).Magic("n+1");
        using (var fs = File.Create(dir.File("ext.nii")))
        {
            fs.Write(h.Bytes);
            fs.Write(new byte[20]); // extension flag + 16 bytes of an extension
            fs.Write([0xFF, 0xFF, 0x02, 0x01]); // uint16 LE: 65535, 258
        }
        Assert.Equal([65535f, 258], VolumeFile.Read(dir.File("ext.nii")).Channels[0]);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void AnalyzePairInt16InBothByteOrders(bool big)
    {
        using var dir = new TempDir();
        // Analyze 7.5: no magic, extents 16384, regular 'r', vox_offset 0
        var h = new HandHeader(big).Dims(3, 2, 2).Type(4, 16).PixDim(0, 0.0625f, 0.0625f, 0.0625f).I32(32, 16384);
        h.Bytes[38] = (byte)'r';
        short[] values = [-300, -2, -1, 0, 1, 2, 255, 256, 1000, 20000, -20000, 7];
        h.WritePair(dir.File("an.hdr"), Raw.Int16(big, values));
        foreach (var name in new[] { "an.hdr", "an.img" })
        {
            var (v, info) = VolumeFile.ReadWithInfo(dir.File(name));
            Assert.Equal("Analyze 7.5", info.Format);
            Assert.Equal(big, info.BigEndian);
            Assert.Equal(values.Select(x => (float)x).ToArray(), v.Channels[0]);
            Assert.Equal(0.0625, v.Spacing[1]);
            Assert.EndsWith("an.img", info.DataFile);
        }
    }

    [Fact]
    public void AnalyzeUInt8WithSpmScaleAndOrigin()
    {
        using var dir = new TempDir();
        // SPM: funused1 (offset 112) scales the values; originator (253) holds the 1-based origin voxel
        new HandHeader(false).Dims(4, 1, 1).Type(2, 8).PixDim(0, 2, 3, 4).F32(112, 0.25f).SpmOrigin(3, 1, 2)
            .WritePair(dir.File("spm.hdr"), [0, 4, 8, 255]);
        var v = VolumeFile.Read(dir.File("spm.img"));
        Assert.Equal([0f, 1, 2, 63.75f], v.Channels[0]);
        // world = (i - (origin - 1)) * spacing
        Assert.Equal([2, 0, 0, -4, 0, 3, 0, 0, 0, 0, 4, -4, 0, 0, 0, 1], v.Affine);
    }

    [Fact]
    public void NiftiPairReadsTheImgAtVoxOffset()
    {
        using var dir = new TempDir();
        var h = new HandHeader(false).Dims(2, 1, 1).Type(16, 32).VoxOffset(0).Magic("ni1").SformCode(1)
            .Srow(1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0);
        h.WritePair(dir.File("p.hdr"), Raw.Float32(false, 1.5f, -2.5f));
        var (v, info) = VolumeFile.ReadWithInfo(dir.File("p.hdr"));
        Assert.Equal("NIfTI-1 pair", info.Format);
        Assert.Equal([1.5f, -2.5f], v.Channels[0]);
    }

    [Fact]
    public void UpperCaseExtensionsFindTheirPartner()
    {
        using var dir = new TempDir();
        var h = new HandHeader(false).Dims(1, 1, 1).Type(2, 8);
        File.WriteAllBytes(dir.File("UP.HDR"), h.Bytes);
        File.WriteAllBytes(dir.File("UP.IMG"), [42]);
        Assert.Equal(42f, VolumeFile.Read(dir.File("UP.IMG")).Channels[0][0]);
    }
}
