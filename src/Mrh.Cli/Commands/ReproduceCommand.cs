using Mrh.Cli.Framework;
using Mrh.Presets;
using Mrh.Runtime;

namespace Mrh.Cli.Commands;

/// <summary>
/// `mrh reproduce`: the main job. Until the figure notebooks exist it checks the machine and says
/// plainly what is missing, without producing any figure.
/// </summary>
public sealed class ReproduceCommand : CliCommand
{
    public override string Name => "reproduce";
    public override string Summary => "reproduce every figure of the paper on the built-in digital mouse brain";
    public override IReadOnlyList<OptionSpec> Options =>
    [
        new("preset", "smoke, quick (default) or paper", ValueName: "NAME"),
        new("out", "output folder (default: out/reproduce-PRESET)", ValueName: "DIR"),
    ];

    public override int Run(ParsedArgs args, CliContext context)
    {
        var preset = PresetNames.Parse(args.Get("preset") ?? "quick");
        var info = TorchRuntime.Describe();
        DoctorCommand.Print(info, context.Error);
        if (!info.ConvolutionRan)
        {
            context.Error.WriteLine($"mrh: error: {info.Error}");
            return CommandLine.Failed;
        }
        context.Error.WriteLine(
            $"mrh: reproduce ({preset.Name()}) is not available yet: the phantom, the networks and the figure " +
            "notebooks are still being built; nothing was written");
        return CommandLine.Failed;
    }
}
