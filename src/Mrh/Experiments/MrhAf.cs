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
    public static TrainedModel Train(TrainingSizeExperiment fig1, IReadOnlyList<int>? channels, IProgress<EpochReport>? progress = null, string? unit = null) =>
        fig1.Train(Case(fig1), progress, channels, unit);

    /// <summary>The case of the standard network (Fig. 1 case ii).</summary>
    public static TrainingCase Case(TrainingSizeExperiment fig1) => fig1.Cases().First(c => c.Id == "ii");

    /// <summary>The recipe of the standard network (or of its retraining on <paramref name="channels"/>), asked for by <paramref name="unit"/>.</summary>
    public static Jobs.NetworkRecipe Recipe(TrainingSizeExperiment fig1, string unit, IReadOnlyList<int>? channels = null) =>
        fig1.Recipe(Case(fig1), channels, unit);
}
