using Mrh.Runtime;
using static TorchSharp.torch;

namespace Mrh.Model.Compute;

/// <summary>
/// Inference in reduced precision: each 3 x 3 'same' convolution on a 3 x 3 patch written as its exact
/// dense matrix (9 x in) x (9 x out), built once from the kernel, and multiplied in bfloat16 by libtorch
/// (AVX-512 BF16 where the CPU has it); bias, ReLU and the residual sums stay in float32, and the last
/// layer computes the centre pixel only. bfloat16 keeps 8 significant bits, so predictions differ from
/// float32 by roughly 1e-2 relative: an option for speed, never the default (see README, Performance,
/// for the measured differences).
/// </summary>
public sealed class BFloat16MatrixNetwork : IDisposable
{
    readonly EngineLayer[] _layers;
    readonly Tensor[] _matrices;   // [9 In, 9 Out] bfloat16, rows: input pixel-major (q * In + i), columns (p * Out + o)
    readonly Tensor[] _biases;     // [9 Out] float32
    readonly Tensor _centre;       // [9 W, 1] bfloat16: the last layer's centre output
    readonly float _centreBias;

    public BFloat16MatrixNetwork(MrhNetwork network)
    {
        TorchRuntime.EnsureInitialized();
        Config = network.Config;
        _layers = EngineLayer.For(Config);
        using var noGrad = no_grad();
        int L = _layers.Length;
        _matrices = new Tensor[L - 1];
        _biases = new Tensor[L - 1];
        for (int l = 0; l < L - 1; l++)
        {
            var conv = network.Convolutions[l].Conv;
            _matrices[l] = DenseMatrix(conv.weight!.data<float>().ToArray(), _layers[l].In, _layers[l].Out).to(ScalarType.BFloat16).DetachFromDisposeScope();
            _biases[l] = conv.bias!.detach().repeat(9).contiguous().DetachFromDisposeScope();
        }
        var last = network.Convolutions[L - 1].Conv;
        // centre output (1, 1) reads input pixel q = (ky, kx) through tap (ky, kx): column [q * W + c] = w[0, c, q]
        var w5 = last.weight!.data<float>().ToArray();
        int width = _layers[L - 1].In;
        var centre = new float[9 * width];
        for (int c = 0; c < width; c++)
            for (int q = 0; q < 9; q++) centre[q * width + c] = w5[c * 9 + q];
        _centre = tensor(centre).reshape(9 * width, 1).to(ScalarType.BFloat16).DetachFromDisposeScope();
        _centreBias = last.bias!.data<float>()[0];
    }

    public NetworkConfig Config { get; }

    /// <summary>
    /// The dense matrix of a 3 x 3 'same' convolution on a 3 x 3 patch: D[q In + i, p Out + o] = w[o, i, ky, kx]
    /// where input pixel q is output pixel p moved by (ky - 1, kx - 1); zero where that leaves the patch.
    /// </summary>
    public static Tensor DenseMatrix(float[] weights, int inChannels, int outChannels)
    {
        var d = new float[9L * inChannels * 9 * outChannels];
        long cols = 9L * outChannels;
        for (int pr = 0; pr < 3; pr++)
            for (int pc = 0; pc < 3; pc++)
                for (int ky = 0; ky < 3; ky++)
                    for (int kx = 0; kx < 3; kx++)
                    {
                        int qr = pr + ky - 1, qc = pc + kx - 1;
                        if (qr < 0 || qr > 2 || qc < 0 || qc > 2) continue;
                        int q = qr * 3 + qc, p = pr * 3 + pc, k = ky * 3 + kx;
                        for (int i = 0; i < inChannels; i++)
                            for (int o = 0; o < outChannels; o++)
                                d[(q * inChannels + i) * cols + p * outChannels + o] = weights[((long)o * inChannels + i) * 9 + k];
                    }
        return tensor(d).reshape(9L * inChannels, cols);
    }

    /// <summary>Centre-pixel outputs (and, if asked, conv4 features [count][W]) for normalised patches [count][C][3][3].</summary>
    public void Predict(ReadOnlySpan<float> patches, int count, Span<float> centres, Span<float> features = default)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        int c = Config.InputChannels, L = _layers.Length;
        var x = tensor(patches[..(count * c * 9)].ToArray()).reshape(count, c, 9).permute(0, 2, 1).reshape(count, 9 * c);
        Tensor Layer(int l, Tensor a) => mm(a.to(ScalarType.BFloat16), _matrices[l]).to(ScalarType.Float32).add_(_biases[l]);
        Tensor? residual = null, y = x;
        for (int l = 0; l < L - 1; l++)
        {
            var layer = _layers[l];
            var z = Layer(l, y);
            if (layer.Residual >= 0) z.add_(residual!);
            z.relu_();
            bool source = Array.Exists(_layers, k => k.Residual == l);
            if (source) residual = z;
            y = z;
        }
        var centre = mm(y.to(ScalarType.BFloat16), _centre).to(ScalarType.Float32).add_(_centreBias);
        centre.reshape(count).data<float>().CopyTo(centres);
        if (!features.IsEmpty)
        {
            int w = Config.Width;
            y.narrow(1, 4 * w, w).contiguous().reshape(count * w).data<float>().CopyTo(features);
        }
    }

    public void Dispose()
    {
        foreach (var t in _matrices) t.Dispose();
        foreach (var t in _biases) t.Dispose();
        _centre.Dispose();
    }
}
