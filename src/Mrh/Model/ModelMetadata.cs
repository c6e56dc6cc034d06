using Mrh.Imaging;
using Mrh.Patches;

namespace Mrh.Model;

/// <summary>
/// Everything about a trained network except its weights: the JSON sidecar (model.json) of a
/// checkpoint. The weights file is identified by name and SHA-256 so that a mismatched or corrupt
/// pair is detected on load.
/// </summary>
public sealed record ModelMetadata
{
    public const string FormatName = "mrh-model";
    public const int CurrentFormatVersion = 1;

    public string Format { get; init; } = FormatName;
    public int FormatVersion { get; init; } = CurrentFormatVersion;
    public required NetworkConfig Network { get; init; }
    public long ParameterCount { get; init; }
    /// <summary>Input channels in order (the protocol's image names).</summary>
    public required string[] ChannelNames { get; init; }
    /// <summary>The histology the network predicts (e.g. "AF", "NF", "MBP", "Nissl").</summary>
    public string TargetName { get; init; } = "target";
    public int PatchSize { get; init; } = 3;
    /// <summary>The plane the patches were cut in during training.</summary>
    public AnatomicalPlane Plane { get; init; } = AnatomicalPlane.Coronal;
    public required Normalization Normalization { get; init; }
    public TrainerOptions? Training { get; init; }
    public TrainingResult? Result { get; init; }
    public TransferRecord? Transfer { get; init; }
    public DataProvenance? Provenance { get; init; }
    public long Seed { get; init; }
    public VersionInfo? Versions { get; init; }
    public string WeightsFile { get; init; } = "weights.bin";
    public string WeightsSha256 { get; init; } = "";
    public DateTime CreatedUtc { get; init; }
}

/// <summary>Where the training patches came from.</summary>
public sealed record DataProvenance(string? Dataset, string[] Subjects, string Sampler, int TrainPatches, int ValidationPatches);

/// <summary>How a transferred model was derived from its base.</summary>
public sealed record TransferRecord(string? BaseModel, string BaseTarget, TransferOptions Options, string[] ReinitializedLayers, string[] FrozenLayers);

/// <summary>Software versions that produced a model.</summary>
public sealed record VersionInfo(string Mrh, string TorchSharp, string LibTorch, string DotNet)
{
    public static VersionInfo Current() => new(
        typeof(MrhNetwork).Assembly.GetName().Version?.ToString(3) ?? "?",
        typeof(global::TorchSharp.torch).Assembly.GetName().Version?.ToString(3) ?? "?",
        global::TorchSharp.torch.__version__,
        System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription);
}
