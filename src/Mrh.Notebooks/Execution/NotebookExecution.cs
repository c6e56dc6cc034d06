using System.Diagnostics;
using System.Net;
using System.Reflection;
using Mrh.Notebooks.Documents;
using Mrh.Notebooks.Formatting;
using Mrh.Notebooks.Kernel;
using Mrh.Runtime;

namespace Mrh.Notebooks.Execution;

/// <summary>
/// One run of one notebook: the scripting session, the formatter, the cell thread, and the cells in order until
/// the first failure. Used by <see cref="NotebookRunner"/>.
/// </summary>
internal sealed class NotebookExecution(NotebookDocument notebook, string notebookPath, NotebookRunOptions options)
{
    readonly string _folder = Path.GetDirectoryName(notebookPath) ?? ".";
    readonly ValueFormatter _formatter = new();
    readonly Dictionary<string, string> _labels = new(StringComparer.Ordinal);
    readonly List<string> _warnings = [];
    ScriptSession? _session;

    public IReadOnlyList<string> Warnings => _warnings;

    public async Task<IReadOnlyList<CellRun>> RunAsync(IProgress<CellProgress>? progress, CancellationToken cancel)
    {
        ConsoleCapture.EnsureInstalled();
        var toRun = notebook.Cells.Where(c => c.Type == CellType.Code && !string.IsNullOrWhiteSpace(c.Source)).ToList();
        foreach (var c in notebook.Cells.Where(c => c.Type == CellType.Code))
        {
            c.Outputs.Clear();
            c.ExecutionCount = null;
        }
        var runs = new List<CellRun>();
        var worker = new CellWorker($"notebook cells: {Path.GetFileName(notebookPath)}");
        bool abandoned = false, failed = false;
        var clock = Stopwatch.StartNew();
        try
        {
            for (int i = 0; i < toRun.Count; i++)
            {
                var cell = toRun[i];
                string label = LabelOf(cell);
                if (failed)
                {
                    runs.Add(new CellRun(cell, label, false, TimeSpan.Zero, null));
                    continue;
                }
                cell.ExecutionCount = i + 1;
                progress?.Report(new CellProgress(notebookPath, label, i + 1, toRun.Count, CellState.Running, TimeSpan.Zero, null));
                var cellClock = Stopwatch.StartNew();
                var (error, stuck) = await RunOneAsync(cell, label, i + 1, worker, clock, cancel);
                abandoned |= stuck;
                cellClock.Stop();
                failed = error != null;
                runs.Add(new CellRun(cell, label, true, cellClock.Elapsed, error));
                progress?.Report(new CellProgress(notebookPath, label, i + 1, toRun.Count,
                    failed ? CellState.Failed : CellState.Succeeded, cellClock.Elapsed, error));
                if (error?.Kind == CellErrorKind.Cancelled) cancel.ThrowIfCancellationRequested();
            }
        }
        finally
        {
            if (abandoned) worker.Abandon();
            else worker.Dispose();
        }
        return runs;
    }

    string LabelOf(NotebookCell cell) => cell.SourcePosition is int p ? $"cell {p}" : $"the {Parameters.ParameterInjector.InjectedTag} cell";

    /// <summary>Runs one cell on the cell thread, within its time budget. Returns its error and whether its thread is stuck.</summary>
    async Task<(CellError? Error, bool Stuck)> RunOneAsync(NotebookCell cell, string label, int count, CellWorker worker, Stopwatch clock, CancellationToken cancel)
    {
        string filePath = $"{notebookPath}#{(cell.SourcePosition is int p ? $"cell{p}" : "injected-parameters")}.csx";
        _labels[filePath] = label;
        var sink = new CellOutputSink(cell.Outputs);
        var scope = new CellScope(sink, _formatter, label);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        var work = worker.Run(() => RunCell(cell, label, filePath, count, scope, stop.Token));

        TimeSpan? budget = options.CellTimeout;
        bool notebookLimit = false;
        if (options.NotebookTimeout is { } total)
        {
            var left = total - clock.Elapsed;
            if (left < TimeSpan.Zero) left = TimeSpan.Zero;
            if (budget is null || left < budget) { budget = left; notebookLimit = true; }
        }
        var limit = budget is { } b ? Task.Delay(b, cancel) : Task.Delay(Timeout.Infinite, cancel);
        if (await Task.WhenAny(work, limit) == work)
        {
            var (error, output) = await work;
            if (output != null) sink.Add(output);
            return (error, false);
        }
        bool cancelled = cancel.IsCancellationRequested;
        scope.RequestStop();
        stop.Cancel();
        bool stopped = await Task.WhenAny(work, Task.Delay(options.StopGracePeriod)) == work;
        _ = work.ContinueWith(_ => CellGuard.StoppedCellEnded(), TaskScheduler.Default);
        string what = cancelled
            ? "the run was cancelled"
            : notebookLimit
                ? $"the notebook did not finish within its time limit of {Seconds(options.NotebookTimeout!.Value)}"
                : $"the cell did not finish within its time limit of {Seconds(options.CellTimeout!.Value)}";
        string how = stopped
            ? "; it was stopped"
            : "; it could not be stopped (it is blocked outside its own loops, e.g. in a sleep, a wait or native code), so its thread was abandoned and the rest of the notebook was not run";
        var (err, o) = ErrorReport.Plain(label, null, cancelled ? CellErrorKind.Cancelled : CellErrorKind.Timeout,
            cancelled ? "Cancelled" : "Timeout", what + how);
        sink.Add(o);
        return (err, !stopped);
    }

    static string Seconds(TimeSpan t) => $"{t.TotalSeconds:0.###} s";

