using Mrh.Analysis;
using Mrh.Imaging;
using Mrh.Patches;

namespace Mrh.Model;

/// <summary>
/// How much each input image contributes to a trained network's output (the paper's Fig. 2A): random
/// patches of one or more subjects inside their masks, Rician noise added to one input image at a time
/// (<see cref="ContributionAnalysis"/>), contributions normalised to sum to one.
/// </summary>
public static class ChannelContributions
{
    /// <param name="inputs">the subject's MRI in the model's channel order</param>
    /// <param name="mask">where patches are drawn (null: everywhere)</param>
    /// <param name="patches">number of random patches</param>
    /// <param name="inference">device, path and precision of the predictions (default: the CPU in float32)</param>
    public static ContributionResult Compute(MrhModel model, Volume inputs, bool[]? mask, int patches, ContributionOptions options,
        IProgress<int>? progress = null, InferenceOptions? inference = null) =>
        Compute(model, [(inputs, mask)], patches, options, progress, inference);

    /// <summary>
    /// The analysis on the patches of several subjects pooled (e.g. the held-out animals):
    /// <paramref name="patchesPerSubject"/> random patches in each subject's mask, subject i sampled with seed
    /// <c>Seeds.Int(options.Seed, "subject", i)</c> (<see cref="PatchSampler.RandomInMask(IEnumerable{PatchSource}, RandomSamplerOptions)"/>;
    /// the single-subject overload is this with one subject).
    /// </summary>
    public static ContributionResult Compute(MrhModel model, IReadOnlyList<(Volume Inputs, bool[]? Mask)> subjects, int patchesPerSubject,
        ContributionOptions options, IProgress<int>? progress = null, InferenceOptions? inference = null)
    {
        if (subjects.Count == 0) throw new MrhException("no subject to draw patches from");
        var sources = subjects.Select((s, i) =>
        {
            model.EnsureCompatible(s.Inputs.ChannelNames, "the input");
            return new PatchSource($"subject{i + 1}", s.Inputs, Volume.FromArray(s.Inputs, new float[s.Inputs.VoxelCount], "none"), s.Mask);
        }).ToArray();
        var sampled = PatchSampler.RandomInMask(sources,
            new RandomSamplerOptions { Count = patchesPerSubject, PatchSize = model.PatchSize, Plane = model.Plane, Seed = options.Seed });
        if (sampled.Count == 0) throw new MrhException("no patch could be drawn inside the mask");
        return ContributionAnalysis.Run(new ModelPatchPredictor(model, inference), sampled.Inputs,
            new PatchLayout(sampled.Count, sampled.Channels, sampled.Size), options, progress: progress);
    }
}
