using Mrh.Analysis;
using Mrh.Imaging;
using Mrh.Patches;

namespace Mrh.Model;

/// <summary>
/// How much each input image contributes to a trained network's output (the paper's Fig. 2A): random
/// patches of a subject inside its mask, Rician noise added to one input image at a time
/// (<see cref="ContributionAnalysis"/>), contributions normalised to sum to one.
/// </summary>
public static class ChannelContributions
{
    /// <param name="inputs">the subject's MRI in the model's channel order</param>
    /// <param name="mask">where patches are drawn (null: everywhere)</param>
    /// <param name="patches">number of random patches</param>
    public static ContributionResult Compute(MrhModel model, Volume inputs, bool[]? mask, int patches, ContributionOptions options,
        IProgress<int>? progress = null)
    {
        model.EnsureCompatible(inputs.ChannelNames, "the input");
        var target = Volume.FromArray(inputs, new float[inputs.VoxelCount], "none");
        var sampled = PatchSampler.RandomInMask(new PatchSource("subject", inputs, target, mask),
            new RandomSamplerOptions { Count = patches, PatchSize = model.PatchSize, Plane = model.Plane, Seed = options.Seed });
        if (sampled.Count == 0) throw new MrhException("no patch could be drawn inside the mask");
        return ContributionAnalysis.Run(new ModelPatchPredictor(model), sampled.Inputs,
            new PatchLayout(sampled.Count, sampled.Channels, sampled.Size), options, progress: progress);
    }
}
