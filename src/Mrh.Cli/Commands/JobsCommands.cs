using System.Globalization;
using Mrh.Cli.Framework;
using Mrh.Jobs;
using Mrh.Model;
using Mrh.Presets;

namespace Mrh.Cli.Commands;

/// <summary>`mrh jobs plan`: every training unit of the notebooks at a preset.</summary>
public sealed class JobsPlanCommand : CliCommand
{
    public override string Name => "jobs plan";
    public override string Summary => "list every network the notebooks train at a preset, as independent units with stable ids";
    public override string Details =>
        """
        Units are listed in notebook order; a network that several figures use is listed once (its other ids after
        "same as"). The index is the Slurm array index (mrh jobs run --array-index N). A unit whose inputs follow
        from another network (Fig. 2's top-ranked subsets) shows "after UNIT" instead of a key.
        Example: mrh jobs plan --preset paper --only fig1,fig2 --json
        """;
    public override IReadOnlyList<OptionSpec> Options =>
    [
        new("preset", "smoke, quick (default) or paper", ValueName: "NAME"),
        new("only", "only these figures: tour, fig1, fig2, fig3, fig4, supp (comma-separated, repeatable)", ValueName: "LIST", Repeatable: true),
        new("dataset", "a dataset manifest instead of the built-in digital mouse brain", ValueName: "PATH"),
        new("cache", "the cache folder (default: $MRH_CACHE or data/generated/networks)", ValueName: "DIR"),
        ModelCliParsing.DeviceOption,
        new("json", "print as JSON", false),
    ];

    public override int Run(ParsedArgs args, CliContext context)
    {
        var grid = JobsCommands.Grid(args, context);
        var plan = grid.Plan(args.GetAll("only"));
        var cache = NetworkCache.Open(args.Get("cache"));
        bool Cached(string? key) => key is not null && cache is not null && Directory.Exists(cache.EntryFolder(key));
        if (args.Flag("json"))
        {
            context.Out.WriteLine(Json.Serialize(new
            {
                preset = grid.Preset.Name(), units = plan.Count,
                plan = plan.Select(p => new
                {
                    index = p.Index, id = p.Unit.Id, figure = p.Unit.Figure, label = p.Unit.Label, key = p.Unit.Key,
                    dependsOn = p.Unit.DependsOn, sameAs = p.SameAs, cached = Cached(p.Unit.Key),
                }),
            }));
            return CommandLine.Ok;
        }
        foreach (var p in plan)
        {
            string key = p.Unit.Key ?? $"after {string.Join(", ", p.Unit.DependsOn)}";
            string same = p.SameAs.Count > 0 ? $"  (same as {string.Join(", ", p.SameAs)})" : "";
            context.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{p.Index,3}  {p.Unit.Id,-14} {key,-32} {(Cached(p.Unit.Key) ? "cached" : "      ")}  {p.Unit.Label}{same}"));
        }
        context.Error.WriteLine($"mrh jobs plan: {plan.Count} units at the {grid.Preset.Name()} preset");
        return CommandLine.Ok;
    }
}

/// <summary>`mrh jobs run`: trains one unit into the cache.</summary>
public sealed class JobsRunCommand : CliCommand
{
    public override string Name => "jobs run";
    public override string Summary => "train one unit of the plan into the cache of trained networks";
    public override string Arguments => "[ID]";
    public override int MaxPositional => 1;
    public override string Details =>
        """
        Give the unit's id (mrh jobs plan) or its index in the plan (--array-index, as a Slurm array task does).
        A network already in the cache is not trained again (unless --retrain).
        Example: mrh jobs run fig1-ii --preset quick;  mrh jobs run --array-index "$SLURM_ARRAY_TASK_ID" --preset paper
        """;
    public override IReadOnlyList<OptionSpec> Options =>
    [
        new("preset", "smoke, quick (default) or paper", ValueName: "NAME"),
        new("array-index", "the unit at this index of the plan (of --only's figures)", ValueName: "N"),
        new("only", "the figures of the plan that --array-index counts in (as given to jobs plan/slurm)", ValueName: "LIST", Repeatable: true),
        new("dataset", "a dataset manifest instead of the built-in digital mouse brain", ValueName: "PATH"),
        new("cache", "the cache folder (default: $MRH_CACHE or data/generated/networks)", ValueName: "DIR"),
        ModelCliParsing.DeviceOption,
        new("retrain", "train even when the cache has the network", false),
    ];

