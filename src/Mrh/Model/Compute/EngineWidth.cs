using System.Runtime.Intrinsics;

namespace Mrh.Model.Compute;

/// <summary>The vector width the Winograd engine's kernels run at.</summary>
public enum EngineWidth
{
    /// <summary>128-bit vectors (4 floats): Arm NEON (Apple Silicon, Graviton), SSE, AVX without AVX2.</summary>
    V128 = 128,
    /// <summary>256-bit vectors (8 floats): AVX2 with FMA (most x64 laptops and desktops).</summary>
    V256 = 256,
    /// <summary>512-bit vectors (16 floats): AVX-512.</summary>
    V512 = 512,
}

/// <summary>Which widths this machine runs, and the one the engine picks.</summary>
public static class EngineWidths
{
    /// <summary>
    /// The widest of the widths the runtime accelerates, or null where none is (no SIMD, or switched off
    /// with <c>DOTNET_EnableHWIntrinsic=0</c>): then the reference path runs. .NET reports 512-bit vectors
    /// as accelerated only where they do not slow the core down, and honours <c>DOTNET_EnableAVX512=0</c>
    /// and <c>DOTNET_EnableAVX2=0</c>, which is how narrower widths are tested on wider hardware.
    /// </summary>
    public static EngineWidth? Best => Choose(Vector512.IsHardwareAccelerated, Vector256.IsHardwareAccelerated, Vector128.IsHardwareAccelerated);

    /// <summary>The widest width among those accelerated, or null if none is.</summary>
    public static EngineWidth? Choose(bool v512, bool v256, bool v128) =>
        v512 ? EngineWidth.V512 : v256 ? EngineWidth.V256 : v128 ? EngineWidth.V128 : null;

    /// <summary>Whether kernels of <paramref name="width"/> run natively here.</summary>
    public static bool IsSupported(EngineWidth width) => width switch
    {
        EngineWidth.V512 => Vector512.IsHardwareAccelerated,
        EngineWidth.V256 => Vector256.IsHardwareAccelerated,
        EngineWidth.V128 => Vector128.IsHardwareAccelerated,
        _ => false,
    };

    /// <summary>Every width that runs natively here, widest first (what the agreement tests run over).</summary>
    public static IReadOnlyList<EngineWidth> Supported =>
        [.. new[] { EngineWidth.V512, EngineWidth.V256, EngineWidth.V128 }.Where(IsSupported)];

    /// <summary>A short description, e.g. "256-bit vectors (AVX2)", for doctor and bench.</summary>
    public static string Describe(EngineWidth width) => width switch
    {
        EngineWidth.V512 => "512-bit vectors (AVX-512)",
        EngineWidth.V256 => "256-bit vectors (AVX2 + FMA)",
        EngineWidth.V128 => System.Runtime.Intrinsics.Arm.AdvSimd.IsSupported ? "128-bit vectors (Arm NEON)"
            : System.Runtime.Intrinsics.X86.Fma.IsSupported ? "128-bit vectors (SSE/AVX with FMA)" : "128-bit vectors (SSE/AVX, no FMA)",
        _ => width.ToString(),
    };

    /// <summary>What the engine runs on this machine, one line: the width, or the reference path and why.</summary>
    public static string DescribeBest() => Best is { } w
        ? $"Winograd engine, {Describe(w)}"
        : "reference path (libtorch Conv2d): no SIMD acceleration for .NET on this machine";
}
