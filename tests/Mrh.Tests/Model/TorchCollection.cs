using Mrh.Model;
using Mrh.Patches;

namespace Mrh.Tests.Model;

/// <summary>
/// The network tests share one collection so they never run at the same time as each other (libtorch's
/// thread count is process-wide) and run on one thread: tiny networks are fastest that way, and a fixed
/// thread count keeps "same seed, same bytes" meaningful.
/// </summary>
[CollectionDefinition(Name)]
public sealed class TorchCollection : ICollectionFixture<TorchCollection.OneThread>, ICollectionFixture<TrainedFixture>
{
    public const string Name = "torch networks";

    public sealed class OneThread : IDisposable
    {
        readonly IDisposable _threads = TorchThreads.Use(1);
        public void Dispose() => _threads.Dispose();
    }
}

/// <summary>
/// One small network trained once with the paper's recipe (SGD, momentum 0.9, lr 0.1 with x0.1 every 10
/// epochs, L2 1e-4, per-parameter gradient clipping at 0.01, L1 loss, batch 128) on two synthetic
/// subjects; a third subject is held out.
/// </summary>
public sealed class TrainedFixture : IDisposable
{
    public PatchSource[] Subjects { get; } = [SyntheticPair.Make(20, 1, "a"), SyntheticPair.Make(20, 2, "b")];
    public PatchSource HeldOut { get; } = SyntheticPair.Make(20, 3, "c");
    public TrainingSetup Setup { get; }
    public TrainedModel Trained { get; }
    public List<EpochReport> Reported { get; } = [];

    public TrainedFixture()
    {
        using var threads = TorchThreads.Use(1);
        Setup = new TrainingSetup
        {
            Sampler = SamplerKind.RandomInMask,
            Random = new RandomSamplerOptions { Count = 2000 },
            Network = new NetworkConfig(4, 1, 12),
            Trainer = new TrainerOptions { MaxEpochs = 14, ValidationCount = 500 },
            Seed = 7,
        };
        Trained = ModelTraining.Train(Subjects, Setup, new SyncProgress<EpochReport>(Reported.Add), datasetName: "synthetic");
    }

    public void Dispose() => Trained.Model.Dispose();
}

/// <summary>An IProgress that reports synchronously (Progress&lt;T&gt; posts to the thread pool).</summary>
sealed class SyncProgress<T>(Action<T> action) : IProgress<T>
{
    public void Report(T value) => action(value);
}