    public override int Run(ParsedArgs args, CliContext context)
    {
        if (args.Positional.Count == 1 == args.Has("array-index")) throw new UsageException("give a unit ID or --array-index N (one of them)");
        var grid = JobsCommands.Grid(args, context);
        string id = args.Positional.Count == 1 ? args.Positional[0]
            : grid.At(args.GetInt("array-index", 0, 0), args.GetAll("only")).Unit.Id;
        var cache = NetworkCache.Open(args.Get("cache"));
        var before = cache?.Statistics(thisProcess: true);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        context.Error.WriteLine($"mrh jobs run: {id} at the {grid.Preset.Name()} preset, cache {cache?.Folder ?? "off"}");
        var epochs = new Progress<EpochReport>(e => context.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  epoch {e.Epoch}/{e.MaxEpochs}: train {e.TrainLoss:0.0000}, validation {e.ValidationLoss:0.0000} ({e.Seconds:0.0} s)")));
        var planned = grid.Train(id, epochs);
        var after = cache?.Statistics(thisProcess: true);
        int trained = before is null || after is null ? -1 : after.Trained - before.Trained;
        context.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{planned.Unit.Id}: {(trained == 0 ? "found in the cache" : trained > 0 ? $"{trained} network(s) trained" : "trained (no cache)")} in {clock.Elapsed.TotalSeconds:0.0} s"));
        return CommandLine.Ok;
    }
}

/// <summary>`mrh jobs slurm`: a Slurm job-array script for the plan.</summary>
public sealed class JobsSlurmCommand : CliCommand
{
    public override string Name => "jobs slurm";
    public override string Summary => "write a Slurm job-array script that trains every unit of the plan (one array task each)";
    public override string Details =>
        """
        The script runs this mrh (its absolute path) in this repository, one `mrh jobs run --array-index N` per task,
        with every task's log in --logs (grid-JOBID_TASK.out) and the cache folder exported as MRH_CACHE (it must be
        on a file system that the nodes share). After the array: mrh reproduce --preset P only evaluates and draws.
        Example: mrh jobs slurm --preset paper --out grid.sbatch --gpus 1 --partition gpu && sbatch grid.sbatch
        """;
    public override IReadOnlyList<OptionSpec> Options =>
    [
        new("preset", "smoke, quick (default) or paper", ValueName: "NAME"),
        new("out", "the script to write", ValueName: "FILE"),
        new("only", "only these figures (comma-separated, repeatable)", ValueName: "LIST", Repeatable: true),
        new("dataset", "a dataset manifest instead of the built-in digital mouse brain", ValueName: "PATH"),
        new("cache", "the cache folder (default: $MRH_CACHE or data/generated/networks)", ValueName: "DIR"),
        ModelCliParsing.DeviceOption,
        new("gpus", "GPUs per task (default 0)", ValueName: "N"),
        new("partition", "the Slurm partition", ValueName: "NAME"),
        new("cpus", "CPUs per task (default 2)", ValueName: "N"),
        new("mem", "memory per task, e.g. 16G", ValueName: "SIZE"),
        new("time", "time limit per task, e.g. 04:00:00", ValueName: "TIME"),
        new("max-parallel", "at most this many tasks at once", ValueName: "N"),
        new("logs", "folder of the task logs (default: slurm-logs next to the script)", ValueName: "DIR"),
        new("mrh", "the command that runs mrh on the nodes (default: this program); a relative path in it is from the current folder", ValueName: "CMD"),
    ];

    /// <summary>
    /// The --mrh command as the tasks run it (in the repository's folder): each word that is a relative path to an
    /// existing file, or the first word when it has a '/', made absolute from <paramref name="folder"/> (the caller's).
    /// </summary>
    public static string ProgramCommand(string command, string folder)
    {
        var words = command.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        for (int i = 0; i < words.Length; i++)
            if (!Path.IsPathRooted(words[i]) && words[i].Contains('/', StringComparison.Ordinal)
                && (i == 0 || File.Exists(Path.Combine(folder, words[i]))))
                words[i] = SlurmScript.Quote(Path.GetFullPath(words[i], folder));
        return string.Join(' ', words);
    }

