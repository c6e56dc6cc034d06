using Mrh.Analysis;
using Mrh.Model;

namespace Mrh.Tests.Model;

/// <summary>
/// Contributions of a trained network: the synthetic target is a function of channels 0-2 only, so the
/// network's output must depend least on channel 3 (a small, imperfect network still leans on it a little).
/// </summary>
[Collection(TorchCollection.Name)]
public sealed class ContributionTests(TrainedFixture fx)
{
    [Fact]
    public void TheIgnoredChannelContributesLeast()
    {
        var s = fx.HeldOut;
        var result = ChannelContributions.Compute(fx.Trained.Model, s.Inputs, s.Mask, 600, new ContributionOptions(Repeats: 2, Seed: 3));
        var c = result.All.Contributions;
        Assert.Equal(1.0, c.Sum(), 9);
        // The target is 1 + tanh(4(u0 - 0.5)) u1 + 0.8 u2² (channel 3 unused). Channel 1 acts only through a factor that
        // averages zero over the volume, so noise on it moves the output little, and a 14-epoch network keeps some
        // sensitivity to the unused channel: with one seed the two came out equal (0.204 and 0.208, channels 0 and 2
        // 0.343 and 0.245), so the ranking of the last two is not a property of the analysis. What is: the unused channel
        // contributes clearly less than each channel acting directly on the target (u0 through tanh, u2 squared).
        string all = string.Join(", ", c.Select(v => v.ToString("0.000")));
        Assert.True(c[3] < 0.9 * Math.Min(c[0], c[2]), all);
        Assert.NotEqual(3, result.All.Ranking()[0]);
    }

    [Fact]
    public void ContribCommandRanksTheImagesOfAModel()
    {
        string dir = Path.Combine(Path.GetTempPath(), "mrh-contrib-" + Guid.NewGuid().ToString("N"));
        try
        {
            ModelCheckpoint.Save(fx.Trained.Model, dir);
            string mri = Path.Combine(dir, "mri.nii");
            Mrh.Imaging.VolumeFile.Write(fx.HeldOut.Inputs, mri);
            var (code, output, err) = Cli.CliHarness.Run("contrib", "--model", dir, "--mri", mri, "--patches", "300", "--repeats", "1", "--json");
            Assert.True(code == 0, err);
            using var json = System.Text.Json.JsonDocument.Parse(output);
            var images = json.RootElement.GetProperty("images");
            Assert.Equal(4, images.GetArrayLength());
            Assert.Equal(1.0, images[3].GetProperty("cumulative").GetDouble(), 6);
            var (bad, _, badErr) = Cli.CliHarness.Run("contrib", "--model", dir);
            Assert.Equal(2, bad);
            Assert.Contains("--dataset", badErr);
        }
        finally { if (Directory.Exists(dir)) Directory.Delete(dir, true); }
    }
}
