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
}

/// <summary>Which path a given network and patch size actually run on.</summary>
public static class ComputePaths
{
    /// <summary>True if <paramref name="path"/> resolves to the Winograd engine for this network and patch size.</summary>
    public static bool UsesEngine(this ComputePath path, NetworkConfig config, int patchSize) =>
        path == ComputePath.Fast && FastPatchNetwork.Supports(config, patchSize);
}
