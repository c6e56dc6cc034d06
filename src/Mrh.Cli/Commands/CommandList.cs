using Mrh.Cli.Framework;

namespace Mrh.Cli.Commands;

/// <summary>Every command of `mrh`, in the order `mrh --help` lists them.</summary>
public static class CommandList
{
    public static IReadOnlyList<CliCommand> All() =>
    [
        new DoctorCommand(),
        new PhantomCommand(),
        new VolumeInfoCommand(),
        new VolumeConvertCommand(),
        new MarkersCommand(),
        new TrainCommand(),
        new PredictCommand(),
        new ModelInfoCommand(),
        new EvaluateCommand(),
        new ContribCommand(),
        new ContrastCommand(),
        new CausesCommand(),
        new NotebooksRunCommand(),
        new ReproduceCommand(),
        new CacheListCommand(),
        new CacheClearCommand(),
        new JobsPlanCommand(),
        new JobsRunCommand(),
        new JobsSlurmCommand(),
        new BenchCommand(),
    ];
}
