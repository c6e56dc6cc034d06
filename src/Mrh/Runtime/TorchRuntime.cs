using System.Diagnostics;
using System.Runtime.InteropServices;
using TorchSharp;
using static TorchSharp.torch;

namespace Mrh.Runtime;

/// <summary>
/// Loads TorchSharp's native libraries once, and turns a failure into an explanation a user can act on.
/// </summary>
public static class TorchRuntime
{
    static readonly Lock Gate = new();
    static string? _failure;
    static bool _ready;

    /// <summary>
    /// Set once at initialisation where libtorch's CPU convolution needed a work-around on this machine (or was found
    /// wrong and could not be mended); null where it agrees with its matrix form. See <see cref="OneDnnConvolutionGuard"/>.
    /// </summary>
    public static string? ConvolutionNote { get; private set; }

    /// <summary>
    /// Initialises libtorch on the CPU. Throws <see cref="MrhException"/> with the likely cause and the
    /// fix if it cannot be loaded.
    /// </summary>
    public static void EnsureInitialized()
    {
        lock (Gate)
        {
            if (_ready) return;
            if (_failure != null) throw new MrhException(_failure);
            try
            {
                TorchNatives.EnsureLoaded();
                InitializeDeviceType(DeviceType.CPU);
                ConvolutionNote = OneDnnConvolutionGuard.Apply();
                _ready = true;
            }
            catch (Exception e)
            {
                _failure = Explain(e);
                throw new MrhException(_failure, e);
            }
        }
    }

    /// <summary>A one-line explanation of why libtorch did not load.</summary>
    public static string Explain(Exception e)
    {
        string all = string.Join(" | ", Chain(e).Select(x => x.Message));
        if (all.Contains("GLIBCXX_", StringComparison.Ordinal))
            return "TorchSharp's native library needs a newer libstdc++ than this system has; the build step " +
                   "that relaxes this (Directory.Build.targets) did not run on this output folder: rebuild with " +
                   "`dotnet build` from the repository, or see environment/README.md";
        if (all.Contains("libtorch-cpu", StringComparison.Ordinal) || all.Contains("LibTorchSharp", StringComparison.Ordinal))
            return "TorchSharp's native libraries (libtorch) could not be loaded from the application folder; " +
                   "rebuild with `dotnet build` so that the TorchSharp-cpu package's native files are copied, " +
                   $"or see environment/README.md ({FirstLine(Chain(e).Last().Message)})";
        return "TorchSharp could not be initialised: " + FirstLine(Chain(e).Last().Message);
    }

    static IEnumerable<Exception> Chain(Exception e)
    {
        for (Exception? x = e; x != null; x = x.InnerException) yield return x;
    }

    static string FirstLine(string s)
    {
        int i = s.IndexOfAny(['\r', '\n']);
        return (i < 0 ? s : s[..i]).Trim();
    }

    /// <summary>
    /// Versions, threads and device; runs a small convolution forward and backward pass and reports
    /// whether it gave a finite loss and a gradient of the right shape. Never throws.
    /// </summary>
    public static TorchInfo Describe()
    {
        string dotnet = RuntimeInformation.FrameworkDescription;
        string torchSharp = typeof(torch).Assembly.GetName().Version?.ToString(3) ?? "?";
        try
        {
            EnsureInitialized();
        }
        catch (MrhException e)
        {
            return new TorchInfo(dotnet, torchSharp, "not loaded", 0, "none", false, false, 0, e.Message);
        }
        string libtorch = __version__;
        int threads = get_num_threads();
        bool cuda = cuda_is_available();
        try
        {
            var sw = Stopwatch.StartNew();
            bool ok = ConvolutionCheck();
            sw.Stop();
            return new TorchInfo(dotnet, torchSharp, libtorch, threads, "cpu", cuda, ok, sw.Elapsed.TotalMilliseconds,
                ok ? null : "convolution check gave a non-finite loss or a wrong gradient");
        }
        catch (Exception e)
        {
            return new TorchInfo(dotnet, torchSharp, libtorch, threads, "cpu", cuda, false, 0, Explain(e));
        }
    }

    /// <summary>A 3x3 convolution on a small batch, forward and backward, with a fixed seed.</summary>
    static bool ConvolutionCheck()
    {
        using var scope = NewDisposeScope();
        var gen = new Generator(1234);
        var x = randn([4, 8, 9, 9], generator: gen);
        var w = randn([16, 8, 3, 3], generator: gen).requires_grad_(true);
        var y = nn.functional.conv2d(x, w, padding: [1, 1]);
        var loss = y.square().mean();
        loss.backward();
        var g = w.grad;
        return float.IsFinite(loss.item<float>()) && g is not null &&
               g.shape.SequenceEqual(new long[] { 16, 8, 3, 3 }) && g.abs().sum().item<float>() > 0;
    }
}
