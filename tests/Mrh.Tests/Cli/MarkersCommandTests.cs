using System.Globalization;
using Mrh.Data;
using Mrh.Imaging;
using Mrh.Tests.Mri;

namespace Mrh.Tests.Cli;

public sealed class MarkersCommandTests : IDisposable
{
    readonly string _dir = Path.Combine(Path.GetTempPath(), "mrh-markers-" + Guid.NewGuid().ToString("N"));

    public MarkersCommandTests() => Directory.CreateDirectory(_dir);
    public void Dispose() => Directory.Delete(_dir, true);

    string P(string name) => Path.Combine(_dir, name);

    static void AssertOneLineError((int Code, string Out, string Err) r, string expected)
    {
        Assert.Equal(2, r.Code);
        Assert.Equal("", r.Out);
        Assert.Single(r.Err.TrimEnd().Split('\n'));
        Assert.StartsWith("mrh: ", r.Err);
        Assert.Contains(expected, r.Err);
    }

    // ---- usage and input checks that need no image I/O ----

    [Theory]
    [InlineData(new[] { "markers", "--out", "x" }, "give --dataset DIR, or --dwi FILE --grad TABLE")]
    [InlineData(new[] { "markers", "--dataset", "d", "--dwi", "f", "--out", "x" }, "not both")]
    [InlineData(new[] { "markers", "--dwi", "f", "--out", "x" }, "--dwi needs --grad")]
    [InlineData(new[] { "markers", "--dwi", "f", "--grad", "g" }, "missing required option --out")]
    [InlineData(new[] { "markers", "--dwi", "f", "--grad", "g", "--out", "x", "--method", "nlls" }, "--method must be ols or wls")]
    [InlineData(new[] { "markers", "--dwi", "f", "--grad", "g", "--out", "x", "--subject", "s1" }, "--subject goes with --dataset")]
    [InlineData(new[] { "markers", "--mt-off", "a", "--out", "x" }, "needs both --mt-off and --mt-on")]
    [InlineData(new[] { "markers", "--dataset", "d", "--grad", "g", "--out", "x" }, "--grad and --mask go with --dwi")]
    public void BadUsageIsOneLine(string[] args, string expected) => AssertOneLineError(CliHarness.Run(args), expected);

    [Fact]
    public void GradientTableProblemsAreReportedBeforeReadingImages()
    {
        File.WriteAllText(P("bad.txt"), "0, 0, 0, 7.3\n1, 0, oops, 2000\n");
        AssertOneLineError(CliHarness.Run("markers", "--dwi", P("none.nii.gz"), "--grad", P("bad.txt"), "--out", P("o")), "bad.txt line 2: expected four numbers");
        var dirs = GradientDirections.Hemisphere(5);
        File.WriteAllText(P("five.txt"), "0,0,0,5\n" + string.Join("\n", dirs.Select(d => Line(d, 2000))));
        AssertOneLineError(CliHarness.Run("markers", "--dwi", P("none.nii.gz"), "--grad", P("five.txt"), "--out", P("o")), "5 non-collinear gradient directions");
        File.WriteAllText(P("nob0.txt"), string.Join("\n", GradientDirections.Hemisphere(12).Select(d => Line(d, 2000))));
        AssertOneLineError(CliHarness.Run("markers", "--dwi", P("none.nii.gz"), "--grad", P("nob0.txt"), "--out", P("o")), "no b0 image");
        AssertOneLineError(CliHarness.Run("markers", "--dwi", P("none.nii.gz"), "--grad", P("missing.txt"), "--out", P("o")), "gradient table not found");
        Assert.False(Directory.Exists(P("o")));
    }

    [Fact]
    public void MissingDatasetIsOneLine()
    {
        var r = CliHarness.Run("markers", "--dataset", P("no-such-dataset"), "--out", P("o"));
        Assert.Equal(2, r.Code);
        Assert.Single(r.Err.TrimEnd().Split('\n'));
        Assert.Contains("no-such-dataset", r.Err);
    }

