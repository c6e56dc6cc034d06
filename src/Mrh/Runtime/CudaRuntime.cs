using TorchSharp;
using static TorchSharp.torch;

namespace Mrh.Runtime;

/// <summary>
/// Whether libtorch can run on a CUDA GPU in this process, and if not, why. Asked once per process (the answer
/// is a fact of the loaded native libraries and the driver, which do not change while the process runs).
/// </summary>
public static class CudaRuntime
{
    static readonly Lock Gate = new();
    static CudaStatus? _status;

    /// <summary>Loads libtorch's CUDA support if it can; never throws.</summary>
    public static CudaStatus Status
    {
        get
        {
            lock (Gate) return _status ??= Probe();
        }
    }

    static CudaStatus Probe()
    {
        try
        {
            TorchRuntime.EnsureInitialized();
        }
        catch (MrhException e)
        {
            return new CudaStatus(false, 0, e.Message);
        }
        try
        {
            // a CPU-only libtorch (the TorchSharp-cpu package) has no CUDA backend to initialise; that is the usual answer
            if (!cuda.is_available())
            {
                try { InitializeDeviceType(DeviceType.CUDA); }
                catch (Exception e) { return new CudaStatus(false, 0, Reason(e)); }
            }
            if (!cuda.is_available()) return new CudaStatus(false, 0, NoCudaReason);
            int count = cuda.device_count();
            return count > 0 ? new CudaStatus(true, count, null) : new CudaStatus(false, 0, "libtorch has CUDA support but sees no GPU");
        }
        catch (Exception e)
        {
            return new CudaStatus(false, 0, Reason(e));
        }
    }

    const string NoCudaReason = "the loaded libtorch has no CUDA support or sees no GPU (TorchSharp-cpu is the default package; " +
                                "see environment/README.md, \"GPU\")";

    static string Reason(Exception e)
    {
        string m = e.Message.Split('\n')[0].Replace("Trace from LoadNativeBackend:", "").Trim();
        return m.Contains("CUDA", StringComparison.OrdinalIgnoreCase) ? $"{NoCudaReason}: {m}" : NoCudaReason;
    }
}

/// <summary>CUDA availability: usable, how many GPUs, and why not.</summary>
public sealed record CudaStatus(bool Available, int DeviceCount, string? Reason);
