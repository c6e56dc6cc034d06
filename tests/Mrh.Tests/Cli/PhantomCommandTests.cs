using System.Text.Json;
using Mrh.Phantom;

namespace Mrh.Tests.Cli;

public class PhantomCommandTests
{
    [Fact]
    public void WritesTheSelectedCohortsWithManifestAndPreview()
    {
        var dir = Path.Combine(Path.GetTempPath(), "mrh-phantom-cli-" + Guid.NewGuid().ToString("N"));
        try
        {
            var (code, output, error) = CliHarness.Run("phantom", "--preset", "smoke", "--out", dir, "--cohorts", "mri-test,nissl", "--seed", "3", "--no-cache");
            Assert.True(code == 0, error);
            Assert.Contains("mri-test", output);
            Assert.Contains("phantom (smoke)", error); // progress goes to standard error
            var mri = RawVolumeFile.Read(Path.Combine(dir, "mri-test", "mri-test-01", "mri" + RawVolumeFile.Extension));
            Assert.Equal(67, mri.ChannelCount);
            Assert.True(File.Exists(Path.Combine(dir, "mri-test", "mri-test-04", "labels" + RawVolumeFile.Extension)));
            Assert.True(File.Exists(Path.Combine(dir, "nissl", "nissl-01", "Nissl" + RawVolumeFile.Extension)));
            Assert.True(File.Exists(Path.Combine(dir, "atlas", "mask" + RawVolumeFile.Extension)));
            // the default format is readable by the volume commands
            string mriFile = Path.Combine(dir, "mri-test", "mri-test-01", "mri" + RawVolumeFile.Extension);
            var (infoCode, info, infoErr) = CliHarness.Run("volume", "info", mriFile);
            Assert.True(infoCode == 0, infoErr);
            Assert.Contains($"{mri.NX} x {mri.NY} x {mri.NZ} x 67", info);
            string nifti = Path.Combine(dir, "mri.nii.gz");
            Assert.Equal(0, CliHarness.Run("volume", "convert", mriFile, nifti).Code);
            Assert.Equal(mri.Channels[66], Mrh.Imaging.VolumeFile.Read(nifti).Channels[66]);
            Assert.True(new FileInfo(Path.Combine(dir, "preview.png")).Length > 1000);
            using var manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "phantom.json")));
            var root = manifest.RootElement;
            Assert.Equal("smoke", root.GetProperty("preset").GetString());
            Assert.Equal(3, root.GetProperty("seed").GetInt32());
            Assert.Equal(2, root.GetProperty("cohorts").GetArrayLength());
            Assert.Equal(4 * 3 + 1 + 2 + 1, root.GetProperty("files").GetArrayLength());
        }
        finally { if (Directory.Exists(dir)) Directory.Delete(dir, true); }
    }

    [Theory]
    [InlineData("--format", "tiff")]
    [InlineData("--cohorts", "mri-train,unicorns")]
    [InlineData("--preset", "huge")]
    public void BadOptionsGiveOneLineErrors(string option, string value)
    {
        var dir = Path.Combine(Path.GetTempPath(), "mrh-phantom-cli-" + Guid.NewGuid().ToString("N"));
        var (code, _, error) = CliHarness.Run("phantom", "--out", dir, option, value, "--no-cache");
        Assert.Equal(2, code);
        Assert.Single(error.Trim().Split('\n'));
        Assert.False(Directory.Exists(dir));
    }

    [Fact]
    public void MissingOutputFolderIsAUsageError()
    {
        var (code, _, error) = CliHarness.Run("phantom", "--preset", "smoke");
        Assert.Equal(2, code);
        Assert.Contains("--out", error);
    }
}