    public override int Run(ParsedArgs args, CliContext context)
    {
        string outPath = Path.GetFullPath(args.Require("out"));
        var grid = JobsCommands.Grid(args, null);
        var only = args.GetAll("only").SelectMany(o => o.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToArray();
        var plan = grid.Plan(only);
        var cache = NetworkCache.Open(args.Get("cache")) ?? throw new MrhException($"a job array needs the network cache ({NetworkCache.EnvironmentVariable} is off)");
        string logs = Path.GetFullPath(args.Get("logs") ?? Path.Combine(Path.GetDirectoryName(outPath)!, "slurm-logs"));
        Directory.CreateDirectory(logs);
        string? dataset = args.Get("dataset");
        var script = SlurmScript.Create(new SlurmScriptOptions
        {
            Preset = grid.Preset, Units = plan.Count, Mrh = args.Get("mrh") is { } mrh ? ProgramCommand(mrh, Directory.GetCurrentDirectory()) : JobsCommands.ThisProgram(), CacheFolder = cache.Folder,
            LogFolder = logs, WorkingFolder = JobsCommands.RepositoryRoot() ?? Directory.GetCurrentDirectory(),
            Dataset = dataset is null ? "" : Path.GetFullPath(dataset), Only = only,
            Gpus = args.GetInt("gpus", 0, 0, 64), Partition = args.Get("partition"), CpusPerTask = args.GetInt("cpus", 2, 1, 1024),
            Memory = args.Get("mem"), Time = args.Get("time"), MaxParallel = args.GetInt("max-parallel", 0, 0),
            // the tasks' device: --device as given, else cuda when the tasks get GPUs
            Device = JobsCommands.TaskDevice(args),
        });
        Mrh.IO.AtomicFile.WriteText(outPath, script);
        context.Out.WriteLine(outPath);
        context.Error.WriteLine($"mrh jobs slurm: {plan.Count} array tasks (0-{plan.Count - 1}), logs in {logs}, cache {cache.Folder}; submit with: sbatch {outPath}");
        return CommandLine.Ok;
    }
}

static class JobsCommands
{
    /// <summary>The array tasks' device: --device (or $MRH_DEVICE) as given, checked but not resolved here; else cuda when the tasks get GPUs.</summary>
    public static string TaskDevice(ParsedArgs args)
    {
        string? given = args.Get("device") ?? Environment.GetEnvironmentVariable(DeviceSelection.EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(given)) return DeviceSelection.Parse(given).ToString().ToLowerInvariant();
        return args.GetInt("gpus", 0, 0, 64) > 0 ? "cuda" : "cpu";
    }

    /// <summary>
    /// The grid of the command's preset, data and cache, on the command's device (--device, $MRH_DEVICE; resolved here
    /// when <paramref name="context"/> is given: CUDA where there is none is an error; `jobs slurm` does not resolve it,
    /// since the nodes, not the submitting host, have the GPUs).
    /// </summary>
    public static StudyGrid Grid(ParsedArgs args, CliContext? context)
    {
        var preset = PresetNames.Parse(args.Get("preset") ?? "quick");
        string? dataset = args.Get("dataset");
        if (dataset is not null && !File.Exists(dataset) && !File.Exists(Path.Combine(dataset, "dataset.json")))
            throw new MrhException($"{dataset}: no dataset manifest (dataset.json) there");
        var device = context is null ? ComputeDevice.Cpu : ModelCliParsing.Device(args, context);
        return new StudyGrid(preset, dataset is null ? "" : Path.GetFullPath(dataset), args.Get("cache") is { } c ? Path.GetFullPath(c) : null,
            args.Flag("retrain"), device);
    }

    /// <summary>The command line that runs this program: its apphost, or `dotnet mrh.dll`.</summary>
    public static string ThisProgram()
    {
        string process = Environment.ProcessPath ?? "mrh";
        string dll = typeof(JobsCommands).Assembly.Location;
        return Path.GetFileNameWithoutExtension(process) == "dotnet" && dll.Length > 0
            ? $"{SlurmScript.Quote(process)} {SlurmScript.Quote(dll)}" : SlurmScript.Quote(process);
    }

    public static string? RepositoryRoot()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, "MrhNotebooks.sln"))) return dir.FullName;
        return null;
    }
}
