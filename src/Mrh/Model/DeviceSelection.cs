using Mrh.Runtime;
using TorchSharp;

namespace Mrh.Model;

/// <summary>A device choice resolved on this machine: the torch device, and a note where <see cref="ComputeDevice.Auto"/> fell back.</summary>
public sealed record ResolvedDevice(ComputeDevice Device, string? Note)
{
    public bool IsCuda => Device == ComputeDevice.Cuda;
    /// <summary>The torch device (the first GPU for CUDA).</summary>
    public torch.Device Torch => IsCuda ? torch.CUDA : torch.CPU;
}

/// <summary>Parses and resolves <see cref="ComputeDevice"/> choices.</summary>
public static class DeviceSelection
{
    /// <summary>The environment variable that sets the default device of the CLI and the notebooks.</summary>
    public const string EnvironmentVariable = "MRH_DEVICE";

    /// <summary>cpu, cuda (also gpu) or auto, in any case; a one-line error otherwise.</summary>
    public static ComputeDevice Parse(string text) => text.Trim().ToLowerInvariant() switch
    {
        "cpu" => ComputeDevice.Cpu,
        "cuda" or "gpu" => ComputeDevice.Cuda,
        "auto" => ComputeDevice.Auto,
        _ => throw new MrhException($"unknown device '{text}' (expected cpu, cuda or auto)"),
    };

    /// <summary>The explicit choice if given, else <see cref="EnvironmentVariable"/> if set, else the CPU.</summary>
    public static ComputeDevice FromOptionOrEnvironment(string? option, string? environment) =>
        !string.IsNullOrWhiteSpace(option) ? Parse(option)
        : !string.IsNullOrWhiteSpace(environment) ? Parse(environment)
        : ComputeDevice.Cpu;

    /// <summary>
    /// Resolves <paramref name="device"/> here: CUDA where asked for and available (else a one-line
    /// <see cref="MrhException"/>), <see cref="ComputeDevice.Auto"/> to CUDA or to the CPU with a note.
    /// </summary>
    public static ResolvedDevice Resolve(ComputeDevice device) => Resolve(device, device == ComputeDevice.Cpu ? null : CudaRuntime.Status);

    /// <summary>As <see cref="Resolve(ComputeDevice)"/>, with the CUDA status given (for tests).</summary>
    public static ResolvedDevice Resolve(ComputeDevice device, CudaStatus? cuda) => device switch
    {
        ComputeDevice.Cpu => new ResolvedDevice(ComputeDevice.Cpu, null),
        ComputeDevice.Cuda => cuda is { Available: true }
            ? new ResolvedDevice(ComputeDevice.Cuda, null)
            : throw new MrhException($"--device cuda: CUDA is not available here: {cuda?.Reason ?? "unknown reason"}"),
        ComputeDevice.Auto => cuda is { Available: true }
            ? new ResolvedDevice(ComputeDevice.Cuda, null)
            : new ResolvedDevice(ComputeDevice.Cpu, $"device auto: CUDA is not available ({cuda?.Reason ?? "unknown reason"}), running on the CPU"),
        _ => throw new ArgumentOutOfRangeException(nameof(device)),
    };
}
