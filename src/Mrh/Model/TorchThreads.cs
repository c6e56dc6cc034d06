using Mrh.Runtime;
using static TorchSharp.torch;

namespace Mrh.Model;

/// <summary>
/// libtorch's intra-op thread count is process-wide. Tiny networks (3 x 3 patches, narrow layers) run
/// fastest on one thread, and on a busy machine extra threads can slow every step by an order of
/// magnitude; large networks gain from all cores. <see cref="Use"/> sets the count for a scope and
/// restores the previous value; nothing in the library changes it otherwise.
/// </summary>
public static class TorchThreads
{
    /// <summary>Current intra-op thread count.</summary>
    public static int Current
    {
        get { TorchRuntime.EnsureInitialized(); return get_num_threads(); }
    }

    /// <summary>Uses <paramref name="threads"/> threads until the returned handle is disposed (null or &lt; 1: unchanged).</summary>
    public static IDisposable Use(int? threads)
    {
        TorchRuntime.EnsureInitialized();
        int previous = get_num_threads();
        if (threads is not int n || n < 1 || n == previous) return new Restore(null);
        set_num_threads(n);
        return new Restore(previous);
    }

    sealed class Restore(int? previous) : IDisposable
    {
        int? _previous = previous;
        public void Dispose()
        {
            if (_previous is int p) set_num_threads(p);
            _previous = null;
        }
    }
}