    [Fact]
    public void HelpDocumentsTheFileNames()
    {
        var (code, output, _) = CliHarness.Run("markers", "--help");
        Assert.Equal(0, code);
        foreach (var s in new[] { "mtr.nii.gz", "SHELL_fa.nii.gz", "SHELL_rd.nii.gz", "SHELL_v1.nii.gz", "b2000", "--grad", "BVALS,BVECS" })
            Assert.Contains(s, output);
    }

    // ---- end to end through NIfTI files (need VolumeFile) ----

    static string Line(double[] d, double b) =>
        string.Create(CultureInfo.InvariantCulture, $"{d[0]:R}, {d[1]:R}, {d[2]:R}, {b:R}");

    /// <summary>
    /// A 5 x 4 x 3 DWI series, 2 b0 (b 7.3 and 5.0 as in the authors' tables) + 30 directions at 2,000
    /// and at 5,000 s/mm^2; voxel v has eigenvalues 0.8/0.3/0.2 um^2/ms in its own frame.
    /// </summary>
    (Volume Dwi, double[] B, double[][] G, double[][] Frames) WriteSeries()
    {
        var dirs = GradientDirections.Hemisphere(30);
        var b = new List<double> { 7.3, 5.0 };
        var g = new List<double[]> { new double[3], new double[3] };
        foreach (double shell in new[] { 2000.0, 5000 })
            foreach (var d in dirs) { b.Add(shell); g.Add(d); }
        var frames = new double[60][];
        var voxels = new List<double[]>();
        for (int v = 0; v < 60; v++)
        {
            frames[v] = DtiSynth.Rotation(0.1 * v, 0.7 - 0.05 * v, 0.3 * v);
            voxels.Add(DtiSynth.Signals(800, DtiSynth.Tensor(frames[v], 0.8e-3, 0.3e-3, 0.2e-3), b.ToArray(), g.ToArray()));
        }
        var dwi = DtiSynth.VolumeOf(5, 4, 3, voxels);
        VolumeFile.Write(dwi, P("dwi.nii.gz"));
        return (dwi, b.ToArray(), g.ToArray(), frames);
    }

    static Volume MaskLike(Volume v, Func<int, bool> inside)
    {
        var m = new float[v.VoxelCount];
        for (int i = 0; i < m.Length; i++) m[i] = inside(i) ? 1 : 0;
        return Volume.FromArray(v, m, "mask");
    }

    static readonly double ExpectedFA = Math.Sqrt(0.5 * (0.25 + 0.01 + 0.36) / (0.64 + 0.09 + 0.04));

    [Fact]
    public void DwiWithAuthorsTableWritesEveryShellsMaps()
    {
        var (dwi, b, g, frames) = WriteSeries();
        File.WriteAllText(P("grad.txt"), string.Join("\n", b.Select((bi, i) => Line(g[i], bi))) + "\n");
        VolumeFile.Write(MaskLike(dwi, i => i % 4 != 0), P("mask.nii.gz"));
        var r = CliHarness.Run("markers", "--dwi", P("dwi.nii.gz"), "--grad", P("grad.txt"), "--mask", P("mask.nii.gz"), "--out", P("out"), "--json");
        Assert.True(r.Code == 0, r.Err);
        using var json = System.Text.Json.JsonDocument.Parse(r.Out);
        Assert.Equal(10, json.RootElement.GetProperty("maps").GetArrayLength());
        Assert.Equal(2, json.RootElement.GetProperty("shells").GetArrayLength());
        foreach (var shell in new[] { "b2000", "b5000" })
        {
            var fa = VolumeFile.Read(P($"out/{shell}_fa.nii.gz"));
            var rd = VolumeFile.Read(P($"out/{shell}_rd.nii.gz"));
            var md = VolumeFile.Read(P($"out/{shell}_md.nii.gz"));
            var ad = VolumeFile.Read(P($"out/{shell}_ad.nii.gz"));
            var v1 = VolumeFile.Read(P($"out/{shell}_v1.nii.gz"));
            Assert.Equal(3, v1.ChannelCount);
            Assert.Equal([5, 4, 3], fa.Dims);
            for (int v = 0; v < 60; v++)
            {
                bool inside = v % 4 != 0;
                Assert.Equal(inside ? ExpectedFA : 0, fa.Channels[0][v], 1e-5);
                Assert.Equal(inside ? 0.25e-3 : 0, rd.Channels[0][v], 1e-8);
                Assert.Equal(inside ? 0.8e-3 : 0, ad.Channels[0][v], 1e-8);
                Assert.Equal(inside ? 0.4333333e-3 : 0, md.Channels[0][v], 1e-8);
                if (!inside) continue;
                var e = DtiSynth.Column(frames[v], 0);
                Assert.Equal(1, Math.Abs(e[0] * v1.Channels[0][v] + e[1] * v1.Channels[1][v] + e[2] * v1.Channels[2][v]), 1e-5);
            }
        }
        Assert.False(File.Exists(P("out/mtr.nii.gz")));
    }

