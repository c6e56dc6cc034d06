using System.Text.Json.Nodes;
using Mrh.Model;

namespace Mrh.Tests.Model;

[Collection(TorchCollection.Name)]
public sealed class CheckpointTests(TrainedFixture fx) : IDisposable
{
    readonly string _dir = Path.Combine(Path.GetTempPath(), "mrh-ckpt-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_dir)) Directory.Delete(_dir, true);
    }

    [Fact]
    public void SaveThenLoadGivesTheSameModel()
    {
        var model = fx.Trained.Model;
        ModelCheckpoint.Save(model, _dir);
        Assert.Equal(["model.json", "training-curve.csv", "weights.bin"], Directory.GetFiles(_dir).Select(Path.GetFileName).Order());
        using var loaded = ModelCheckpoint.Load(_dir);
        Assert.Equal(model.Network.WeightBytes(), loaded.Network.WeightBytes());
        Assert.Equal(model.ChannelNames, loaded.ChannelNames);
        Assert.Equal(model.Config, loaded.Config);
        Assert.Equal(model.Normalization.InputScale, loaded.Normalization.InputScale);
        Assert.Equal(model.Normalization.TargetOffset, loaded.Normalization.TargetOffset);
        Assert.Equal(model.Metadata.Result!.History, loaded.Metadata.Result!.History);
        Assert.Equal(model.Metadata.Training, loaded.Metadata.Training);
        Assert.Equal(fx.Setup.Seed, loaded.Metadata.Seed);
        Assert.Equal("2.10", loaded.Metadata.Versions!.LibTorch[..4]);
        var s = fx.HeldOut;
        Assert.Equal(VolumePredictor.Predict(model, s.Inputs, s.Mask).Prediction.Channels[0],
            VolumePredictor.Predict(loaded, s.Inputs, s.Mask).Prediction.Channels[0]);
        var csv = File.ReadAllLines(Path.Combine(_dir, "training-curve.csv"));
        Assert.Equal("epoch,train_loss,validation_loss,learning_rate,seconds,best", csv[0]);
        Assert.Equal(model.Metadata.Result.History.Count + 2, csv.Length);
        var json = JsonNode.Parse(File.ReadAllText(Path.Combine(_dir, "model.json")))!;
        Assert.Equal("coronal", (string?)json["plane"]);
        Assert.Equal("img0", (string?)json["channelNames"]![0]);
        Assert.Equal("robustPerChannel", (string?)json["normalization"]!["kind"]);
        Assert.Empty(Directory.GetFiles(_dir, "*.tmp-*"));
    }

    [Fact]
    public void CorruptOrMismatchedFilesAreClearErrors()
    {
        ModelCheckpoint.Save(fx.Trained.Model, _dir);
        string weights = Path.Combine(_dir, "weights.bin"), meta = Path.Combine(_dir, "model.json");
        var good = File.ReadAllBytes(weights);
        var bad = (byte[])good.Clone();
        bad[^5] ^= 0x55;
        File.WriteAllBytes(weights, bad);
        Assert.Contains("checksum", Assert.Throws<MrhException>(() => ModelCheckpoint.Load(_dir)).Message);
        File.WriteAllBytes(weights, good[..100]);
        Assert.Contains("weights.bin", Assert.Throws<MrhException>(() => ModelCheckpoint.Load(_dir)).Message);
        File.WriteAllBytes(weights, good);

        // a description of another architecture, with a checksum that fits the file: the shapes disagree
        var json = JsonNode.Parse(File.ReadAllText(meta))!;
        json["network"]!["width"] = 10;
        File.WriteAllText(meta, json.ToJsonString());
        var e = Assert.Throws<MrhException>(() => ModelCheckpoint.Load(_dir));
        Assert.Contains("cannot load the weights", e.Message);

        json["network"]!["width"] = 12;
        json["channelNames"] = new JsonArray("a", "b");
        File.WriteAllText(meta, json.ToJsonString());
        Assert.Contains("2 channel names", Assert.Throws<MrhException>(() => ModelCheckpoint.Load(_dir)).Message);

        File.WriteAllText(meta, "{ not json");
        Assert.Contains("model.json: not a valid model description", Assert.Throws<MrhException>(() => ModelCheckpoint.Load(_dir)).Message);
        File.Delete(meta);
        Assert.Contains("not a model folder", Assert.Throws<MrhException>(() => ModelCheckpoint.Load(_dir)).Message);
        Assert.Contains("no such model folder", Assert.Throws<MrhException>(() => ModelCheckpoint.Load(Path.Combine(_dir, "nope"))).Message);
    }

    [Fact]
    public void FileTooLargeForItsShapesIsRejected()
    {
        ModelCheckpoint.Save(fx.Trained.Model, _dir);
        string meta = Path.Combine(_dir, "model.json");
        var json = JsonNode.Parse(File.ReadAllText(meta))!;
        json["network"]!["blocks"] = 0; // fewer layers than the file holds
        File.WriteAllText(meta, json.ToJsonString());
        Assert.Throws<MrhException>(() => ModelCheckpoint.Load(_dir));
    }
}
