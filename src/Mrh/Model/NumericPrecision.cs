using System.Text.Json.Serialization;

namespace Mrh.Model;

/// <summary>Arithmetic precision of the network's matrix products.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<NumericPrecision>))]
public enum NumericPrecision
{
    /// <summary>Single precision throughout (the default).</summary>
    Float32,
    /// <summary>
    /// bfloat16 matrix products, float32 elsewhere on the CPU (<see cref="Compute.BFloat16MatrixNetwork"/>, inference
    /// only); bfloat16 weights and activations with float32 accumulation in the dense-matrix form on a GPU
    /// (<see cref="DenseMatrixNetwork"/>). Predictions differ from float32 by about 1e-2 relative; an option, never the default.
    /// </summary>
    BFloat16,
    /// <summary>
    /// TensorFloat-32 matrix products on a GPU (10-bit mantissa inputs, float32 accumulation: ~1e-3 relative);
    /// on the CPU the same as <see cref="Float32"/>.
    /// </summary>
    TensorFloat32,
}

/// <summary>Parsing of precision names.</summary>
public static class NumericPrecisions
{
    /// <summary>fp32, tf32 or bf16 (also float32, tensorfloat32, bfloat16), in any case.</summary>
    public static NumericPrecision Parse(string text) => text.Trim().ToLowerInvariant() switch
    {
        "fp32" or "float32" => NumericPrecision.Float32,
        "tf32" or "tensorfloat32" => NumericPrecision.TensorFloat32,
        "bf16" or "bfloat16" => NumericPrecision.BFloat16,
        _ => throw new MrhException($"unknown precision '{text}' (expected fp32, tf32 or bf16)"),
    };

    /// <summary>The short name: fp32, tf32 or bf16.</summary>
    public static string Name(this NumericPrecision p) => p switch
    {
        NumericPrecision.TensorFloat32 => "tf32",
        NumericPrecision.BFloat16 => "bf16",
        _ => "fp32",
    };
}
