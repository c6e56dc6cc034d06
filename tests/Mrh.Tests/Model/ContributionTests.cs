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
        Assert.Equal(3, result.All.Ranking()[^1]);
        Assert.True(c[3] < 0.8 * c.Take(3).Min(), string.Join(", ", c.Select(v => v.ToString("0.000"))));
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
