using Mrh.Runtime;
using TorchSharp;
using static TorchSharp.torch;

namespace Mrh.Model;

/// <summary>
/// The network in its dense-matrix form, on any torch device (the GPU path). A 3 x 3 convolution with 'same'
/// zero padding on a k x k patch is a linear map from the patch's k²·Cin values to its k²·Cout values: one
/// [k²·Cin x k²·Cout] matrix whose entries are the kernel's weights (or zero where the kernel would reach
/// past the patch's edge). All parameters live in one flat vector (the convolutions' weights and biases in
/// network order, then one zero); every layer's matrix is gathered from it through a fixed index map, so
/// autograd carries the gradients back to the convolution-shaped parameters, a whole network's matrices are
/// one gather per step, and the optimiser updates all parameters in a handful of tensor operations.
/// Activations are [patches, C·k²] in the layout of a contiguous [patches, C, k, k] tensor.
/// </summary>
public sealed class DenseMatrixNetwork : IDisposable
{
    const int Kernel = NetworkConfig.Kernel;
    readonly DenseLayer[] _layers;
    readonly Tensor _matrixIndex, _biasIndex;

    /// <summary>Builds the form of <paramref name="network"/> for k x k patches on <paramref name="device"/>, with its current weights.</summary>
    /// <param name="dtype">the flat parameters' type: float32, or float64 for a reference computation (then inputs and outputs are float64)</param>
    public DenseMatrixNetwork(MrhNetwork network, Device device, int patchSize = 3, NumericPrecision precision = NumericPrecision.Float32,
        ScalarType dtype = ScalarType.Float32)
    {
        TorchRuntime.EnsureInitialized();
        if (patchSize < 1 || patchSize % 2 == 0) throw new MrhException($"patch size must be odd and positive (got {patchSize})");
        Config = network.Config;
        Device = device;
        PatchSize = patchSize;
        Precision = precision;
        int kk = patchSize * patchSize;
        var layers = new List<DenseLayer>();
        long offset = 0, matrixOffset = 0, biasOffset = 0;
        foreach (var (name, conv) in network.Convolutions)
        {
            int cin = (int)conv.weight!.shape[1], cout = (int)conv.weight.shape[0];
            long weights = (long)cout * cin * Kernel * Kernel;
            layers.Add(new DenseLayer(name, cin, cout, offset, offset + weights, matrixOffset, biasOffset));
            offset += weights + cout;
            matrixOffset += (long)kk * cin * kk * cout;
            biasOffset += (long)kk * cout;
        }
        _layers = layers.ToArray();
        ParameterCount = offset;
        var (matrixIndex, biasIndex) = IndexMaps(_layers, patchSize, offset);
        _matrixIndex = tensor(matrixIndex).to(device).DetachFromDisposeScope();
        _biasIndex = tensor(biasIndex).to(device).DetachFromDisposeScope();
        Flat = zeros(offset + 1, dtype, device).DetachFromDisposeScope();
        Load(network);
    }

    public NetworkConfig Config { get; }
    public Device Device { get; }
    public int PatchSize { get; }
    public NumericPrecision Precision { get; }
    /// <summary>Learnable parameters (the length of <see cref="Flat"/> less its trailing zero).</summary>
    public long ParameterCount { get; }
    /// <summary>All weights and biases in network order (each conv's weight [Cout, Cin, 3, 3], then its bias), then one zero.</summary>
    public Tensor Flat { get; }
    /// <summary>The layers' names, channels and places in <see cref="Flat"/>.</summary>
    public IReadOnlyList<DenseLayer> Layers => _layers;

    /// <summary>Copies the network's weights into <see cref="Flat"/>.</summary>
    public void Load(MrhNetwork network)
    {
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        var parts = new List<Tensor>();
        foreach (var (_, conv) in network.Convolutions)
        {
            parts.Add(conv.weight!.detach().reshape(-1));
            parts.Add(conv.bias!.detach().reshape(-1));
        }
        if (parts.Sum(p => p.numel()) != ParameterCount) throw new MrhException("the network does not have the architecture of this dense form");
        parts.Add(zeros(1));
        Flat.copy_(cat(parts, 0));
    }

