using System.Text.Json.Nodes;
using Mrh.Cli.Framework;
using Mrh.Model.Compute;
using Mrh.Runtime;

namespace Mrh.Cli.Commands;

/// <summary>`mrh doctor`: is the deep-learning stack usable on this machine?</summary>
public sealed class DoctorCommand : CliCommand
{
    public override string Name => "doctor";
    public override string Summary => "check .NET, TorchSharp and libtorch; run a small convolution forward/backward";
    public override string Details =>
        """
        Exits 0 only if a 3x3 convolution ran forward and backward on this machine.
        Also says which vector width our Winograd engine runs at here (512-bit AVX-512, 256-bit AVX2,
        128-bit SSE or Arm NEON), or that the reference path (libtorch Conv2d) runs for lack of SIMD.
        """;
    public override IReadOnlyList<OptionSpec> Options => [new("json", "print the facts as JSON", false)];

    public override int Run(ParsedArgs args, CliContext context)
    {
        var info = TorchRuntime.Describe();
        if (args.Flag("json"))
        {
            // TorchInfo's fields, then the engine's (engineWidth: 512, 256, 128, or null for the reference path)
            var node = JsonNode.Parse(Json.Serialize(info))!.AsObject();
            node["engineWidth"] = EngineWidths.Best is { } width ? (int)width : null;
            node["engine"] = EngineWidths.DescribeBest();
            context.Out.WriteLine(node.ToJsonString(Json.Options));
        }
        else
            Print(info, context.Out);
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
}
