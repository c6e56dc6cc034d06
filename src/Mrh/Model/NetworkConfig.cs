using System.Text.Json.Serialization;
using Mrh.Presets;

namespace Mrh.Model;

/// <summary>How convolution weights are initialised (biases start at 0 either way).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<WeightInit>))]
public enum WeightInit
{
    /// <summary>The paper's: each convolution's filters are orthonormal (QR of a Gaussian matrix, gain 1).</summary>
    Orthogonal,
    /// <summary>He (Kaiming) normal: N(0, 2 / fan-in), fan-in = k x k x input channels (MATLAB's 'he').</summary>
    He,
}

/// <summary>
/// The V3Res architecture's size: input channels C, residual blocks N, width W (filters per
/// convolution), kernel 3 x 3. With C = 67, N = 30, W = 64 it is the paper's MRH-AF network.
/// </summary>
public sealed record NetworkConfig(int InputChannels = 67, int Blocks = 30, int Width = 64, WeightInit Init = WeightInit.Orthogonal)
{
    /// <summary>Kernel size of every convolution.</summary>
    public const int Kernel = 3;

    /// <summary>Convolutions in the network: 4 in the stem, 2 per block, 2 in the head.</summary>
    public int ConvolutionCount => 2 * Blocks + 6;

    /// <summary>Number of learnable parameters (weights and biases), computed in closed form.</summary>
    public long ParameterCount
    {
        get
        {
            long k2 = Kernel * Kernel, w = Width;
            long first = InputChannels * w * k2 + w;
            long hidden = w * w * k2 + w;
            long last = w * k2 + 1;
            return first + (3 + 2L * Blocks + 1) * hidden + last;
        }
    }

    /// <summary>Network size for a preset: smoke 1 block x 16, quick 5 x 48, paper 30 x 64.</summary>
    public static NetworkConfig For(Preset preset, int inputChannels = 67) => preset switch
    {
        Preset.Smoke => new(inputChannels, 1, 16),
        Preset.Quick => new(inputChannels, 5, 48),
        Preset.Paper => new(inputChannels, 30, 64),
        _ => throw new ArgumentOutOfRangeException(nameof(preset)),
    };

    public void Validate()
    {
        if (InputChannels < 1 || InputChannels > 100_000) throw new MrhException($"input channels must be 1..100000 (got {InputChannels})");
        if (Blocks < 0 || Blocks > 1000) throw new MrhException($"residual blocks must be 0..1000 (got {Blocks})");
        if (Width < 1 || Width > 4096) throw new MrhException($"width must be 1..4096 (got {Width})");
    }
}