    /// <summary>Copies <see cref="Flat"/> back into the network's convolutions (on the CPU).</summary>
    public void Store(MrhNetwork network)
    {
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        var host = Flat.detach().cpu();
        int i = 0;
        foreach (var (_, conv) in network.Convolutions)
        {
            var l = _layers[i++];
            conv.weight!.copy_(host.narrow(0, l.WeightOffset, conv.weight.numel()).view_as(conv.weight));
            conv.bias!.copy_(host.narrow(0, l.BiasOffset, conv.bias!.numel()));
        }
    }

    /// <summary>
    /// Forward pass on <paramref name="input"/> [B, C·k²] (float32, on <see cref="Device"/>): the output [B, k²]
    /// (float32), or only its centre pixel [B, 1] with <paramref name="centreOnly"/>; with <paramref name="keepFeatures"/>
    /// also conv4's output after its ReLU at the centre pixel, [B, W]. Differentiable with respect to <see cref="Flat"/>.
    /// Call it inside <see cref="UsePrecision"/> so that TF32 applies to the backward pass too.
    /// </summary>
    public (Tensor Output, Tensor? Features) Forward(Tensor input, bool centreOnly = false, bool keepFeatures = false)
    {
        int kk = PatchSize * PatchSize, centre = kk / 2;
        bool bf16 = Precision == NumericPrecision.BFloat16;
        var mats = Flat.take(_matrixIndex);
        var biases = Flat.take(_biasIndex);
        var m = bf16 ? mats.to(ScalarType.BFloat16) : mats;
        var b = bf16 ? biases.to(ScalarType.BFloat16) : biases;
        var x = bf16 ? input.to(ScalarType.BFloat16) : input;
        try
        {
            return Run(m, b, x, kk, centre, centreOnly, keepFeatures);
        }
        finally
        {
            if (bf16) { m.Dispose(); b.Dispose(); x.Dispose(); }
            mats.Dispose();
            biases.Dispose();
        }
    }

    (Tensor Output, Tensor? Features) Run(Tensor m, Tensor b, Tensor x, int kk, int centre, bool centreOnly, bool keepFeatures)
    {
        int i = 0;
        Tensor Layer(Tensor a)
        {
            var l = _layers[i++];
            using var w = m.narrow(0, l.MatrixOffset, (long)kk * l.InputChannels * kk * l.OutputChannels).view(kk * l.InputChannels, kk * l.OutputChannels);
            using var bias = b.narrow(0, l.BiasVectorOffset, (long)kk * l.OutputChannels);
            return addmm(bias, a, w, 1, 1);
        }
        Tensor LayerRelu(Tensor a)
        {
            using var c = Layer(a);
            return nn.functional.relu(c);
        }
        Tensor Residual(Tensor r)
        {
            using var a = LayerRelu(r);
            using var c = Layer(a);
            return c + r;
        }
        Tensor r2;
        using (var x1 = LayerRelu(x)) r2 = LayerRelu(x1);
        var y = Residual(r2);
        r2.Dispose();
        for (int blk = 0; blk < Config.Blocks; blk++)
        {
            var r = nn.functional.relu(y);
            y.Dispose();
            y = Residual(r);
            r.Dispose();
        }
        Tensor f;
        using (var ry = nn.functional.relu(y)) f = LayerRelu(ry);
        y.Dispose();
        Tensor output;
        using (var o = Layer(f))
        {
            // the centre pixel only: conv5 has one output channel, so its full [B, k²] output costs little more
            using var column = centreOnly ? o.narrow(1, centre, 1) : o.alias();
            output = column.to(Flat.dtype).contiguous();
        }
        Tensor? features = null;
        if (keepFeatures)
        {
            using var view = f.view(f.shape[0], Config.Width, kk);
            using var c = view.select(2, centre);
            features = c.to(Flat.dtype).contiguous();
        }
        f.Dispose();
        return (output, features);
    }

    /// <summary>
    /// Centre-pixel predictions (normalised units) and, if <paramref name="features"/> is not empty, the features
    /// [count, W] of <paramref name="count"/> normalised patches: uploaded, run, and copied back.
    /// </summary>
    public void Predict(ReadOnlySpan<float> patches, int count, Span<float> centres, Span<float> features)
    {
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        using var precision = UsePrecision();
        int len = Config.InputChannels * PatchSize * PatchSize;
        var x = tensor(patches[..(count * len)].ToArray(), [count, len]).to(Device);
        var (y, f) = Forward(x, centreOnly: true, keepFeatures: !features.IsEmpty);
        y.cpu().data<float>().CopyTo(centres[..count]);
        if (f is not null) f.cpu().data<float>().CopyTo(features[..(count * Config.Width)]);
    }

