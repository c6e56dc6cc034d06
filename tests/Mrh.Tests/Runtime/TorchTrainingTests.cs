using Mrh.Runtime;
using TorchSharp;
using static TorchSharp.torch;

namespace Mrh.Tests.Runtime;

public class TorchTrainingTests
{
    [Fact]
    public void DoctorFactsShowAWorkingConvolution()
    {
        var info = TorchRuntime.Describe();
        Assert.Null(info.Error);
        Assert.True(info.ConvolutionRan);
        Assert.StartsWith("2.10", info.LibTorchVersion);
        Assert.True(info.Threads >= 1);
    }

    /// <summary>
    /// A tiny conv net learns a fixed 3x3 filter (a known target function) with SGD: the loss after
    /// 60 steps must be below a tenth of the initial loss. Real tensor work, forward and backward.
    /// </summary>
    [Fact]
    public void TinyConvNetLearnsAKnownFilter()
    {
        TorchRuntime.EnsureInitialized();
        using var scope = NewDisposeScope();
        var gen = new Generator(7);
        manual_seed(7);
        var target = tensor(new float[] { 0, 1, 0, 1, -4, 1, 0, 1, 0 }).reshape(1, 1, 3, 3); // Laplacian
        var net = nn.Sequential(
            ("c1", nn.Conv2d(1, 8, 3, padding: 1)),
            ("r1", nn.ReLU()),
            ("c2", nn.Conv2d(8, 1, 3, padding: 1)));
        var opt = optim.Adam(net.parameters(), lr: 0.01);
        float first = 0, last = 0;
        for (int step = 0; step < 60; step++)
        {
            using var inner = NewDisposeScope();
            var x = randn([32, 1, 9, 9], generator: gen);
            var y = nn.functional.conv2d(x, target, padding: [1, 1]);
            opt.zero_grad();
            var loss = nn.functional.mse_loss(net.call(x), y);
            loss.backward();
            opt.step();
            float v = loss.item<float>();
            if (step == 0) first = v;
            last = v;
        }
        Assert.True(float.IsFinite(last));
        Assert.True(last < first / 10, $"loss went from {first} to {last}");
    }
}
