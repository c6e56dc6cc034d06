using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Mrh.Model;

namespace Mrh.Jobs;

/// <summary>
/// The content address of a trained network: the SHA-256 (first 32 hex digits) of a canonical JSON text of its
/// <see cref="NetworkRecipe"/> (without the unit's name), the key format and the training code's version. The
/// setup is serialised whole (every public property of <see cref="TrainingSetup"/> and of the records it holds),
/// so a setting added to those records later is part of the key without a change here.
/// </summary>
public static class NetworkKey
{
    /// <summary>
    /// Bump when the training code changes the weights it produces for the same recipe (then old entries are
    /// no longer found and are retrained).
    /// </summary>
    public const int TrainingCodeVersion = 1;

    const string Format = "mrh-network-key-1";

    static readonly JsonSerializerOptions CanonicalJson = new(ModelCheckpoint.JsonOptions) { WriteIndented = false };

    /// <summary>The key of a recipe.</summary>
    public static string Of(NetworkRecipe recipe) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(CanonicalText(recipe))))[..32];

    /// <summary>
    /// The setup as keyed: <see cref="ComputeDevice.Auto"/> is the device it resolves to here (CUDA or the CPU), so
    /// that `--device auto` finds the networks trained with `--device cpu` (or `cuda`) and shares their entries.
    /// </summary>
    static TrainingSetup Canonical(TrainingSetup setup) =>
        setup.Trainer.Device == ComputeDevice.Auto
            ? setup with { Trainer = setup.Trainer with { Device = DeviceSelection.Resolve(ComputeDevice.Auto).Device } }
            : setup;

    /// <summary>The text that is hashed (stored with each cache entry, so that a key can be explained).</summary>
    public static string CanonicalText(NetworkRecipe recipe)
    {
        ArgumentNullException.ThrowIfNull(recipe);
        var inputs = new SortedDictionary<string, string>(recipe.Inputs.ToDictionary(kv => kv.Key, kv => kv.Value), StringComparer.Ordinal);
        var text = new
        {
            format = Format,
            trainingCode = TrainingCodeVersion,
            torchSharp = typeof(global::TorchSharp.torch).Assembly.GetName().Version?.ToString(3) ?? "?",
            data = recipe.Data,
            setup = Canonical(recipe.Setup),
            inputs,
            baseKey = recipe.BaseKey,
        };
        return JsonSerializer.Serialize(text, CanonicalJson);
    }
}
