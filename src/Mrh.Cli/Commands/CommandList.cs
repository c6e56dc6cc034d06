using Mrh.Cli.Framework;

namespace Mrh.Cli.Commands;

/// <summary>Every command of `mrh`, in the order `mrh --help` lists them.</summary>
public static class CommandList
{
    public static IReadOnlyList<CliCommand> All() =>
    [
        new DoctorCommand(),
        new ReproduceCommand(),
        new PhantomCommand(),
    ];
}
