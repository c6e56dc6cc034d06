using Mrh.Cli.Framework;
using Mrh.Imaging;
using Mrh.Model;
using Mrh.Patches;

namespace Mrh.Cli.Commands;

/// <summary>Option values shared by `mrh train`, `mrh predict` and `mrh model info`.</summary>
static class ModelCliParsing
{
    /// <summary>The --device option of every command that trains or applies networks.</summary>
    public static OptionSpec DeviceOption => new("device",
        $"cpu (default), cuda (an error where there is none) or auto (CUDA if available, else the CPU); default: ${DeviceSelection.EnvironmentVariable} or cpu",
        ValueName: "NAME");

    /// <summary>The --precision option: matrix-product precision of the dense-matrix form on a GPU.</summary>
    public static OptionSpec PrecisionOption => new("precision",
        "fp32 (default), tf32 (GPU) or bf16: matrix-product precision of the network (bf16 differs from fp32 by ~1e-2 relative)", ValueName: "NAME");

    /// <summary>
    /// The device of --device, else $MRH_DEVICE, else the CPU, resolved here: CUDA where there is none is a one-line
    /// error (exit 2), auto falls back to the CPU with a note on standard error. Returns cpu or cuda.
    /// </summary>
    public static ComputeDevice Device(ParsedArgs args, CliContext context)
    {
        var choice = DeviceSelection.FromOptionOrEnvironment(args.Get("device"), Environment.GetEnvironmentVariable(DeviceSelection.EnvironmentVariable));
        var resolved = DeviceSelection.Resolve(choice);
        if (resolved.Note != null) context.Error.WriteLine($"mrh: note: {resolved.Note}");
        return resolved.Device;
    }

    /// <summary>The precision of --precision (default fp32).</summary>
    public static NumericPrecision Precision(ParsedArgs args) =>
        args.Get("precision") is string p ? NumericPrecisions.Parse(p) : NumericPrecision.Float32;

    public static AnatomicalPlane Plane(string text) => text.Trim().ToLowerInvariant() switch
    {
        "coronal" => AnatomicalPlane.Coronal,
        "horizontal" or "axial" => AnatomicalPlane.Horizontal,
        "sagittal" => AnatomicalPlane.Sagittal,
        _ => throw new UsageException($"unknown plane '{text}' (expected coronal, horizontal or sagittal)"),
    };

    public static OptimizerKind Optimizer(string text) => text.Trim().ToLowerInvariant() switch
    {
        "sgdm" or "sgd" => OptimizerKind.SgdMomentum,
        "adam" => OptimizerKind.Adam,
        _ => throw new UsageException($"unknown optimizer '{text}' (expected sgdm or adam)"),
    };

    public static LossKind Loss(string text) => text.Trim().ToLowerInvariant() switch
    {
        "l1" => LossKind.L1,
        "half-mse" or "mse" => LossKind.HalfMse,
        _ => throw new UsageException($"unknown loss '{text}' (expected l1 or half-mse)"),
    };

    public static GradientClipping Clipping(string text) => text.Trim().ToLowerInvariant() switch
    {
        "per-parameter" or "l2norm" => GradientClipping.PerParameterL2Norm,
        "global" or "global-l2norm" => GradientClipping.GlobalL2Norm,
        "absolute" or "absolute-value" => GradientClipping.AbsoluteValue,
        "none" => GradientClipping.None,
        _ => throw new UsageException($"unknown clipping '{text}' (expected per-parameter, global, absolute or none)"),
    };

    public static NormalizationKind Normalization(string text) => text.Trim().ToLowerInvariant() switch
    {
        "robust" => NormalizationKind.RobustPerChannel,
        "global-max" => NormalizationKind.GlobalMax,
        "none" => NormalizationKind.None,
        _ => throw new UsageException($"unknown normalization '{text}' (expected robust, global-max or none)"),
    };

    public static SamplerKind Sampler(string text) => text.Trim().ToLowerInvariant() switch
    {
        "authors" => SamplerKind.Authors,
        "random" => SamplerKind.RandomInMask,
        _ => throw new UsageException($"unknown sampler '{text}' (expected authors or random)"),
    };

    public static TransferMode Transfer(string text) => text.Trim().ToLowerInvariant() switch
    {
        "freeze" => TransferMode.Freeze,
        "lower-rate" => TransferMode.LowerRate,
        _ => throw new UsageException($"unknown transfer mode '{text}' (expected freeze or lower-rate)"),
    };

    /// <summary>The preset's wording in lower case ("quick").</summary>
    public static string Name(this Enum value) => value.ToString().ToLowerInvariant();
}
