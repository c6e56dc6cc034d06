using Mrh.Runtime;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Mrh.Model;

/// <summary>
/// The MRH network ("V3Res"): all convolutions 3 x 3 with 'same' zero padding and a bias.
/// <code>
/// conv1 (C->W), ReLU, conv2, ReLU (= r2), conv3, ReLU, conv3_1, + r2
/// N blocks: ReLU (= r), resNNa, ReLU, resNNb, + r
/// ReLU, conv4, ReLU (= features), conv5 (W->1)
/// </code>
/// Input [B, C, k, k] gives output [B, 1, k, k]. Layer names (used by checkpoints and transfer
/// learning) are conv1, conv2, conv3, conv3_1, res01a, res01b, ..., conv4, conv5.
/// </summary>
public sealed class MrhNetwork : Module<Tensor, Tensor>
{
    readonly List<(string Name, Conv2d Conv)> _convs = [];

    public NetworkConfig Config { get; }

    public MrhNetwork(NetworkConfig config, long seed = 0) : base("MrhNetwork")
    {
        TorchRuntime.EnsureInitialized();
        config.Validate();
        Config = config;
        foreach (var layer in Describe(config)) Add(layer.Name, layer.InputChannels, layer.OutputChannels);
        Initialize(seed);
    }

    void Add(string name, int inChannels, int outChannels)
    {
        var conv = Conv2d(inChannels, outChannels, NetworkConfig.Kernel, padding: NetworkConfig.Kernel / 2, bias: true);
        register_module(name, conv);
        _convs.Add((name, conv));
    }

    /// <summary>The convolutions in forward order, with their names.</summary>
    public IReadOnlyList<(string Name, Conv2d Conv)> Convolutions => _convs;

    /// <summary>Names of the last <paramref name="k"/> convolutions (k = 2: conv4, conv5).</summary>
    public string[] LastConvolutionNames(int k)
    {
        if (k < 1 || k > _convs.Count) throw new MrhException($"cannot take the last {k} of {_convs.Count} convolutions");
        return _convs.Skip(_convs.Count - k).Select(c => c.Name).ToArray();
    }

    /// <summary>Number of learnable parameters.</summary>
    public long ParameterCount => parameters().Sum(p => p.numel());

    /// <summary>Re-initialises every convolution from <paramref name="seed"/> (see <see cref="WeightInit"/>).</summary>
    public void Initialize(long seed)
    {
        using var gen = new Generator((ulong)seed);
        foreach (var (_, conv) in _convs) WeightInitializer.Initialize(conv, Config.Init, gen);
    }

    /// <summary>Re-initialises the named convolutions only, from <paramref name="seed"/>.</summary>
    public void Reinitialize(IEnumerable<string> names, long seed)
    {
        var set = names.ToHashSet();
        using var gen = new Generator((ulong)seed);
        foreach (var (name, conv) in _convs)
            if (set.Remove(name)) WeightInitializer.Initialize(conv, Config.Init, gen);
        if (set.Count > 0) throw new MrhException($"no convolution named {string.Join(", ", set)}");
    }

    public override Tensor forward(Tensor input) => Forward(input, false).Output;

    /// <summary>
    /// Forward pass; with <paramref name="keepFeatures"/> also the penultimate features (conv4 after
    /// its ReLU) at the centre pixel, [B, W].
    /// </summary>
    public (Tensor Output, Tensor? Features) Forward(Tensor input, bool keepFeatures)
    {
        // Intermediates are released as soon as they are used (autograd keeps its own references), so a
        // large inference batch holds a few activations at a time rather than all 2N + 6 of them.
        int i = 0;
        Tensor Conv(Tensor x) => _convs[i++].Conv.call(x);
        Tensor ConvRelu(Tensor x)
        {
            using var c = Conv(x);
            return functional.relu(c);
        }
        Tensor Residual(Tensor r)
        {
            using var a = ConvRelu(r);
            using var b = Conv(a);
            return b + r;
        }
        Tensor r2;
        using (var x1 = ConvRelu(input)) r2 = ConvRelu(x1);
        var y = Residual(r2);
        r2.Dispose();
        for (int b = 0; b < Config.Blocks; b++)
        {
            var r = functional.relu(y);
            y.Dispose();
            y = Residual(r);
            r.Dispose();
        }
        Tensor f;
        using (var ry = functional.relu(y)) f = ConvRelu(ry);
        y.Dispose();
        var output = Conv(f);
        Tensor? features = null;
        if (keepFeatures)
        {
            long h = f.shape[2] / 2, w = f.shape[3] / 2;
            using var centre = f[.., .., h, w];
            features = centre.clone();
        }
        f.Dispose();
        return (output, features);
    }

    /// <summary>The weights as bytes (TorchSharp's format): what "same model bytes" compares.</summary>
    public byte[] WeightBytes()
    {
        using var ms = new MemoryStream();
        save(ms);
        return ms.ToArray();
    }

    /// <summary>An independent copy with the same weights.</summary>
    public MrhNetwork Clone()
    {
        var copy = new MrhNetwork(Config);
        using var ms = new MemoryStream(WeightBytes());
        copy.load(ms);
        return copy;
    }

    /// <summary>A one-line-per-layer description with parameter counts.</summary>
    public static IReadOnlyList<LayerInfo> Describe(NetworkConfig config)
    {
        int k2 = NetworkConfig.Kernel * NetworkConfig.Kernel;
        var list = new List<LayerInfo>();
        void Add(string name, int i, int o) => list.Add(new(name, i, o, (long)i * o * k2 + o));
        Add("conv1", config.InputChannels, config.Width);
        Add("conv2", config.Width, config.Width);
        Add("conv3", config.Width, config.Width);
        Add("conv3_1", config.Width, config.Width);
        for (int b = 1; b <= config.Blocks; b++)
        {
            Add($"res{b:00}a", config.Width, config.Width);
            Add($"res{b:00}b", config.Width, config.Width);
        }
        Add("conv4", config.Width, config.Width);
        Add("conv5", config.Width, 1);
        return list;
    }
}

/// <summary>One convolution of the network: name, input and output channels, parameters.</summary>
public sealed record LayerInfo(string Name, int InputChannels, int OutputChannels, long Parameters);
