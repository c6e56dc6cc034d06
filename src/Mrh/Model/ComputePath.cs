using System.Text.Json.Serialization;
using Mrh.Model.Compute;

namespace Mrh.Model;

/// <summary>How the network is computed in training and inference.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ComputePath>))]
public enum ComputePath
{
    /// <summary>
    /// The Winograd engine (<see cref="FastPatchNetwork"/>) where it applies (SIMD at any width, 3 x 3 patches),
    /// otherwise the reference. Same function as the reference, several times faster.
    /// </summary>
    Fast,
    /// <summary>libtorch's Conv2d modules (<see cref="MrhNetwork"/>'s forward pass and autograd): the reference.</summary>
    Reference,
    /// <summary>
    /// The dense-matrix form (<see cref="DenseMatrixNetwork"/>): what a GPU runs (<see cref="ComputeDevice.Cuda"/>
    /// always uses it); on the CPU it is slower than the engine and there to check the GPU path against the reference.
    /// </summary>
    DenseMatrix,
}

/// <summary>Which path a given network and patch size actually run on.</summary>
public static class ComputePaths
{
    /// <summary>True if <paramref name="path"/> resolves to the Winograd engine for this network and patch size.</summary>
    public static bool UsesEngine(this ComputePath path, NetworkConfig config, int patchSize) =>
        path == ComputePath.Fast && FastPatchNetwork.Supports(config, patchSize);

    /// <summary>
    /// True if the network runs in the dense-matrix form on <paramref name="device"/>: always on CUDA, on the CPU when
    /// asked for. The Conv2d reference path runs on the CPU only.
    /// </summary>
    public static bool UsesDenseForm(this ComputePath path, ResolvedDevice device)
    {
        if (device.IsCuda && path == ComputePath.Reference)
            throw new MrhException("the Conv2d reference path runs on the CPU only (use --device cpu with --reference)");
        return device.IsCuda || path == ComputePath.DenseMatrix;
    }
}
