using System.Text.Json;
using Mrh.Imaging;

namespace Mrh.Tests.Imaging;

/// <summary>Files written by other tools (nibabel, a hand-written NRRD); expected values from nibabel/numpy.</summary>
public class ReferenceFileTests
{
    static double Voxel(JsonElement e, string key) => e.GetProperty("voxels").GetProperty(key).GetDouble();

    static void AssertAffine(JsonElement rows, double[] affine, int digits)
    {
        for (int r = 0; r < 4; r++)
            for (int c = 0; c < 4; c++)
                Assert.Equal(rows[r][c].GetDouble(), affine[r * 4 + c], digits);
    }

    static void AssertSummary(JsonElement e, Volume v)
    {
        var s = VolumeStatistics.Of(v);
        Assert.Equal(e.GetProperty("min").GetDouble(), s.Min);
        Assert.Equal(e.GetProperty("max").GetDouble(), s.Max);
        Assert.Equal(e.GetProperty("sum").GetDouble(), s.Sum, 9);
    }

    [Fact]
    public void NibabelGzipNiftiWithSformAndScaling()
    {
        var e = Fixtures.Expected("sform_scaled.nii.gz");
        var (v, info) = VolumeFile.ReadWithInfo(Fixtures.Path("sform_scaled.nii.gz"));
        Assert.Equal((5, 4, 3), (v.NX, v.NY, v.NZ));
        Assert.Equal("int16", info.DataType);
        Assert.Equal((0.5, -3.0), (info.ScaleSlope, info.ScaleIntercept));
        AssertSummary(e, v);
        Assert.Equal(Voxel(e, "4,3,2"), v[4, 3, 2]);
        Assert.Equal(Voxel(e, "1,2,0"), v[1, 2, 0]);
        Assert.Equal(Voxel(e, "0,0,0"), v[0, 0, 0]);
        // the sform (code 2) wins over the diagonal qform (code 1), as in nibabel
        AssertAffine(e.GetProperty("affine"), v.Affine, 6);
        Assert.StartsWith("sform (code 2)", info.AffineSource);
        var zooms = e.GetProperty("zooms");
        for (int k = 0; k < 3; k++) Assert.Equal(zooms[k].GetDouble(), v.Spacing[k], 6);
    }

    [Fact]
    public void NibabelQformOnlyWithNegativeQfac()
    {
        var e = Fixtures.Expected("qform_only.nii");
        var (v, info) = VolumeFile.ReadWithInfo(Fixtures.Path("qform_only.nii"));
        Assert.Equal(2, v.ChannelCount);
        Assert.StartsWith("qform", info.AffineSource);
        AssertAffine(e.GetProperty("affine"), v.Affine, 6);
        AssertSummary(e, v);
        Assert.Equal(Voxel(e, "3,2,1,1"), v[3, 2, 1, 1]);
        Assert.Equal(Voxel(e, "1,0,0,0"), v[1, 0, 0, 0]);
    }

    [Fact]
    public void NibabelBigEndianAnalyzePair()
    {
        var e = Fixtures.Expected("analyze_be_int16.hdr");
        Assert.True(e.GetProperty("big_endian").GetBoolean());
        var (v, info) = VolumeFile.ReadWithInfo(Fixtures.Path("analyze_be_int16.hdr"));
        Assert.Equal("Analyze 7.5", info.Format);
        Assert.True(info.BigEndian);
        Assert.Equal((6, 5, 4), (v.NX, v.NY, v.NZ));
        AssertSummary(e, v);
        Assert.Equal(Voxel(e, "5,4,3"), v[5, 4, 3]);
        Assert.Equal(Voxel(e, "1,0,0"), v[1, 0, 0]);
        Assert.Equal(Voxel(e, "0,1,0"), v[0, 1, 0]);
        Assert.Equal([0.5, 0.25, 2.0], v.Spacing);
    }

    [Fact]
    public void HandWrittenGzipNrrdInLpsSpace()
    {
        var e = Fixtures.Expected("hand_gzip.nrrd");
        var (v, info) = VolumeFile.ReadWithInfo(Fixtures.Path("hand_gzip.nrrd"));
        Assert.Equal("NRRD (gzip)", info.Format);
        Assert.Equal("int16", info.DataType);
        Assert.Equal((4, 3, 2), (v.NX, v.NY, v.NZ));
        AssertSummary(e, v);
        Assert.Equal(Voxel(e, "3,2,1"), v[3, 2, 1]);
        Assert.Equal(Voxel(e, "1,0,0"), v[1, 0, 0]);
        AssertAffine(e.GetProperty("affine_ras"), v.Affine, 12);
        Assert.Equal(0.05, v.Spacing[1], 12);
    }

    [Fact]
    public void DetachedNrrdWithVectorAxisFirstAndByteSkip()
    {
        var e = Fixtures.Expected("hand_vector.nhdr");
        var (v, info) = VolumeFile.ReadWithInfo(Fixtures.Path("hand_vector.nhdr"));
        Assert.Equal(3, v.ChannelCount);
        Assert.True(info.BigEndian);
        Assert.Equal((4, 3, 2), (v.NX, v.NY, v.NZ));
        AssertSummary(e, v);
        Assert.Equal(Voxel(e, "c2,3,2,1"), v[3, 2, 1, 2]);
        Assert.Equal(Voxel(e, "c0,1,0,0"), v[1, 0, 0, 0]);
        Assert.Equal([0.5, 0.5, 1.5], v.Spacing);
        // channel c is (index + 0.5) * (c + 1)
        for (int c = 0; c < 3; c++) Assert.Equal((1 + 2 * 4 + 1 * 12 + 0.5f) * (c + 1), v[1, 2, 1, c]);
    }
}
