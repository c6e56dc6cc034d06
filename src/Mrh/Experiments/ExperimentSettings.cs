using Mrh.Analysis;
using Mrh.Model;
using Mrh.Patches;
using Mrh.Presets;

namespace Mrh.Experiments;

/// <summary>
/// Sizes of the figure experiments for a preset: how many patches train a network, how often the
/// single-animal case is repeated, on how many coronal sections the networks are evaluated, how many
/// points the t-SNE maps show, on how many patches and noise draws the contributions of Fig. 2 are measured. The paper preset uses the paper's numbers; quick and smoke shrink them so
/// that every notebook runs on a laptop CPU (quick) or in seconds (smoke).
/// </summary>
public sealed record ExperimentSettings
{
    public required Preset Preset { get; init; }
    /// <summary>Network, optimiser and sampler (patches are drawn at random in the mask, <see cref="PatchesPerModel"/> in all).</summary>
    public required TrainingSetup Training { get; init; }
    /// <summary>Training patches of one network (cases i-iii of Fig. 1 and the other figures).</summary>
    public int PatchesPerModel { get; init; }
    /// <summary>Fig. 1 cases iv and v: 5,000 and 1,000 patches of a single AF animal in the paper.</summary>
    public int FewPatches { get; init; } = 5000;
    public int FewestPatches { get; init; } = 1000;
    /// <summary>Fig. 1 case iii is repeated over this many different single AF animals (25 in the paper).</summary>
    public int SingleAnimalRepeats { get; init; }
    /// <summary>Coronal sections (evenly spaced through the brain) on which networks are evaluated; 0: all.</summary>
    public int EvaluationSections { get; init; }
    public int TsnePoints { get; init; } = 2000;
    /// <summary>Supplementary Fig. 1: mean displacements (voxels) added to the AF targets, one network each (0 first: no added mismatch).</summary>
    public double[] MisregistrationVoxels { get; init; } = [0, 1, 2, 4];
    /// <summary>Supplementary Fig. 1: the patch sizes compared (odd; 3 is the paper's choice).</summary>
    public int[] PatchSizes { get; init; } = [1, 3, 5];
    /// <summary>Training patches of each misregistration network (Supplementary Fig. 1).</summary>
    public int SupplementaryPatches { get; init; } = 40_000;
    /// <summary>Training patches of each patch-size network (sizes other than 3 train on the slower Conv2d path).</summary>
    public int PatchSizePatches { get; init; } = 40_000;
    /// <summary>
    /// libtorch threads while training and applying networks of patch sizes other than 3 (they run on the Conv2d
    /// reference path, whose many small operations slow down by an order of magnitude with several threads on a
    /// busy machine); null: unchanged.
    /// </summary>
    public int? ReferencePathThreads { get; init; }
    /// <summary>Figs. 2 and 4: random patches per animal on which the contributions of the images are measured.</summary>
    public int ContributionPatches { get; init; } = 2000;
    /// <summary>Fig. 2: noise level (10%) and noise draws per image of the contribution analysis.</summary>
    public ContributionOptions Contribution { get; init; } = new();
    /// <summary>Fig. 2: the top-ranked subsets the network is retrained on (the paper's 4, 17 and 38 of 67 images; "all" is added).</summary>
    public IReadOnlyList<int> ContributionSubsets { get; init; } = [4, 17, 38];
    /// <summary>Fig. 3H: random patches drawn in each region (whole brain, white matter, cortex/hippocampus) of a test animal for the contribution analysis.</summary>
    public int RegionPatches { get; init; } = 2000;
    /// <summary>
    /// Fig. 3: initial learning rate of the transfer from MRH-AF to NF/MBP (the re-initialised head trains at 10x).
    /// The paper preset uses the authors' 1e-4 (MRH-AF's 0.1 for the head: 1e-3, for up to 60 epochs); quick and smoke
    /// train only a few epochs, so their head trains at MRH-AF's own rate (1e-2 x 10); at 1e-4 it hardly learns in them
    /// (smoke: validation loss 4.86 -> 4.78 in 2 epochs, against 2.05 -> 1.42 at 1e-2).
    /// </summary>
    public double TransferLearningRate { get; init; } = 1e-2;
    public int Seed { get; init; } = 1;
    /// <summary>
    /// Train every network even when the cache of trained networks has it (and replace the entry); the notebooks'
    /// <c>retrain</c> parameter, <c>--retrain</c> of <c>mrh reproduce</c> and <c>mrh notebooks run</c>.
    /// </summary>
    public bool Retrain { get; init; }
    /// <summary>
    /// The folder of the cache of trained networks (<see cref="Jobs.NetworkCache.Open"/>): null for $MRH_CACHE or the
    /// default, "off" for no cache. Neither this nor <see cref="Retrain"/> changes any network.
    /// </summary>
    public string? NetworkCache { get; init; }
    /// <summary>
    /// Matrix-product precision of inference on a GPU (and of training there when set with <see cref="OnDevice(ComputeDevice, NumericPrecision, bool)"/>);
    /// float32 by default.
    /// </summary>
    public NumericPrecision InferencePrecision { get; init; } = NumericPrecision.Float32;

