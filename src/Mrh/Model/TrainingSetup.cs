using System.Text.Json.Serialization;
using Mrh.Patches;
using Mrh.Presets;

namespace Mrh.Model;

/// <summary>Which patch sampler a training run uses.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<SamplerKind>))]
public enum SamplerKind
{
    /// <summary>The authors' adaptive grid with mask, label and FA floors (<see cref="AuthorsSamplerOptions"/>).</summary>
    Authors,
    /// <summary>Uniformly random centres in the mask (<see cref="RandomSamplerOptions"/>).</summary>
    RandomInMask,
}

/// <summary>
/// Everything a training run needs besides the data: sampling, normalisation, network, optimiser and
/// seed. <see cref="For"/> gives the presets: smoke (random 3,000 patches, 1 block x 16, 2 epochs),
/// quick (authors' sampler, at most 40,000 patches, 5 blocks x 48, 10 epochs), paper (authors'
/// sampler, at most 40,000 patches, 30 blocks x 64, up to 60 epochs).
/// </summary>
public sealed record TrainingSetup
{
    public string TargetName { get; init; } = "AF";
    public SamplerKind Sampler { get; init; } = SamplerKind.Authors;
    public AuthorsSamplerOptions Authors { get; init; } = new();
    /// <summary>Rescale the authors' pixel strides to the data's in-plane voxel size (same physical grid).</summary>
    public bool ScaleStridesToSpacing { get; init; } = true;
    /// <summary>Random sampler settings; its Count is per subject.</summary>
    public RandomSamplerOptions Random { get; init; } = new();
    /// <summary>Upper bound on the patches of all subjects together (a seeded random subset); null: all.</summary>
    public int? MaxPatches { get; init; }
    public NormalizationKind Normalization { get; init; } = NormalizationKind.RobustPerChannel;
    /// <summary>Network blocks and width (the input channels come from the data).</summary>
    public NetworkConfig Network { get; init; } = new();
    public TrainerOptions Trainer { get; init; } = new();
    /// <summary>Transfer-learning settings, used when a base model is given.</summary>
    public TransferOptions Transfer { get; init; } = new();
    /// <summary>
    /// The one seed of the run; sampling, the validation split, the network initialisation and the epoch
    /// shuffles each derive their own seed from it.
    /// </summary>
    public int Seed { get; init; } = 1;

    public static TrainingSetup For(Preset preset) => preset switch
    {
        Preset.Smoke => new TrainingSetup
        {
            Sampler = SamplerKind.RandomInMask,
            Random = new RandomSamplerOptions { Count = 3000 },
            MaxPatches = 3000,
            Network = NetworkConfig.For(Preset.Smoke),
            Trainer = TrainerOptions.For(Preset.Smoke),
        },
        Preset.Quick => new TrainingSetup
        {
            MaxPatches = 40_000,
            Network = NetworkConfig.For(Preset.Quick),
            Trainer = TrainerOptions.For(Preset.Quick),
        },
        Preset.Paper => new TrainingSetup
        {
            MaxPatches = 40_000,
            Network = NetworkConfig.For(Preset.Paper),
            Trainer = TrainerOptions.For(Preset.Paper),
        },
        _ => throw new ArgumentOutOfRangeException(nameof(preset)),
    };

    /// <summary>The patch plane and size of the chosen sampler.</summary>
    public (Imaging.AnatomicalPlane Plane, int Size) PatchShape =>
        Sampler == SamplerKind.Authors ? (Authors.Plane, Authors.PatchSize) : (Random.Plane, Random.PatchSize);
}
