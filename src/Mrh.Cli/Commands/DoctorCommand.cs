using System.Globalization;
using System.Text.Json.Nodes;
using Mrh.Benchmarking;
using Mrh.Cli.Framework;
using Mrh.Model;
using Mrh.Model.Compute;
using Mrh.Runtime;

namespace Mrh.Cli.Commands;

/// <summary>`mrh doctor`: is the deep-learning stack usable on this machine, and is there a GPU?</summary>
public sealed class DoctorCommand : CliCommand
{
    public override string Name => "doctor";
    public override string Summary => "check .NET, TorchSharp and libtorch; run a small convolution forward/backward; report the GPU";
    public override string Details =>
        """
        Exits 0 only if a 3x3 convolution ran forward and backward on this machine. Reports CUDA (available, or why
        not) and the NVIDIA GPUs the driver sees. With --device cuda (or auto finding CUDA) it also checks that the
        GPU computes the same function as the CPU: the dense-matrix form at fp32/tf32/bf16 against Conv2d in float64,
        and a few epochs of training against the CPU's; --device cuda where CUDA is not available exits 2.
        Also says which vector width our Winograd engine runs at here (512-bit AVX-512, 256-bit AVX2,
        128-bit SSE or Arm NEON), or that the reference path (libtorch Conv2d) runs for lack of SIMD.
        """;
    public override IReadOnlyList<OptionSpec> Options =>
    [
        new("json", "print the facts as JSON", false),
        ModelCliParsing.DeviceOption,
        new("check", "with --device: also run the agreement check on that device (default with cuda)", false),
        new("quick-only", "the agreement check on the quick preset's network instead of the paper's", false),
    ];

    public override int Run(ParsedArgs args, CliContext context)
    {
        var info = TorchRuntime.Describe();
        var cuda = CudaRuntime.Status;
        var (gpus, gpuError) = GpuInfo.Query();
        DeviceAgreementReport? agreement = null;
        bool deviceAsked = args.Has("device") || Environment.GetEnvironmentVariable(DeviceSelection.EnvironmentVariable) is { Length: > 0 };
        if (info.ConvolutionRan && deviceAsked)
        {
            var device = ModelCliParsing.Device(args, context); // exit 2 where CUDA is asked for and absent
            if (device == ComputeDevice.Cuda || args.Flag("check"))
            {
                var config = args.Flag("quick-only") ? new NetworkConfig(67, 5, 48) : new NetworkConfig(67, 30, 64);
                agreement = DeviceAgreement.Measure(device, config, progress: new Reporter(context));
            }
        }
        if (args.Flag("json"))
        {
            // TorchInfo's fields, the engine's (engineWidth: 512, 256, 128, or null for the reference path), CUDA and the GPUs
            var node = JsonNode.Parse(Json.Serialize(info))!.AsObject();
            node["engineWidth"] = EngineWidths.Best is { } width ? (int)width : null;
            node["engine"] = EngineWidths.DescribeBest();
            node["convolutionNote"] = TorchRuntime.ConvolutionNote;
            node["cuda"] = JsonNode.Parse(Json.Serialize(cuda));
            node["gpus"] = JsonNode.Parse(Json.Serialize(gpus));
            node["gpuError"] = gpuError;
            node["agreement"] = agreement is null ? null : JsonNode.Parse(Json.Serialize(agreement));
            context.Out.WriteLine(node.ToJsonString(Json.Options));
        }
        else
        {
            Print(info, context.Out);
            context.Out.WriteLine(cuda.Available ? $"cuda         available to libtorch ({cuda.DeviceCount} GPU(s))" : $"cuda         not available: {cuda.Reason}");
            if (gpus.Count == 0) context.Out.WriteLine($"gpu          none ({gpuError})");
            foreach (var g in gpus)
                context.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"gpu {g.Index}        {g.Name}, {g.TotalBytes / (double)(1L << 30):0.0} GiB ({g.FreeBytes / (double)(1L << 30):0.0} GiB free)"));
            if (agreement != null) PrintAgreement(agreement, context.Out);
        }
        if (!info.ConvolutionRan && !args.Flag("json"))
            context.Error.WriteLine($"mrh: error: {info.Error}");
        return info.ConvolutionRan ? CommandLine.Ok : CommandLine.Failed;
    }

    public static void Print(TorchInfo info, TextWriter w)
    {
        w.WriteLine($".NET         {info.DotNetVersion}");
        w.WriteLine($"TorchSharp   {info.TorchSharpVersion}");
        w.WriteLine($"libtorch     {info.LibTorchVersion}");
        w.WriteLine($"threads      {info.Threads}  (cores: {Environment.ProcessorCount})");
        w.WriteLine($"device       {info.Device}{(info.CudaAvailable ? " (CUDA available)" : " (CUDA not available)")}");
        w.WriteLine($"engine       {EngineWidths.DescribeBest()}");
        w.WriteLine(info.ConvolutionRan
            ? $"convolution  forward + backward ran ({info.ConvolutionMilliseconds:0.0} ms)"
            : "convolution  FAILED");
        if (TorchRuntime.ConvolutionNote is { } note) w.WriteLine($"note         {note}");
    }

    static string F(double v, string format) => v.ToString(format, CultureInfo.InvariantCulture);

    static void PrintAgreement(DeviceAgreementReport a, TextWriter w)
    {
        w.WriteLine($"agreement    network {a.Network} on {a.Device}, against the network in float64 on the CPU ({F(a.Seconds, "0.0")} s)");
        foreach (var p in a.Predictions)
            w.WriteLine($"  predict    {p.Implementation,-20} {p.Precision}: max |diff| {F(p.MaxAbsDifference, "0.0e0")}, mean {F(p.MeanAbsDifference, "0.0e0")} " +
                        $"(output SD {F(p.ReferenceStandardDeviation, "0.000")}, mean |output| {F(p.ReferenceMeanAbs, "0.000")}, {p.Patches} patches, {F(p.Seconds, "0.00")} s)");
        foreach (var t in a.Training)
            w.WriteLine($"  train      {t.Precision}, batch {t.Batch}, {t.StepsPerEpoch} steps/epoch: train loss {string.Join(" ", t.DeviceTrainLoss.Select(v => F(v, "0.0000")))} " +
                        $"(cpu {string.Join(" ", t.CpuTrainLoss.Select(v => F(v, "0.0000")))}; {a.CpuTraining}), max relative diff {F(t.MaxRelativeDifference, "0.0e0")}");
    }

    sealed class Reporter(CliContext context) : IProgress<string>
    {
        public void Report(string value) => context.Error.WriteLine($"mrh: {value}");
    }
}
