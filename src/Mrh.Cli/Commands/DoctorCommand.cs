using Mrh.Cli.Framework;
using Mrh.Runtime;

namespace Mrh.Cli.Commands;

/// <summary>`mrh doctor`: is the deep-learning stack usable on this machine?</summary>
public sealed class DoctorCommand : CliCommand
{
    public override string Name => "doctor";
    public override string Summary => "check .NET, TorchSharp and libtorch; run a small convolution forward/backward";
    public override string Details =>
        "Exits 0 only if a 3x3 convolution ran forward and backward on this machine.";
    public override IReadOnlyList<OptionSpec> Options => [new("json", "print the facts as JSON", false)];

    public override int Run(ParsedArgs args, CliContext context)
    {
        var info = TorchRuntime.Describe();
        if (args.Flag("json"))
            context.Out.WriteLine(Json.Serialize(info));
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
        w.WriteLine(info.ConvolutionRan
            ? $"convolution  forward + backward ran ({info.ConvolutionMilliseconds:0.0} ms)"
            : "convolution  FAILED");
        if (TorchRuntime.ConvolutionNote is { } note) w.WriteLine($"note         {note}");
    }
}
