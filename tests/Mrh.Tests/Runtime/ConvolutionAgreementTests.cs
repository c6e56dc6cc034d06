using Mrh.Runtime;
using static TorchSharp.torch;

namespace Mrh.Tests.Runtime;

/// <summary>
/// libtorch's CPU convolution must equal the same product written out as a matrix (unfold, then one matmul), for the
/// channel counts of the MRH networks. On some AVX-512 CPUs oneDNN's direct convolution is wrong for input channel
/// counts that are not multiples of 16; <see cref="TorchRuntime.EnsureInitialized"/> detects that and switches oneDNN off.
/// </summary>
public class ConvolutionAgreementTests
{
    [Theory]
    [InlineData(67, 64)]   // the first layer of the paper and quick networks
    [InlineData(17, 16)]
    [InlineData(64, 64)]
    [InlineData(42, 48)]   // the PGSE + OGSE network's first layer
    public void Conv2dEqualsItsMatrixForm(int inputs, int outputs)
    {
        TorchRuntime.EnsureInitialized();
        using var scope = NewDisposeScope();
        var gen = new Generator((ulong)(inputs * 100 + outputs));
        var x = randn([256, inputs, 3, 3], generator: gen);
        var w = randn([outputs, inputs, 3, 3], generator: gen, requires_grad: true);
        var conv = nn.functional.conv2d(x, w, padding: [1, 1]);
        var dense = w.reshape(outputs, -1).matmul(nn.functional.unfold(x, 3, padding: 1)).reshape(256, outputs, 3, 3);
        double scale = conv.abs().max().item<float>();
        Assert.True((conv - dense).abs().max().item<float>() < 1e-5 * scale,
            $"conv2d differs from unfold·matmul by {(conv - dense).abs().max().item<float>()} (scale {scale}); {TorchRuntime.ConvolutionNote}");

        // and the gradients of a loss through either form agree
        var gConv = autograd.grad([conv.square().sum()], [w])[0];
        var gDense = autograd.grad([dense.square().sum()], [w])[0];
        double gScale = gDense.abs().max().item<float>();
        Assert.True((gConv - gDense).abs().max().item<float>() < 1e-4 * gScale);
    }
}
