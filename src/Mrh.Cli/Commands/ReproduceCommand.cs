using Mrh.Cli.Framework;
using Mrh.Notebooks.Reproduction;
using Mrh.Presets;
using Mrh.Runtime;
using Mrh.IO;

namespace Mrh.Cli.Commands;

/// <summary>`mrh reproduce`: the main job — every figure notebook, executed, with a summary next to the paper.</summary>
public sealed class ReproduceCommand : CliCommand
{
    public override string Name => "reproduce";
    public override string Summary => "reproduce every figure of the paper on the built-in digital mouse brain";
    public override string Details =>
        """
        Runs the notebooks in notebooks/ in order (00 tour, 01 Fig. 1, ... 05 supplementary, 06 a new contrast) with the preset as a
        parameter and writes, in the output folder: each executed notebook (.ipynb) and its HTML page, index.html
        linking them, slides.html (one slide per figure, to present), findings.html, and summary.json + summary.md with this run's numbers next to the paper's and whether each
        claim holds. A notebook that fails is reported and the next one still runs; the exit code is 1 then.
        Trained networks come from the cache ($MRH_CACHE, mrh cache list); a notebook whose run is kept there
        unchanged (the same notebook, parameters, data, library and kernel) is not run again but shown from
        that run, so a second reproduce takes seconds: --rerun runs every notebook, --retrain also trains.
        Example: dotnet run --project src/Mrh.Cli -c Release -- reproduce --preset quick --out out/reproduce
        """;
    public override IReadOnlyList<OptionSpec> Options =>
    [
        new("preset", "smoke, quick (default) or paper", ValueName: "NAME"),
        new("out", "output folder (default: out/reproduce-PRESET)", ValueName: "DIR"),
        new("dataset", "a dataset manifest to use instead of the built-in digital mouse brain", ValueName: "PATH"),
        new("only", "run only notebooks whose name contains this (repeatable)", ValueName: "TEXT", Repeatable: true),
        new("notebooks", "the notebooks folder (default: notebooks/ of this repository)", ValueName: "DIR"),
        new("timeout", "stop a notebook that runs longer than this: a number with its unit, 90s, 20m or 2h (default: no limit)", ValueName: "DURATION"),
        new("retrain", "train every network again instead of taking it from the cache of trained networks (implies --rerun)", false),
        new("rerun", "run every notebook even when the cache keeps an unchanged run of it (networks still come from the cache)", false),
        ModelCliParsing.DeviceOption,
    ];

    public override int Run(ParsedArgs args, CliContext context)
    {
        var preset = PresetNames.Parse(args.Get("preset") ?? "quick");
        var timeout = args.GetDuration("timeout", NotebooksRunCommand.LongestTimeout);
        string notebooks = args.Get("notebooks") ?? FindNotebooksFolder()
            ?? throw new MrhException("cannot find the notebooks/ folder of the repository; run from the repository or pass --notebooks DIR");
        string? dataset = args.Get("dataset");
        if (dataset is not null && !File.Exists(dataset) && !File.Exists(Path.Combine(dataset, "dataset.json")))
            throw new MrhException($"{dataset}: no dataset manifest (dataset.json) there");
        var inputs = new List<InputSpec> { new("--notebooks", notebooks) };
        if (dataset is not null) inputs.Add(new("--dataset", dataset));
        OutputPaths.Check(inputs, OutputSpec.Folder("--out", args.Get("out") ?? Path.Combine("out", $"reproduce-{preset.Name()}")));
        var options = new ReproduceOptions
        {
            NotebooksFolder = Path.GetFullPath(notebooks),
            OutputFolder = Path.GetFullPath(args.Get("out") ?? Path.Combine("out", $"reproduce-{preset.Name()}")),
            Preset = preset,
            Dataset = dataset is null ? "" : Path.GetFullPath(dataset),
            Only = args.GetAll("only"),
            NotebookTimeout = timeout,
            Retrain = args.Flag("retrain"),
            Rerun = args.Flag("rerun"),
            RunCache = NotebookRunCache.Open(),
            Device = ModelCliParsing.Device(args, context).ToString().ToLowerInvariant(),
        };
        var list = ReproduceJob.Notebooks(options); // clear error before any work if there is nothing to run

        var info = TorchRuntime.Describe();
        if (!info.ConvolutionRan)
        {
            context.Error.WriteLine($"mrh: error: {info.Error}");
            return CommandLine.Failed;
        }
        context.Error.WriteLine($"mrh reproduce: {list.Count} notebooks, preset {preset.Name()}, device {options.Device}, output {options.OutputFolder}");
        var progress = new ActionProgress(p => context.Error.WriteLine($"[{p.Notebook}/{p.Count}] {p.Name}: {p.Message}"));
        var summary = ReproduceJob.RunAsync(options, progress).GetAwaiter().GetResult();
        context.Out.WriteLine(Path.Combine(options.OutputFolder, "index.html"));
        int kept = summary.Notebooks.Count(n => n.FromCache is not null);
        context.Error.WriteLine($"mrh reproduce: {summary.Notebooks.Count(n => n.Succeeded)}/{summary.Notebooks.Count} notebooks ok" +
                                (kept > 0 ? $" ({kept} unchanged, from the cache; --rerun runs them), " : ", ") +
                                $"{summary.ClaimsHolding} claims hold, {summary.ClaimsNotHolding} do not ({summary.Seconds / 60:0.0} min); " +
                                $"see {Path.Combine(options.OutputFolder, "summary.md")}");
        return summary.Succeeded ? CommandLine.Ok : CommandLine.Failed;
    }

    /// <summary>notebooks/ next to MrhNotebooks.sln, looked for upwards from the current folder, then from the program.</summary>
    public static string? FindNotebooksFolder()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, "MrhNotebooks.sln")) && Directory.Exists(Path.Combine(dir.FullName, "notebooks")))
                    return Path.Combine(dir.FullName, "notebooks");
        return null;
    }

    sealed class ActionProgress(Action<ReproduceProgress> action) : IProgress<ReproduceProgress>
    {
        public void Report(ReproduceProgress value) => action(value);
    }
}
