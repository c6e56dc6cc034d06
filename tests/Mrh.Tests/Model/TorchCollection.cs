using Mrh.Model;

namespace Mrh.Tests.Model;

/// <summary>
/// The network tests share one collection so they never run at the same time as each other (libtorch's
/// thread count is process-wide) and run on one thread: tiny networks are fastest that way, and a fixed
/// thread count keeps "same seed, same bytes" meaningful.
/// </summary>
[CollectionDefinition(Name)]
public sealed class TorchCollection : ICollectionFixture<TorchCollection.OneThread>
{
    public const string Name = "torch networks";

    public sealed class OneThread : IDisposable
    {
        readonly IDisposable _threads = TorchThreads.Use(1);
        public void Dispose() => _threads.Dispose();
    }
}
