using System.Text;
using System.Text.Json;
using Mrh.Analysis;
using Mrh.Imaging;
using Mrh.Tests.Cli;

namespace Mrh.Tests.Analysis;

/// <summary>A minimal NIfTI-1 (.nii, float32, sform = voxel spacing) writer for test inputs, independent of Mrh.Imaging.</summary>
static class MiniNifti
{
    public static void Write(string path, Volume v)
    {
        using var w = new BinaryWriter(File.Create(path));
        var h = new byte[352];
        void I32(int o, int x) => BitConverter.GetBytes(x).CopyTo(h, o);
        void I16(int o, short x) => BitConverter.GetBytes(x).CopyTo(h, o);
        void F32(int o, float x) => BitConverter.GetBytes(x).CopyTo(h, o);
        I32(0, 348);
        I16(40, 3); I16(42, (short)v.NX); I16(44, (short)v.NY); I16(46, (short)v.NZ); I16(48, 1); I16(50, 1); I16(52, 1); I16(54, 1);
        I16(70, 16); I16(72, 32); // float32
        F32(76, 1); F32(80, (float)v.Spacing[0]); F32(84, (float)v.Spacing[1]); F32(88, (float)v.Spacing[2]);
        F32(108, 352); F32(112, 1); F32(116, 0);
        h[123] = 2; // xyzt units: mm
        I16(254, 1); // sform code
        F32(280, (float)v.Spacing[0]); F32(300, (float)v.Spacing[1]); F32(320, (float)v.Spacing[2]);
        Encoding.ASCII.GetBytes("n+1\0").CopyTo(h, 344);
        w.Write(h);
        foreach (float f in v.Channels[0]) w.Write(f);
    }
}

public class EvaluateCommandTests
{
    [Fact]
    public void HelpAndUsageErrors()
    {
        var help = CliHarness.Run("evaluate", "--help");
        Assert.Equal(0, help.Code);
        Assert.Contains("--positive", help.Out);
        Assert.Contains("evaluate", CliHarness.Run("--help").Out);

        var missing = CliHarness.Run("evaluate", "--ref", "r.nii");
        Assert.Equal(2, missing.Code);
        Assert.Contains("--pred", missing.Err);

        var badPolarity = CliHarness.Run("evaluate", "--pred", "p.nii", "--ref", "r.nii", "--positive", "dark");
        Assert.Equal(2, badPolarity.Code);
        Assert.Contains("low or high", badPolarity.Err);

        var badPlane = CliHarness.Run("evaluate", "--pred", "p.nii", "--ref", "r.nii", "--plane", "oblique");
        Assert.Equal(2, badPlane.Code);
    }

    [Fact]
    public void MissingFileIsOneLineError()
    {
        var r = CliHarness.Run("evaluate", "--pred", "/nonexistent/p.nii", "--ref", "/nonexistent/r.nii");
        Assert.Equal(2, r.Code);
        Assert.Single(r.Err.Trim().Split('\n'));
        Assert.Contains("p.nii", r.Err);
    }

    [Fact]
    public void EvaluatesFilesAndPrintsJson()
    {
        string dir = Directory.CreateTempSubdirectory("mrh-evaluate-").FullName;
        try
        {
            var reference = EvaluationTests.Reference();
            var prediction = Volume.FromArray(reference, reference.Channels[0].Select((v, i) => v + (i % 5) - 2f).ToArray());
            MiniNifti.Write(Path.Combine(dir, "ref.nii"), reference);
            MiniNifti.Write(Path.Combine(dir, "pred.nii"), prediction);
            var r = CliHarness.Run("evaluate", "--pred", Path.Combine(dir, "pred.nii"), "--ref", Path.Combine(dir, "ref.nii"), "--json");
            Assert.True(r.Code == 0, r.Err);
            var json = JsonDocument.Parse(r.Out).RootElement;
            var expected = Evaluation.Run(prediction, reference);
            Assert.Equal(expected.Rmse, json.GetProperty("rmse").GetDouble(), 9);
            Assert.Equal(expected.Ssim.Mean, json.GetProperty("ssim").GetDouble(), 9);
            Assert.Equal(expected.Auc, json.GetProperty("auc").GetDouble(), 9);
            Assert.Equal("low", json.GetProperty("positive").GetString());

            var text = CliHarness.Run("evaluate", "--pred", Path.Combine(dir, "pred.nii"), "--ref", Path.Combine(dir, "ref.nii"), "--positive", "high");
            Assert.Equal(0, text.Code);
            Assert.Contains("AUC", text.Out);
            Assert.Contains("threshold", text.Out);

            var small = Path.Combine(dir, "small.nii");
            MiniNifti.Write(small, Volume.Zeros(3, 3, 3));
            var mismatch = CliHarness.Run("evaluate", "--pred", small, "--ref", Path.Combine(dir, "ref.nii"));
            Assert.Equal(2, mismatch.Code);
            Assert.Contains("same grid", mismatch.Err);
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }
}
