using System.Text.Json;
using Mrh.Imaging;
using Mrh.Tests.Imaging;

namespace Mrh.Tests.Cli;

public class VolumeCommandTests
{
    [Fact]
    public void InfoPrintsDimsTypeAndStatistics()
    {
        var (code, output, _) = CliHarness.Run("volume", "info", Fixtures.Path("analyze_be_int16.hdr"));
        Assert.Equal(0, code);
        Assert.Contains("Analyze 7.5", output);
        Assert.Contains("6 x 5 x 4", output);
        Assert.Contains("0.5 x 0.25 x 2 mm", output);
        Assert.Contains("int16 (big-endian)", output);
        Assert.Contains("min         -100", output);
        Assert.Contains("sum         9420", output);
    }

    [Fact]
    public void InfoJsonMatchesNibabel()
    {
        var e = Fixtures.Expected("sform_scaled.nii.gz");
        var (code, output, _) = CliHarness.Run("volume", "info", Fixtures.Path("sform_scaled.nii.gz"), "--json");
        Assert.Equal(0, code);
        using var doc = JsonDocument.Parse(output);
        var r = doc.RootElement;
        Assert.Equal([5, 4, 3, 1], r.GetProperty("dims").EnumerateArray().Select(x => x.GetInt32()));
        Assert.Equal("int16", r.GetProperty("dataType").GetString());
        Assert.Equal(0.5, r.GetProperty("scaleSlope").GetDouble());
        Assert.Equal(e.GetProperty("min").GetDouble(), r.GetProperty("min").GetDouble());
        Assert.Equal(e.GetProperty("max").GetDouble(), r.GetProperty("max").GetDouble());
        Assert.Equal(e.GetProperty("sum").GetDouble(), r.GetProperty("sum").GetDouble());
        Assert.Equal(e.GetProperty("sum").GetDouble() / 60, r.GetProperty("mean").GetDouble(), 12);
    }

    /// <summary>
    /// The phantom's .mrhv, written here byte by byte from its description (magic, int32 header length, JSON header,
    /// float32 little-endian voxels, channel after channel, x fastest), is read by `volume info` and `volume convert`.
    /// </summary>
    [Fact]
    public void InfoAndConvertReadThePhantomsMrhvFormat()
    {
        using var dir = new TempDir();
        string path = dir.File("v.mrhv");
        var header = System.Text.Encoding.UTF8.GetBytes(
            """{"Nx":3,"Ny":2,"Nz":1,"Channels":2,"Spacing":[0.5,0.5,0.25],"Affine":[0.5,0,0,0,0,0.5,0,0,0,0,0.25,0,0,0,0,1],"ChannelNames":["a","b"],"Axes":[0,1,2],"DataType":"float32"}""");
        float[] values = [1, 2, 3, 4, 5, 6, -1, -2, -3, -4, -5, 10];
        using (var f = File.Create(path))
        {
            f.Write("MRHRAW01"u8);
            f.Write(BitConverter.GetBytes(header.Length));
            f.Write(header);
            foreach (var v in values) f.Write(BitConverter.GetBytes(v));
        }
        var (code, output, err) = CliHarness.Run("volume", "info", path, "--json");
        Assert.True(code == 0, err);
        using var doc = JsonDocument.Parse(output);
        Assert.Equal([3, 2, 1, 2], doc.RootElement.GetProperty("dims").EnumerateArray().Select(x => x.GetInt32()));
        Assert.Equal(-5, doc.RootElement.GetProperty("min").GetDouble());
        Assert.Equal(16, doc.RootElement.GetProperty("sum").GetDouble()); // 21 - 5
        Assert.Equal(0, CliHarness.Run("volume", "convert", path, dir.File("v.nii")).Code);
        var nifti = VolumeFile.Read(dir.File("v.nii"));
        Assert.Equal(values[6..], nifti.Channels[1]);
        Assert.Equal([0.5, 0.5, 0.25], nifti.Spacing);
        // a damaged one: one line naming the file, exit 2
        File.WriteAllBytes(dir.File("bad.mrhv"), "MRHRAW01\u0010\0\0\0{}"u8.ToArray());
        var (badCode, _, badErr) = CliHarness.Run("volume", "info", dir.File("bad.mrhv"));
        Assert.Equal(2, badCode);
        Assert.Contains("bad.mrhv", badErr);
        Assert.Single(badErr.TrimEnd().Split('\n'));
    }

    [Fact]
    public void ConvertAnalyzeToNiftiKeepsValuesAndType()
    {
        using var dir = new TempDir();
        string output = dir.File("out.nii.gz");
        var (code, stdout, _) = CliHarness.Run("volume", "convert", Fixtures.Path("analyze_be_int16.img"), output);
        Assert.Equal(0, code);
        Assert.Contains("int16", stdout);
        var a = VolumeFile.Read(Fixtures.Path("analyze_be_int16.hdr"));
        var (b, info) = VolumeFile.ReadWithInfo(output);
        Assert.Equal("int16", info.DataType);
        Assert.Equal(a.Channels[0], b.Channels[0]);
        Assert.Equal(a.Spacing, b.Spacing);

        // scaled input -> float32 unless asked otherwise
        Assert.Equal(0, CliHarness.Run("volume", "convert", Fixtures.Path("sform_scaled.nii.gz"), dir.File("f.nii")).Code);
        Assert.Equal("float32", VolumeFile.ReadHeader(dir.File("f.nii")).DataType);
        Assert.Equal(0, CliHarness.Run("volume", "convert", Fixtures.Path("hand_vector.nhdr"), dir.File("v.nii"), "--type", "float64").Code);
        Assert.Equal(3, VolumeFile.ReadHeader(dir.File("v.nii")).Channels);
    }

    [Fact]
    public void BadInputExitsTwoWithOneLineAndWritesNothing()
    {
        using var dir = new TempDir();
        var bytes = File.ReadAllBytes(Fixtures.Path("qform_only.nii"));
        File.WriteAllBytes(dir.File("cut.nii"), bytes[..400]);
        foreach (var args in new[] { new[] { "volume", "info", dir.File("cut.nii") }, ["volume", "convert", dir.File("cut.nii"), dir.File("out.nii")] })
        {
            var (code, stdout, err) = CliHarness.Run(args);
            Assert.Equal(2, code);
            Assert.Equal("", stdout);
            Assert.Single(err.TrimEnd().Split('\n'));
            Assert.Contains("cut.nii: truncated", err);
        }
        Assert.Equal(["cut.nii"], Directory.GetFiles(dir.Path).Select(Path.GetFileName));
    }

    [Theory]
    [InlineData("volume", "info")]
    [InlineData("volume", "convert", "a.nii")]
    [InlineData("volume", "convert", "a.nii", "b.png")]
    [InlineData("volume", "convert", "a.nii", "b.nii", "--type", "complex")]
    public void BadUsage(params string[] args)
    {
        var (code, stdout, err) = CliHarness.Run(args);
        Assert.Equal(2, code);
        Assert.Equal("", stdout);
        Assert.StartsWith("mrh: ", err);
    }
}
