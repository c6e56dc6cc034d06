using Mrh.Model;

namespace Mrh.Experiments;

/// <summary>
/// The standard MRH-AF network that Figs. 2 and 3 start from: the MRI training animals paired with the AF of
/// six animals (Fig. 1 case ii), the paper's setting for the contribution analysis and the transfer to NF and
/// MBP. Training is seeded, so every notebook that asks for it gets the same network.
/// </summary>
public static class MrhAf
{
    /// <summary>Trains the standard MRH-AF network on <paramref name="data"/> with the preset's sizes.</summary>
    public static TrainedModel Train(StudyData data, ExperimentSettings settings, IProgress<EpochReport>? progress = null) =>
        Train(new TrainingSizeExperiment(data, settings), null, progress);

    /// <summary>
    /// The same network (same animals, patches, sizes and seed) on a subset of the MRI images
    /// (<paramref name="channels"/>: indices into the protocol, null for all), as Fig. 2 retrains it.
    /// </summary>
    public static TrainedModel Train(TrainingSizeExperiment fig1, IReadOnlyList<int>? channels, IProgress<EpochReport>? progress = null) =>
        fig1.Train(fig1.Cases().First(c => c.Id == "ii"), progress, channels);
}