    [Fact]
    public void FslPairAndMtImagesWithoutMask()
    {
        var (dwi, b, g, _) = WriteSeries();
        File.WriteAllText(P("dwi.bval"), string.Join(" ", b.Select(x => x.ToString("R", CultureInfo.InvariantCulture))) + "\n");
        File.WriteAllText(P("dwi.bvec"), string.Join("\n", Enumerable.Range(0, 3).Select(k => string.Join(" ", g.Select(d => d[k].ToString("R", CultureInfo.InvariantCulture))))) + "\n");
        var m0 = Volume.FromArray(dwi, Enumerable.Range(0, 60).Select(i => 100f + i).ToArray(), "M0");
        var mt = Volume.FromArray(dwi, Enumerable.Range(0, 60).Select(i => 60f).ToArray(), "Mt");
        VolumeFile.Write(m0, P("m0.nii.gz"));
        VolumeFile.Write(mt, P("mt.nii.gz"));
        var r = CliHarness.Run("markers", "--dwi", P("dwi.nii.gz"), "--grad", P("dwi.bval") + "," + P("dwi.bvec"),
            "--mt-off", P("m0.nii.gz"), "--mt-on", P("mt.nii.gz"), "--out", P("out"), "--method", "wls");
        Assert.True(r.Code == 0, r.Err);
        Assert.Contains("b5000_v1.nii.gz", r.Out);
        var mtr = VolumeFile.Read(P("out/mtr.nii.gz"));
        for (int v = 0; v < 60; v++) Assert.Equal((40.0 + v) / (100 + v), mtr.Channels[0][v], 1e-6);
        var fa = VolumeFile.Read(P("out/b2000_fa.nii.gz"));
        Assert.All(fa.Channels[0], f => Assert.Equal(ExpectedFA, f, 1e-5));
    }

    [Fact]
    public void MismatchedFilesAreOneLineErrorsNamingThem()
    {
        var (dwi, b, g, _) = WriteSeries();
        File.WriteAllText(P("short.txt"), string.Join("\n", b.Take(40).Select((bi, i) => Line(g[i], bi))));
        AssertOneLineError(CliHarness.Run("markers", "--dwi", P("dwi.nii.gz"), "--grad", P("short.txt"), "--out", P("o")),
            "dwi.nii.gz has 62 volumes but the gradient table");
        File.WriteAllText(P("grad.txt"), string.Join("\n", b.Select((bi, i) => Line(g[i], bi))));
        VolumeFile.Write(Volume.Zeros(5, 4, 2), P("small-mask.nii.gz"));
        AssertOneLineError(CliHarness.Run("markers", "--dwi", P("dwi.nii.gz"), "--grad", P("grad.txt"), "--mask", P("small-mask.nii.gz"), "--out", P("o")),
            "small-mask.nii.gz is 5x4x2 voxels but");
    }
}
