using System.Runtime.InteropServices;
using static TorchSharp.torch;

namespace Mrh.Runtime;

/// <summary>
/// Checks libtorch's CPU convolution against the same product written as a matrix (unfold + matmul) and, where they
/// disagree, switches libtorch's oneDNN (MKLDNN) convolutions off so that libtorch falls back to its own im2col + GEMM
/// convolution.
/// </summary>
/// <remarks>
/// Measured on a 2-core AMD EPYC VM with AVX-512 (oneDNN 3.7.1 inside libtorch 2.10, TorchSharp 0.107): oneDNN's
/// direct <c>jit:avx512_core</c> and <c>jit:avx2</c> convolutions of a 3x3 input with 3x3 kernels and 'same' padding
/// are wrong in output rows 1 and 2 whenever the number of input channels is not a multiple of 16 (17 or 67 channels:
/// errors of ~10% of the output's range; 16 or 64 channels: exact), deterministically. The MRH networks' first layer has
/// 67 inputs, so the reference path (<c>Conv2d</c>) and every test that compares with it would be wrong there. libtorch's
/// switch for this is the C++ <c>at::Context::setUserEnabledMkldnn(bool)</c>, which TorchSharp does not expose; it is
/// called through the library's exported symbol (Itanium C++ ABI, x64 Linux).
/// </remarks>
static class OneDnnConvolutionGuard
{
    const string GlobalContext = "_ZN2at13globalContextEv";
    const string SetUserEnabledMkldnn = "_ZN2at7Context20setUserEnabledMkldnnEb";

    /// <summary>
    /// Runs the check and applies the work-around where needed. Returns a note for <c>mrh doctor</c> when the
    /// work-around was applied or was needed and could not be, else null.
    /// </summary>
    public static string? Apply()
    {
        double error = RelativeError();
        if (error < 1e-4) return null;
        if (!TryDisableMkldnn())
            return $"libtorch's convolution disagrees with its matrix form on this CPU (relative error {error:G2}) and " +
                   "oneDNN could not be switched off: the reference path (Conv2d) is unreliable here";
        double after = RelativeError();
        return after < 1e-4
            ? $"libtorch's oneDNN convolution is wrong on this CPU (relative error {error:G2} for 17 input channels); " +
              "oneDNN is switched off, libtorch's own convolution is used (correct, slower)"
            : $"libtorch's convolution disagrees with its matrix form on this CPU (relative error {error:G2}, {after:G2} " +
              "with oneDNN off): the reference path (Conv2d) is unreliable here";
    }

    /// <summary>max |conv2d - unfold·matmul| / max |conv2d| on a fixed random case (17 -> 8 channels, 3x3 on 3x3).</summary>
    internal static double RelativeError()
    {
        using var scope = NewDisposeScope();
        var gen = new Generator(17);
        var x = randn([8, 17, 3, 3], generator: gen);
        var w = randn([8, 17, 3, 3], generator: gen);
        var conv = nn.functional.conv2d(x, w, padding: [1, 1]);
        var columns = nn.functional.unfold(x, 3, padding: 1);                       // [8, 17*9, 9]
        var dense = w.reshape(8, -1).matmul(columns).reshape(8, 8, 3, 3);
        double scale = conv.abs().max().item<float>();
        double diff = (conv - dense).abs().max().item<float>();
        return scale > 0 ? diff / scale : double.PositiveInfinity;
    }

    static unsafe bool TryDisableMkldnn()
    {
        if (!OperatingSystem.IsLinux() || RuntimeInformation.ProcessArchitecture != Architecture.X64) return false;
        // libtorch_cpu is already loaded by TorchSharp; dlopen by its soname returns that copy.
        if (!NativeLibrary.TryLoad("libtorch_cpu.so", out var lib)) return false;
        if (!NativeLibrary.TryGetExport(lib, GlobalContext, out var context) ||
            !NativeLibrary.TryGetExport(lib, SetUserEnabledMkldnn, out var setter)) return false;
        nint instance = ((delegate* unmanaged<nint>)context)();
        ((delegate* unmanaged<nint, byte, void>)setter)(instance, 0);
        return true;
    }
}
