using System.Runtime.InteropServices;
using System.Text;

namespace Mrh.Runtime;

/// <summary>A GPU as the NVIDIA driver reports it: name and memory.</summary>
public sealed record GpuDevice(int Index, string Name, long TotalBytes, long FreeBytes);

/// <summary>
/// The NVIDIA GPUs of this machine, asked from the driver's management library (NVML, libnvidia-ml.so.1, installed
/// with every NVIDIA driver), independently of libtorch. Never throws: no driver gives an empty list and the reason.
/// </summary>
public static class GpuInfo
{
    public static (IReadOnlyList<GpuDevice> Devices, string? Error) Query()
    {
        if (!NativeLibrary.TryLoad("libnvidia-ml.so.1", out var lib) && !NativeLibrary.TryLoad("nvml.dll", out lib))
            return ([], "no NVIDIA driver (libnvidia-ml not found)");
        try
        {
            var init = Function<InitFn>(lib, "nvmlInit_v2");
            var count = Function<CountFn>(lib, "nvmlDeviceGetCount_v2");
            var handle = Function<HandleFn>(lib, "nvmlDeviceGetHandleByIndex_v2");
            var name = Function<NameFn>(lib, "nvmlDeviceGetName");
            var memory = Function<MemoryFn>(lib, "nvmlDeviceGetMemoryInfo");
            var shutdown = Function<InitFn>(lib, "nvmlShutdown");
            int rc = init();
            if (rc != 0) return ([], $"the NVIDIA driver did not initialise (NVML error {rc})");
            try
            {
                if (count(out uint n) != 0) return ([], "NVML could not count the GPUs");
                var list = new List<GpuDevice>();
                for (uint i = 0; i < n; i++)
                {
                    if (handle(i, out var h) != 0) continue;
                    var buffer = new byte[96];
                    string gpuName = name(h, buffer, (uint)buffer.Length) == 0 ? Encoding.ASCII.GetString(buffer).TrimEnd('\0') : "?";
                    long total = 0, free = 0;
                    if (memory(h, out var m) == 0) { total = (long)m.Total; free = (long)m.Free; }
                    list.Add(new GpuDevice((int)i, gpuName, total, free));
                }
                return (list, list.Count == 0 ? "the NVIDIA driver reports no GPU" : null);
            }
            finally { shutdown(); }
        }
        catch (Exception e) when (e is EntryPointNotFoundException or MarshalDirectiveException)
        {
            return ([], "the NVIDIA management library is too old: " + e.Message);
        }
        finally
        {
            NativeLibrary.Free(lib);
        }
    }

    static T Function<T>(IntPtr lib, string name) where T : Delegate =>
        Marshal.GetDelegateForFunctionPointer<T>(NativeLibrary.GetExport(lib, name));

    [StructLayout(LayoutKind.Sequential)]
    struct NvmlMemory { public ulong Total, Free, Used; }

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)] delegate int InitFn();
    [UnmanagedFunctionPointer(CallingConvention.Cdecl)] delegate int CountFn(out uint count);
    [UnmanagedFunctionPointer(CallingConvention.Cdecl)] delegate int HandleFn(uint index, out IntPtr device);
    [UnmanagedFunctionPointer(CallingConvention.Cdecl)] delegate int NameFn(IntPtr device, byte[] name, uint length);
    [UnmanagedFunctionPointer(CallingConvention.Cdecl)] delegate int MemoryFn(IntPtr device, out NvmlMemory memory);
}
