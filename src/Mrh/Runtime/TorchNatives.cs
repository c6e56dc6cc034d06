using System.Runtime.InteropServices;
using TorchSharp;

namespace Mrh.Runtime;

/// <summary>
/// Finds TorchSharp's native libraries where a host does not look for them. An application (the `mrh` tool, the
/// tests) finds them through its deps.json; the .NET Interactive kernel does not: it loads Mrh.Core.dll and
/// TorchSharp.dll from the folder a notebook references (notebooks/lib/, filled by the build), but looks for
/// LibTorchSharp only in its own folders. There, the libraries in that folder's <c>runtimes/RID/native/</c> (on
/// Linux, the copy whose GLIBCXX_3.4.32 reference the build relaxed, so it loads on Debian 12 / Ubuntu 22.04 too)
/// are loaded by absolute path before libtorch is initialised; their own dependencies follow through their
/// <c>$ORIGIN</c> run path.
/// </summary>
public static class TorchNatives
{
    /// <summary>
    /// Loads LibTorchSharp (and libtorch before it) from beside this library, unless the host already finds it.
    /// Returns the folder loaded from, or null when nothing had to be done or nothing was found (then TorchSharp's
    /// own loading runs, and its error is explained by <see cref="TorchRuntime.Explain"/>).
    /// </summary>
    public static string? EnsureLoaded()
    {
        var torchSharp = typeof(torch).Assembly;
        if (NativeLibrary.TryLoad("LibTorchSharp", torchSharp, null, out _)) return null;
        foreach (string folder in CandidateFolders())
        {
            string glue = Path.Combine(folder, LibraryFile("LibTorchSharp"));
            if (!File.Exists(glue)) continue;
            string torchCpu = Path.Combine(folder, LibraryFile("torch_cpu"));
            if (File.Exists(torchCpu)) NativeLibrary.Load(torchCpu);
            NativeLibrary.Load(glue);
            return folder;
        }
        return null;
    }

    /// <summary>Where the natives may be: this platform's runtimes folder beside Mrh.Core.dll and TorchSharp.dll, or those folders themselves.</summary>
    static IEnumerable<string> CandidateFolders()
    {
        string rid = RuntimeInformation.RuntimeIdentifier;
        foreach (var assembly in new[] { typeof(TorchNatives).Assembly, typeof(torch).Assembly })
        {
            string? dir = Path.GetDirectoryName(assembly.Location);
            if (string.IsNullOrEmpty(dir)) continue;
            yield return Path.Combine(dir, "runtimes", rid, "native");
            yield return dir;
        }
    }

    /// <summary>The file name of a native library on this platform (libX.so, libX.dylib, X.dll).</summary>
    static string LibraryFile(string name) =>
        OperatingSystem.IsWindows() ? name + ".dll" : OperatingSystem.IsMacOS() ? "lib" + name + ".dylib" : "lib" + name + ".so";
}