    /// <summary>Where networks are trained and applied (carried by <see cref="Training"/>'s trainer options).</summary>
    public ComputeDevice Device => Training.Trainer.Device;

    /// <summary>
    /// These settings on <paramref name="device"/>: training and inference there, matrix products at
    /// <paramref name="precision"/> (float32 default; TF32 or bfloat16 on a GPU). bfloat16 applies to inference only
    /// unless <paramref name="trainInPrecision"/> (training in bfloat16 is never a default).
    /// </summary>
    public ExperimentSettings OnDevice(ComputeDevice device, NumericPrecision precision = NumericPrecision.Float32, bool trainInPrecision = false) => this with
    {
        Training = Training with
        {
            Trainer = Training.Trainer with
            {
                Device = device,
                Precision = precision == NumericPrecision.BFloat16 && !trainInPrecision ? NumericPrecision.Float32 : precision,
            },
        },
        InferencePrecision = precision,
    };

    /// <summary>As <see cref="OnDevice(ComputeDevice, NumericPrecision, bool)"/> with names: cpu, cuda or auto (the notebooks' <c>device</c> parameter).</summary>
    public ExperimentSettings OnDevice(string device, string precision = "fp32") =>
        OnDevice(DeviceSelection.Parse(device), NumericPrecisions.Parse(precision));

    /// <summary>Whole-volume inference options on these settings' device and precision.</summary>
    public InferenceOptions Inference(bool features = false) =>
        new() { Device = Device, Precision = InferencePrecision, Features = features };

    public static ExperimentSettings For(Preset preset)
    {
        var training = TrainingSetup.For(preset) with { Sampler = SamplerKind.RandomInMask };
        return preset switch
        {
            Preset.Smoke => new ExperimentSettings
            {
                Preset = preset, Training = training, PatchesPerModel = 3000, FewPatches = 1000, FewestPatches = 300,
                SingleAnimalRepeats = 2, EvaluationSections = 4, TsnePoints = 300, RegionPatches = 60,
                MisregistrationVoxels = [0, 2], PatchSizes = [1, 3], SupplementaryPatches = 3000, PatchSizePatches = 3000, ReferencePathThreads = 1,
                ContributionPatches = 150, Contribution = ContributionOptions.For(preset),
            },
            Preset.Quick => new ExperimentSettings
            {
                Preset = preset, Training = training with { Trainer = training.Trainer with { MaxEpochs = 8 } },
                PatchesPerModel = 20_000, SingleAnimalRepeats = 3, EvaluationSections = 8, TsnePoints = 1000, RegionPatches = 300,
                SupplementaryPatches = 20_000, PatchSizePatches = 5000, ReferencePathThreads = 1,
                ContributionPatches = 1000, Contribution = ContributionOptions.For(preset),
            },
            Preset.Paper => new ExperimentSettings
            {
                Preset = preset, Training = training, PatchesPerModel = 40_000, SingleAnimalRepeats = 25, EvaluationSections = 0,
                ContributionPatches = 2000, Contribution = ContributionOptions.For(preset),
                TransferLearningRate = 1e-4,
            },
            _ => throw new ArgumentOutOfRangeException(nameof(preset)),
        };
    }

    /// <summary>The training setup for <paramref name="patches"/> patches spread over <paramref name="pairs"/> MRI/target pairs.</summary>
    public TrainingSetup SetupFor(int patches, int pairs, int seed) => Training with
    {
        Random = Training.Random with { Count = Math.Max(1, (patches + pairs - 1) / pairs) },
        MaxPatches = patches,
        Seed = seed,
    };
}
