using System.Text.Json.Serialization;

namespace Mrh.Model;

/// <summary>
/// Where the network is computed. The CPU keeps the Winograd engine (and the Conv2d reference); CUDA runs the
/// dense-matrix form (<see cref="DenseMatrixNetwork"/>) on the first GPU.
/// </summary>
[JsonConverter(typeof(JsonStringEnumConverter<ComputeDevice>))]
public enum ComputeDevice
{
    /// <summary>The CPU (the default).</summary>
    Cpu,
    /// <summary>The first CUDA GPU; an error where CUDA is not available.</summary>
    Cuda,
    /// <summary>CUDA where it is available, otherwise the CPU (with a note saying why).</summary>
    Auto,
}
