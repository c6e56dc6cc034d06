using Mrh.Imaging;
using Mrh.Model;
using Mrh.Patches;
using Xunit.Abstractions;
using static Mrh.Tests.Model.NetworkTestKit;

namespace Mrh.Tests.Model;

[Collection(TorchCollection.Name)]
public class InferenceTests(TrainedFixture fx, ITestOutputHelper output)
{
    static double RSquared(float[] truth, float[] pred, bool[] mask)
    {
        var idx = Enumerable.Range(0, truth.Length).Where(i => mask[i]).ToArray();
        double mean = idx.Average(i => truth[i]);
        double ssRes = idx.Sum(i => Math.Pow(truth[i] - pred[i], 2)), ssTot = idx.Sum(i => Math.Pow(truth[i] - mean, 2));
        return 1 - ssRes / ssTot;
    }

    /// <summary>
    /// The target is a per-voxel function of the channels, so a network trained on coronal patches
    /// recovers it on a held-out subject in every plane.
    /// </summary>
    [Theory]
    [InlineData(AnatomicalPlane.Coronal)]
    [InlineData(AnatomicalPlane.Horizontal)]
    [InlineData(AnatomicalPlane.Sagittal)]
    public void TrainedModelRecoversTheTargetInEveryPlane(AnatomicalPlane plane)
    {
        var s = fx.HeldOut;
        var r = VolumePredictor.Predict(fx.Trained.Model, s.Inputs, s.Mask, new InferenceOptions { Plane = plane, BatchSize = 1000 });
        double r2 = RSquared(s.Target.Channels[0], r.Prediction.Channels[0], s.Mask!);
        output.WriteLine($"{plane}: R^2 = {r2:0.000} on held-out subject c");
        Assert.True(r2 > 0.7, $"R^2 {r2}"); // predicting the mean gives 0; measured 0.80-0.88
        Assert.Equal(MaskFlags.Count(s.Mask!), r.PredictedVoxels);
        Assert.All(Enumerable.Range(0, s.Mask!.Length).Where(i => !s.Mask[i]), i => Assert.Equal(0f, r.Prediction.Channels[0][i]));
        Assert.Equal("AF", r.Prediction.ChannelNames[0]);
    }

    /// <summary>
    /// A hand-set network whose output is the input one row up and one column left (conv1 corner tap,
    /// then identities): in each plane the prediction at a voxel is the value of the in-plane neighbour,
    /// and 0 where that neighbour lies outside the volume.
    /// </summary>
    [Theory]
    [InlineData(AnatomicalPlane.Coronal, -1, -1, 0)]   // columns x, rows y
    [InlineData(AnatomicalPlane.Horizontal, -1, 0, -1)] // columns x, rows z
    [InlineData(AnatomicalPlane.Sagittal, 0, -1, -1)]   // columns z, rows y
    public void EachPlaneReadsItsOwnNeighbours(AnatomicalPlane plane, int dx, int dy, int dz)
    {
        using var net = new MrhNetwork(new NetworkConfig(1, 1, 1));
        Zero(net);
        var corner = new float[9];
        corner[0] = 1; // row -1, column -1
        Set(net, "conv1", corner, [0]);
        Set(net, "conv2", Centre(Identity(1)), [0]);
        Set(net, "conv4", Centre(Identity(1)), [0]);
        Set(net, "conv5", Centre(Identity(1)), [0]);
        var meta = new ModelMetadata { Network = net.Config, ChannelNames = ["v"], Normalization = Normalization.Identity(1), TargetName = "shift" };
        using var model = new MrhModel(net, meta);
        int nx = 5, ny = 6, nz = 7;
        var data = new float[nx * ny * nz];
        for (int i = 0; i < data.Length; i++) data[i] = 1 + i;
        var v = new Volume(nx, ny, nz, [data], channelNames: ["v"]);
        // the reference path is exact here; the Winograd engine rounds (values up to 210, neighbours differ by >= 1)
        foreach (var compute in new[] { ComputePath.Reference, ComputePath.Fast })
        {
            var r = VolumePredictor.Predict(model, v, null, new InferenceOptions { Plane = plane, BatchSize = 17, Compute = compute });
            for (int z = 0; z < nz; z++)
                for (int y = 0; y < ny; y++)
                    for (int x = 0; x < nx; x++)
                    {
                        int sx = x + dx, sy = y + dy, sz = z + dz;
                        float want = sx >= 0 && sy >= 0 && sz >= 0 ? data[v.Index(sx, sy, sz)] : 0;
                        if (compute == ComputePath.Reference) Assert.Equal(want, r.Prediction[x, y, z]);
                        else Assert.Equal(want, r.Prediction[x, y, z], 1e-3);
                    }
        }
    }

