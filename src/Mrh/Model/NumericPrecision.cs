using System.Text.Json.Serialization;

namespace Mrh.Model;

/// <summary>Arithmetic precision of inference.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<NumericPrecision>))]
public enum NumericPrecision
{
    /// <summary>Single precision throughout (the default; training always uses it).</summary>
    Float32,
    /// <summary>
    /// bfloat16 matrix products (<see cref="Compute.BFloat16MatrixNetwork"/>), float32 elsewhere: predictions
    /// differ from float32 by about 1e-2 relative; an option, never the default.
    /// </summary>
    BFloat16,
}