    /// <summary>
    /// Sets libtorch's TF32 switch for CUDA matrix products as <see cref="Precision"/> asks (on for
    /// <see cref="NumericPrecision.TensorFloat32"/>, off otherwise) until disposed, then restores it. The switch is
    /// process-wide in libtorch; nothing else in the library changes it.
    /// </summary>
    public IDisposable UsePrecision() => Tf32Switch.Set(Device.type == DeviceType.CUDA, Precision == NumericPrecision.TensorFloat32);

    /// <summary>
    /// The index maps: for each layer, the position in the flat parameter vector of every entry of its
    /// [k²·Cin x k²·Cout] matrix (row (ci, input pixel), column (co, output pixel); <paramref name="zero"/> where
    /// the kernel does not reach), and of every entry of its bias expanded to [k²·Cout].
    /// </summary>
    internal static (long[] Matrix, long[] Bias) IndexMaps(IReadOnlyList<DenseLayer> layers, int k, long zero)
    {
        int kk = k * k;
        long total = layers.Sum(l => (long)kk * l.InputChannels * kk * l.OutputChannels);
        var matrix = new long[total];
        var bias = new long[layers.Sum(l => (long)kk * l.OutputChannels)];
        foreach (var l in layers)
        {
            int cols = kk * l.OutputChannels;
            for (int ci = 0; ci < l.InputChannels; ci++)
                for (int pin = 0; pin < kk; pin++)
                {
                    long row = l.MatrixOffset + (long)(ci * kk + pin) * cols;
                    int yi = pin / k, xi = pin % k;
                    for (int co = 0; co < l.OutputChannels; co++)
                        for (int pout = 0; pout < kk; pout++)
                        {
                            // cross-correlation: out[yo, xo] += w[ky, kx] in[yo + ky - 1, xo + kx - 1]
                            int ky = yi - pout / k + Kernel / 2, kx = xi - pout % k + Kernel / 2;
                            matrix[row + co * kk + pout] = ky is >= 0 and < Kernel && kx is >= 0 and < Kernel
                                ? l.WeightOffset + ((long)(co * l.InputChannels + ci) * Kernel + ky) * Kernel + kx
                                : zero;
                        }
                }
            for (int co = 0; co < l.OutputChannels; co++)
                for (int p = 0; p < kk; p++) bias[l.BiasVectorOffset + co * kk + p] = l.BiasOffset + co;
        }
        return (matrix, bias);
    }

    public void Dispose()
    {
        Flat.Dispose();
        _matrixIndex.Dispose();
        _biasIndex.Dispose();
    }
}

/// <summary>One convolution of a <see cref="DenseMatrixNetwork"/>: channels, and where its weights, bias, matrix and expanded bias start.</summary>
public sealed record DenseLayer(string Name, int InputChannels, int OutputChannels, long WeightOffset, long BiasOffset, long MatrixOffset, long BiasVectorOffset);

/// <summary>libtorch's TF32 switch for CUDA matrix products, set for a scope.</summary>
static class Tf32Switch
{
    public static IDisposable Set(bool cudaDevice, bool allow)
    {
        if (!cudaDevice) return new Restore(null);
        bool previous;
        try
        {
            previous = torch.backends.cuda.matmul.allow_tf32;
            if (previous == allow) return new Restore(null);
            torch.backends.cuda.matmul.allow_tf32 = allow;
        }
        catch (Exception e) when (e is not MrhException)
        {
            throw new MrhException("this libtorch does not take TorchSharp's TF32 switch (use fp32 or bf16): " + e.Message.Split('\n')[0]);
        }
        return new Restore(previous);
    }

    sealed class Restore(bool? previous) : IDisposable
    {
        bool? _previous = previous;
        public void Dispose()
        {
            if (_previous is bool p) torch.backends.cuda.matmul.allow_tf32 = p;
            _previous = null;
        }
    }
}