    [Fact]
    public void ConstantInputGivesAConstantPredictionInsideTheMask()
    {
        var s = fx.HeldOut;
        var model = fx.Trained.Model;
        float[] level = [0.4f, 6f, 0.03f, 150f];
        var constant = s.Inputs.WithChannels(level.Select(c => Enumerable.Repeat(c, s.Inputs.VoxelCount).ToArray()).ToArray(), s.Inputs.ChannelNames);
        // the mask stays one voxel away from the array's faces, so every patch sees only the constant
        var r = VolumePredictor.Predict(model, constant, s.Mask, new InferenceOptions { Features = true, BatchSize = 333 });
        var inside = Enumerable.Range(0, s.Mask!.Length).Where(i => s.Mask[i]).Select(i => r.Prediction.Channels[0][i]).ToArray();
        Assert.True(inside.Max() - inside.Min() <= 1e-5f * Math.Max(1, Math.Abs(inside[0])), $"{inside.Min()}..{inside.Max()}");
        Assert.NotEqual(0f, inside[0]);
        Assert.Equal(model.Config.Width, r.Features!.ChannelCount);
        // the features are those of the patch API (penultimate layer, centre pixel)
        var one = PatchSampler.RandomInMask(new PatchSource("k", constant, s.Target, s.Mask), new RandomSamplerOptions { Count = 1 });
        var (p, f) = VolumePredictor.PredictPatches(model, one, features: true);
        Assert.Equal(inside[0], p[0], 4);
        var (x, y, z) = one.Center(0);
        for (int c = 0; c < model.Config.Width; c++) Assert.Equal(f![c], r.Features[x, y, z, c], 4);
    }

    [Fact]
    public void InferenceIsDeterministicAndIndependentOfBatchSize()
    {
        var s = fx.HeldOut;
        var a = VolumePredictor.Predict(fx.Trained.Model, s.Inputs, s.Mask, new InferenceOptions { BatchSize = 4096 });
        var b = VolumePredictor.Predict(fx.Trained.Model, s.Inputs, s.Mask, new InferenceOptions { BatchSize = 4096 });
        var c = VolumePredictor.Predict(fx.Trained.Model, s.Inputs, s.Mask, new InferenceOptions { BatchSize = 7 });
        Assert.Equal(a.Prediction.Channels[0], b.Prediction.Channels[0]);
        for (int i = 0; i < s.Mask!.Length; i++) Assert.Equal(a.Prediction.Channels[0][i], c.Prediction.Channels[0][i], 4);
    }

    [Fact]
    public void OtherChannelsAreAClearError()
    {
        var s = fx.HeldOut;
        var model = fx.Trained.Model;
        var renamed = s.Inputs.WithChannelNames(["img0", "img1", "T2W", "img3"]);
        var e = Assert.Throws<MrhException>(() => VolumePredictor.Predict(model, renamed, s.Mask));
        Assert.Contains("channel 3 is 'T2W'", e.Message);
        var three = s.Inputs.SelectChannels(0, 1, 2);
        e = Assert.Throws<MrhException>(() => VolumePredictor.Predict(model, three, s.Mask));
        Assert.Contains("3 channels", e.Message);
        // generic names (a plain 4D file) are accepted by count
        var generic = s.Inputs.WithChannelNames(["ch0", "ch1", "ch2", "ch3"]);
        Assert.Equal(MaskFlags.Count(s.Mask!), VolumePredictor.Predict(model, generic, s.Mask).PredictedVoxels);
        Assert.Throws<MrhException>(() => VolumePredictor.Predict(model, s.Inputs, new bool[5]));
    }
}
