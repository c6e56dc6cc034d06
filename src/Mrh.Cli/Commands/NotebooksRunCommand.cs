using Mrh.Cli.Framework;
using Mrh.Model;
using Mrh.Notebooks;
using Mrh.Notebooks.Documents;
using Mrh.Notebooks.Parameters;
using Mrh.Notebooks.Reproduction;

namespace Mrh.Cli.Commands;

/// <summary>`mrh notebooks run`: execute .NET Interactive C# notebooks headlessly (executed .ipynb, optional HTML).</summary>
public sealed class NotebooksRunCommand : CliCommand
{
    public override string Name => "notebooks run";
    public override string Summary => "run C# notebooks headlessly; write the executed .ipynb (and an HTML page)";
    public override string Arguments => "NOTEBOOK...";
    public override int MaxPositional => int.MaxValue;
    public override string Details =>
        """
        Runs each notebook in the real .NET Interactive kernel (the pinned dotnet-interactive tool, one kernel
        process per notebook, started in the notebook's folder; restored from NuGet on first use) and writes
        DIR/NAME.ipynb with the outputs as the kernel produced them (and DIR/NAME.html with --html: a
        self-contained page). The first failing cell ends that notebook's run (an error, a crash of its kernel,
        a time limit: the kernel is then killed); the partly executed notebook is still written, the next
        notebook still runs, and the exit code is 1 if any notebook failed.
        Parameters follow papermill: -p name=value overrides a variable of the cell tagged `parameters`. The figure
        notebooks' path parameters (dataset, results) are resolved from the current folder, not the notebook's.
        Example: mrh notebooks run notebooks/01-*.ipynb --out out/nb -p preset=smoke --html --timeout 30m
        """;
    public override IReadOnlyList<OptionSpec> Options =>
    [
        new("out", "folder for the executed notebooks (default: out/notebooks)", ValueName: "DIR"),
        new("parameter", "set a parameter of the `parameters` cell (repeatable)", ValueName: "NAME=VALUE", Repeatable: true, ShortName: 'p'),
        new("cell-timeout", "kill the kernel of a cell that runs longer than this: 90s, 20m or 2h (default: no limit)", ValueName: "DURATION"),
        new("timeout", "kill the kernel of a notebook that runs longer than this: 90s, 20m or 2h (default: no limit)", ValueName: "DURATION"),
        new("html", "also write a self-contained HTML page per notebook", false),
        new("retrain", "train every network again instead of taking it from the cache (-p retrain=true)", false),
        ModelCliParsing.DeviceOption,
    ];

    public override int Run(ParsedArgs args, CliContext context)
    {
        if (args.Positional.Count == 0) throw new UsageException("missing NOTEBOOK (an .ipynb file)");
        string outDir = Path.GetFullPath(args.Get("out") ?? Path.Combine("out", "notebooks"));
        // a path given as -p dataset=... or -p results=... is the caller's, not the notebook's folder's (where the kernel runs)
        var parameters = ReproduceJob.ResolvePaths(args.GetAll("parameter").Select(NotebookParameter.Parse), Directory.GetCurrentDirectory()).ToList();
        if (args.Flag("retrain") && parameters.All(p => p.Name != ReproduceJob.RetrainParameter))
            parameters.Add(new NotebookParameter(ReproduceJob.RetrainParameter, "true"));
        // the notebooks' `device` parameter: --device, else $MRH_DEVICE (a -p device=... given explicitly wins)
        if (!parameters.Any(p => p.Name == "device") && (args.Has("device") || Environment.GetEnvironmentVariable(DeviceSelection.EnvironmentVariable) is { Length: > 0 }))
            parameters.Add(new NotebookParameter("device", ModelCliParsing.Device(args, context).ToString().ToLowerInvariant()));
        var options = new NotebookRunOptions
        {
            Parameters = parameters,
            CellTimeout = args.GetDuration("cell-timeout", LongestTimeout),
            NotebookTimeout = args.GetDuration("timeout", LongestTimeout),
        };
        var inputs = args.Positional.Select(Path.GetFullPath).ToList();
        var names = inputs.Select(Path.GetFileNameWithoutExtension).ToList();
        var duplicate = names.GroupBy(n => n, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1);
        if (duplicate != null) throw new UsageException($"two notebooks are named '{duplicate.Key}'; their outputs would overwrite each other");
        foreach (var input in inputs)
            if (string.Equals(Path.Combine(outDir, Path.GetFileName(input)), input, StringComparison.Ordinal))
                throw new UsageException($"--out {outDir} would overwrite the notebook {input} itself; choose another folder");
        var documents = inputs.Select(p => IpynbReader.Read(p)).ToList(); // every file checked before anything runs

        bool anyFailed = false;
        for (int i = 0; i < inputs.Count; i++)
        {
            string name = Path.GetFileName(inputs[i]);
            var progress = new LineProgress(context.Error, name);
            var result = NotebookRunner.RunAsync(documents[i], inputs[i], options, progress).GetAwaiter().GetResult();
            string ipynb = Path.Combine(outDir, names[i] + ".ipynb");
            result.SaveIpynb(ipynb);
            context.Out.WriteLine(ipynb);
            if (args.Flag("html"))
            {
                string html = Path.Combine(outDir, names[i] + ".html");
                result.SaveHtml(html);
                context.Out.WriteLine(html);
            }
            foreach (var w in result.Warnings) context.Error.WriteLine($"mrh: warning: {name}: {w}");
            if (result.Error is { } error)
            {
                anyFailed = true;
                context.Error.WriteLine($"mrh: error: {name}: {error}");
            }
            else
                context.Error.WriteLine($"{name}: {result.Cells.Count} cells ran in {result.Elapsed.TotalSeconds:0.0} s");
        }
        return anyFailed ? CommandLine.Failed : CommandLine.Ok;
    }

    /// <summary>The longest time limit a run takes (a week).</summary>
    public static readonly TimeSpan LongestTimeout = TimeSpan.FromDays(7);

    /// <summary>One line per finished cell on standard error, written as it happens (not posted to a thread pool).</summary>
    sealed class LineProgress(TextWriter w, string notebook) : IProgress<CellProgress>
    {
        public void Report(CellProgress p)
        {
            if (p.State == CellState.Running) return;
            string status = p.State == CellState.Succeeded ? "ok" : "FAILED";
            lock (w) w.WriteLine($"{notebook}  {p.Cell} [{p.Index}/{p.Count}]  {status}  {p.Elapsed.TotalSeconds:0.0} s");
        }
    }
}
