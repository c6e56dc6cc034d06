using Mrh.Patches;

namespace Mrh.Model;

/// <summary>A trained model and its training run.</summary>
public sealed record TrainedModel(MrhModel Model, TrainingResult Result);

/// <summary>
/// The whole training recipe on co-registered volumes: sample patches from each subject, cap their
/// number, hold out the validation patches (shuffled, the last ones), fit the normalisation on the
/// training patches, build (or transfer) the network, train. What `mrh train` and the notebooks call.
/// The validation set holds <see cref="TrainerOptions.ValidationCount"/> patches (the authors' 1,000), but
/// never more than a fifth of the patches, so that small runs keep most of their data for training.
/// With a base model (transfer learning) the base model's input normalisation is kept and only the target
/// scaling is fitted anew.
/// </summary>
public static class ModelTraining
{
    /// <summary>Trains on subjects' volumes (see <see cref="TrainingSetup"/>).</summary>
    public static TrainedModel Train(IReadOnlyList<PatchSource> subjects, TrainingSetup setup, IProgress<EpochReport>? progress = null,
        MrhModel? baseModel = null, string? datasetName = null, string? baseModelName = null, CancellationToken cancellation = default)
    {
        if (subjects.Count == 0) throw new MrhException("no subjects to train on");
        var patches = Sample(subjects, setup);
        if (patches.Count == 0) throw new MrhException($"no patches passed the sampler's rules in subjects {string.Join(", ", subjects.Select(s => s.SubjectId))}");
        return TrainOnPatches(patches, setup, progress, baseModel, datasetName, baseModelName, SamplerName(setup), cancellation);
    }

    /// <summary>The patches the setup's sampler cuts from the subjects (before capping).</summary>
    public static PatchSet Sample(IReadOnlyList<PatchSource> subjects, TrainingSetup setup) =>
        PatchSet.Concat(subjects.Select((s, i) => SampleSubject(s, setup, i)).ToArray());

    /// <summary>
    /// The patches of one subject, the <paramref name="position"/>-th of the run (it seeds the random
    /// sampler), so that callers can load one subject at a time and release its volumes.
    /// </summary>
    public static PatchSet SampleSubject(PatchSource subject, TrainingSetup setup, int position)
    {
        if (setup.Sampler == SamplerKind.RandomInMask)
            return PatchSampler.RandomInMask(subject, setup.Random with { Seed = Seeds.Int(setup.Seed, "patches", position) });
        var o = setup.Authors;
        if (setup.ScaleStridesToSpacing)
        {
            var g = new PatchGeometry(subject.Inputs, o.Plane, o.PatchSize);
            o = o.ScaledTo(Math.Min(subject.Inputs.Spacing[g.ColumnAxis], subject.Inputs.Spacing[g.RowAxis]));
        }
        return PatchSampler.Authors(subject, o);
    }

    /// <summary>The sampler's name as recorded in a model's provenance.</summary>
    public static string SamplerName(TrainingSetup setup) => setup.Sampler == SamplerKind.Authors ? "authors" : "random-in-mask";

    /// <summary>Trains on raw (not normalised) patches, e.g. the authors' prepared .mat patches.</summary>
    public static TrainedModel TrainOnPatches(PatchSet rawPatches, TrainingSetup setup, IProgress<EpochReport>? progress = null,
        MrhModel? baseModel = null, string? datasetName = null, string? baseModelName = null, string sampler = "given",
        CancellationToken cancellation = default)
    {
        var (train, val) = Split(rawPatches, setup);
        var patches = train;

        var norm = Normalization.Fit(train, setup.Normalization);
        var config = setup.Network with { InputChannels = patches.Channels };
        MrhNetwork network;
        IReadOnlyDictionary<string, double>? factors = null;
        TransferRecord? transfer = null;
        var options = setup.Trainer with { Seed = Seeds.Int(setup.Seed, "trainer") };
        if (baseModel != null)
        {
            baseModel.EnsureCompatible(patches.ChannelNames, "the training data");
            if (baseModel.PatchSize != patches.Size) throw new MrhException($"the base model uses {baseModel.PatchSize}x{baseModel.PatchSize} patches, the data {patches.Size}x{patches.Size}");
            // the transferred layers expect the base model's input scaling; only the target is refitted
            norm = norm with
            {
                Kind = baseModel.Normalization.Kind,
                InputOffset = baseModel.Normalization.InputOffset,
                InputScale = baseModel.Normalization.InputScale,
            };
            var prepared = TransferLearning.Prepare(baseModel.Network, setup.Transfer with { Seed = Seeds.Int(setup.Seed, "weights") });
            network = prepared.Network;
            config = network.Config;
            factors = prepared.LearnRateFactors;
            transfer = new TransferRecord(baseModelName, baseModel.TargetName, setup.Transfer, prepared.ReinitializedLayers, prepared.FrozenLayers);
        }
        else network = new MrhNetwork(config, Seeds.Int(setup.Seed, "weights"));

        try
        {
            var result = Trainer.Train(network, norm.Apply(train), norm.Apply(val), options, progress, factors, cancellation: cancellation);
            var meta = new ModelMetadata
            {
                Network = config,
                ParameterCount = network.ParameterCount,
                ChannelNames = patches.ChannelNames,
                TargetName = setup.TargetName,
                PatchSize = patches.Size,
                Plane = patches.Plane,
                Normalization = norm,
                Training = options,
                Result = result,
                Transfer = transfer,
                Provenance = new DataProvenance(datasetName, patches.Subjects, sampler, train.Count, val.Count),
                Seed = setup.Seed,
                Versions = VersionInfo.Current(),
                CreatedUtc = DateTime.UtcNow,
            };
            return new TrainedModel(new MrhModel(network, meta), result);
        }
        catch
        {
            network.Dispose();
            throw;
        }
    }

    /// <summary>
    /// The training and validation patches a run uses: the patches capped at <see cref="TrainingSetup.MaxPatches"/> (a
    /// seeded subset), then the seeded hold-out of <see cref="TrainerOptions.ValidationCount"/> patches (at most a fifth).
    /// The regression baselines (<see cref="Baselines.PatchRegression"/>) take the same split as the network.
    /// </summary>
    public static (PatchSet Train, PatchSet Validation) Split(PatchSet rawPatches, TrainingSetup setup)
    {
        var patches = rawPatches;
        if (setup.MaxPatches is int max && patches.Count > max) patches = patches.Sample(max, Seeds.Int(setup.Seed, "subsample"));
        int validation = Math.Min(setup.Trainer.ValidationCount, patches.Count / 5);
        if (validation < 1) throw new MrhException($"{patches.Count} patches are too few to hold out a validation set");
        return patches.SplitValidation(validation, Seeds.Int(setup.Seed, "validation"));
    }
}