    /// <summary>On the cell thread: directives, then the code. Returns the failure, if any.</summary>
    (CellError?, ErrorOutput?) RunCell(NotebookCell cell, string label, string filePath, int count, CellScope scope, CancellationToken stop)
    {
        CellScope.Enter(scope);
        try
        {
            var parsed = DirectiveParser.Parse(cell.Source);
            if (notebook.KernelNameOf(cell) is var kernel && !KernelNames.IsCSharp(kernel) &&
                !(parsed.Directives.FirstOrDefault() is KernelSelector { IsCSharp: true }))
                return ErrorReport.Plain(label, null, CellErrorKind.Directive, "UnsupportedKernel",
                    $"the cell is for the '{kernel}' kernel (its metadata says so); only C# cells can run here");
            var installed = new List<string>();
            foreach (var d in parsed.Directives)
            {
                string? problem = Apply(d, installed);
                if (problem != null)
                    return ErrorReport.Plain(label, d.Line, CellErrorKind.Directive, "DirectiveError", $"{d.Text}: {problem}");
            }
            if (installed.Count > 0) scope.Sink.Display(InstalledPackages(installed), _formatter.NextDisplayId());
            if (string.IsNullOrWhiteSpace(parsed.Code)) return (null, null);
            string code = LoopGuard.Instrument(parsed.Code, ScriptSession.ParseOptions);
            var result = Session.Run(code, filePath, stop);
            var report = new ErrorReport(_labels);
            if (result.Errors.Count > 0) return report.Compilation(label, result.Errors);
            if (result.Exception != null) return report.Exception(label, filePath, result.Exception);
            if (result.HasValue) scope.Sink.Add(new ExecuteResultOutput(_formatter.Format(result.Value), count));
            return (null, null);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            return ErrorReport.Plain(label, null, CellErrorKind.Timeout, "Timeout", "stopped");
        }
        finally
        {
            CellScope.Enter(null);
        }
    }

    ScriptSession Session => _session ??= new ScriptSession(_folder);

    /// <summary>Honours one directive; returns the problem, or null.</summary>
    string? Apply(Directive d, List<string> installed)
    {
        switch (d)
        {
            case KernelSelector k:
                return k.IsCSharp ? null : $"the '{k.KernelName}' kernel is not available here; only C# cells can run";
            case UnsupportedMagic m:
                return $"the magic command '{m.Name}' is not supported here (supported: #!csharp, #r, #i)";
            case PackageSourceDirective:
                return null; // package sources are accepted; nothing is downloaded
            case NugetReference n:
                CarriedPackage package;
                try
                {
                    package = PackageCatalog.Resolve(n.PackageName, n.Version);
                    if (package.Roots.Contains(typeof(TorchSharp.torch).Assembly)) TorchRuntime.EnsureInitialized();
                }
                catch (MrhException e) { return e.Message; }
                Session.AddAssemblies(PackageCatalog.WithDependencies(package.Roots));
                installed.Add($"{package.Id}, {package.Version}");
                return null;
            case AssemblyReference r:
                return Reference(r.Path);
            default:
                return $"unknown directive";
        }
    }

    /// <summary><c>#r "path"</c>: a file relative to the notebook's folder, an assembly the executor carries, or a runtime assembly.</summary>
    string? Reference(string path)
    {
        bool looksLikeFile = path.Contains('/') || path.Contains('\\') ||
                             path.EndsWith(".dll", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".exe", StringComparison.OrdinalIgnoreCase);
        if (!looksLikeFile)
        {
            string runtimeDir = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
            if (File.Exists(Path.Combine(runtimeDir, path + ".dll"))) return null; // the runtime's assemblies are all referenced
            if (PackageCatalog.CarriedAssembly(path) is { } carriedByName)
            {
                Session.AddAssemblies(PackageCatalog.WithDependencies([carriedByName]));
                return null;
            }
            return $"assembly '{path}' not found (not a file and not an assembly of the .NET runtime)";
        }
        string full = Path.GetFullPath(Path.Combine(_folder, path));
        if (!File.Exists(full))
        {
            if (PackageCatalog.CarriedAssembly(Path.GetFileNameWithoutExtension(full)) is { } carried)
            {
                _warnings.Add($"#r \"{path}\": {full} does not exist; using the executor's own {carried.GetName().Name} {carried.GetName().Version}");
                Session.AddAssemblies(PackageCatalog.WithDependencies([carried]));
                return null;
            }
            return $"file not found: {full}";
        }
        AssemblyName name;
        try { name = AssemblyName.GetAssemblyName(full); }
        catch (BadImageFormatException) { return $"{full} is not a .NET assembly"; }
        if (PackageCatalog.CarriedAssembly(name.Name!) is { } own)
        {
            // One copy of each assembly per process: a second copy of e.g. Mrh.Core or TorchSharp would make its types
            // incompatible with the executor's (charts would not be recognised) and would load natives twice.
            if (own.GetName().Version != name.Version)
                _warnings.Add($"#r \"{path}\": {name.Name} {name.Version} requested; using the executor's own {own.GetName().Version}");
            Session.AddAssemblies(PackageCatalog.WithDependencies([own]));
            return null;
        }
        Session.AddAssemblyFile(full);
        return null;
    }

    /// <summary>What the kernel shows after restoring packages ("Installed Packages").</summary>
    static MimeBundle InstalledPackages(List<string> packages) =>
        new MimeBundle()
            .With("text/html", "<div><div><strong>Installed Packages</strong><ul>" +
                               string.Concat(packages.Select(p => $"<li><span>{WebUtility.HtmlEncode(p)}</span></li>")) + "</ul></div></div>")
            .With("text/plain", "Installed Packages\n" + string.Concat(packages.Select(p => $"  - {p}\n")));
}
