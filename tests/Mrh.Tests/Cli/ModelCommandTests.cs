using System.Text.Json.Nodes;
using Mrh.Imaging;
using Mrh.Model;
using Mrh.Tests.Model;

namespace Mrh.Tests.Cli;

[Collection(TorchCollection.Name)]
public sealed class ModelCommandTests(TrainedFixture fx) : IDisposable
{
    readonly string _dir = Path.Combine(Path.GetTempPath(), "mrh-cli-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_dir)) Directory.Delete(_dir, true);
    }

    [Fact]
    public void ModelInfoShowsThePaperNetworksParameterCount()
    {
        var (code, output, _) = CliHarness.Run("model", "info", "--channels", "67", "--blocks", "30", "--width", "64");
        Assert.Equal(0, code);
        Assert.Contains("66 convolutions, 2,402,625 parameters", output);
        Assert.Contains("res30b", output);
        var (jcode, json, _) = CliHarness.Run("model", "info", "--json");
        Assert.Equal(0, jcode);
        var node = JsonNode.Parse(json)!;
        Assert.Equal(2402625, (long)node["parameterCount"]!);
        Assert.Equal(66, (int)node["convolutions"]!);
    }

    [Fact]
    public void ModelInfoReadsAModelFolder()
    {
        ModelCheckpoint.Save(fx.Trained.Model, _dir);
        var (code, output, err) = CliHarness.Run("model", "info", _dir);
        Assert.True(code == 0, err);
        Assert.Contains($"{fx.Trained.Model.Config.ParameterCount:N0} parameters", output);
        Assert.Contains("target     AF", output);
        Assert.Contains("img0, img1, img2, img3", output);
        var (bad, _, berr) = CliHarness.Run("model", "info", Path.Combine(_dir, "missing"));
        Assert.Equal(2, bad);
        Assert.Contains("no such model folder", berr);
    }

    [Fact]
    public void TrainAndPredictReportBadUsageClearly()
    {
        var (code, _, err) = CliHarness.Run("train", "--target", "af", "--out", _dir);
        Assert.Equal(2, code);
        Assert.Contains("missing required option --dataset", err);
        (code, _, err) = CliHarness.Run("train", "--dataset", Path.Combine(_dir, "nowhere"), "--target", "af", "--out", _dir, "--preset", "huge");
        Assert.Equal(2, code);
        Assert.Contains("unknown preset 'huge'", err);
        (code, _, err) = CliHarness.Run("train", "--dataset", Path.Combine(_dir, "nowhere"), "--target", "af", "--out", _dir, "--retrain-last", "3");
        Assert.Equal(2, code);
        Assert.Contains("need --from", err);
        (code, _, err) = CliHarness.Run("predict", "--model", Path.Combine(_dir, "nope"), "--mri", "x.nii", "--out", "y.nii");
        Assert.Equal(2, code);
        Assert.Contains("no such model folder", err);
        (code, _, err) = CliHarness.Run("predict", "--model", _dir, "--out", "y.nii");
        Assert.Equal(2, code);
        Assert.Contains("either --dataset DIR --subject ID or --mri FILE", err);
        (code, _, err) = CliHarness.Run("predict", "--model", _dir, "--mri", "a.nii", "--out", "y.nii", "--plane", "oblique");
        Assert.Equal(2, code);
        Assert.Contains("unknown plane 'oblique'", err);
        Assert.False(Directory.Exists(_dir));
    }

    /// <summary>`mrh predict --mri` writes what the library predicts, in every plane.</summary>
    [Fact]
    public void PredictFromAFileEqualsTheLibrary()
    {
        Directory.CreateDirectory(_dir);
        string model = Path.Combine(_dir, "model"), mri = Path.Combine(_dir, "mri.nii.gz"), mask = Path.Combine(_dir, "mask.nii.gz");
        ModelCheckpoint.Save(fx.Trained.Model, model);
        var s = fx.HeldOut;
        VolumeFile.Write(s.Inputs, mri);
        VolumeFile.Write(Volume.FromArray(s.Inputs, s.Mask!.Select(b => b ? 1f : 0f).ToArray(), "mask"), mask, VolumeDataType.UInt8);
        foreach (var plane in new[] { "coronal", "horizontal", "sagittal" })
        {
            string outFile = Path.Combine(_dir, $"af-{plane}.nii.gz");
            var (code, _, err) = CliHarness.Run("predict", "--model", model, "--mri", mri, "--mask", mask, "--out", outFile, "--plane", plane);
            Assert.True(code == 0, err);
            var want = VolumePredictor.Predict(fx.Trained.Model, s.Inputs, s.Mask,
                new InferenceOptions { Plane = plane == "coronal" ? AnatomicalPlane.Coronal : plane == "horizontal" ? AnatomicalPlane.Horizontal : AnatomicalPlane.Sagittal });
            var got = VolumeFile.Read(outFile);
            Assert.Equal(want.Prediction.Channels[0], got.Channels[0]);
        }
        var three = Path.Combine(_dir, "three.nii.gz");
        VolumeFile.Write(s.Inputs.SelectChannels(0, 1, 2), three);
        var (bad, _, berr) = CliHarness.Run("predict", "--model", model, "--mri", three, "--out", Path.Combine(_dir, "x.nii.gz"));
        Assert.Equal(2, bad);
        Assert.Contains("3 channels", berr);
    }
}
