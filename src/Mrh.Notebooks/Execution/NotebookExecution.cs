using System.Diagnostics;
using System.Text.Json.Nodes;
using Mrh.Notebooks.Documents;

namespace Mrh.Notebooks.Execution;

/// <summary>
/// One run of one notebook in its own kernel process: the kernel started in the notebook's folder, the code cells
/// submitted in order until the first failure, the kernel's events turned into nbformat outputs, the time limits
/// enforced by killing the kernel. Used by <see cref="NotebookRunner"/>.
/// </summary>
internal sealed class NotebookExecution(NotebookDocument notebook, string notebookPath, NotebookRunOptions options)
{
    public async Task<IReadOnlyList<CellRun>> RunAsync(IProgress<CellProgress>? progress, CancellationToken cancel)
    {
        var toRun = notebook.Cells.Where(c => c.Type == CellType.Code && !string.IsNullOrWhiteSpace(c.Source)).ToList();
        foreach (var c in notebook.Cells.Where(c => c.Type == CellType.Code))
        {
            c.Outputs.Clear();
            c.ExecutionCount = null;
        }
        var runs = new List<CellRun>();
        if (toRun.Count == 0) return runs;

        using var notebookLimit = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        if (options.NotebookTimeout is { } total) notebookLimit.CancelAfter(total);
        var clock = Stopwatch.StartNew();

        var (kernel, startError) = await StartKernelAsync(notebookLimit.Token, cancel).ConfigureAwait(false);
        using var _ = kernel;
        if (kernel is null)
        {
            // the first cell carries the reason, as the user would see it in the kernel's front end
            var first = toRun[0];
            var error = new CellError(LabelOf(first), null, startError!.Value.Kind, startError.Value.Name, startError.Value.Message);
            first.Outputs.Add(ErrorOutputOf(error, [error.Message]));
            runs.Add(new CellRun(first, LabelOf(first), false, clock.Elapsed, error));
            runs.AddRange(toRun.Skip(1).Select(c => new CellRun(c, LabelOf(c), false, TimeSpan.Zero, null)));
            progress?.Report(new CellProgress(notebookPath, LabelOf(first), 1, toRun.Count, CellState.Failed, clock.Elapsed, error));
            return runs;
        }

        bool failed = false;
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
            var error = await RunCellAsync(kernel, cell, label, i + 1, notebookLimit.Token, cancel).ConfigureAwait(false);
            cellClock.Stop();
            failed = error != null;
            runs.Add(new CellRun(cell, label, true, cellClock.Elapsed, error));
            progress?.Report(new CellProgress(notebookPath, label, i + 1, toRun.Count, failed ? CellState.Failed : CellState.Succeeded, cellClock.Elapsed, error));
        }
        return runs;
    }

    string LabelOf(NotebookCell cell) => cell.SourcePosition is int p ? $"cell {p}" : $"the {Parameters.ParameterInjector.InjectedTag} cell";

    /// <summary>Starts the kernel (restoring the tool first if needed) and waits until it is ready.</summary>
    async Task<(KernelProcess?, (CellErrorKind Kind, string Name, string Message)?)> StartKernelAsync(CancellationToken limit, CancellationToken cancel)
    {
        string folder = Path.GetDirectoryName(notebookPath) ?? ".";
        using var startLimit = CancellationTokenSource.CreateLinkedTokenSource(limit);
        startLimit.CancelAfter(options.KernelStartTimeout);
        bool restored = false;
        while (true)
        {
            KernelProcess? kernel = null;
            string? why;
            try
            {
                kernel = KernelProcess.Start(options.Kernel.StdioStartInfo(folder));
                why = await kernel.WaitReadyAsync(startLimit.Token).ConfigureAwait(false);
                if (why is null) return (kernel, null);
            }
            catch (KernelException e) { why = e.Message; }
            catch (OperationCanceledException)
            {
                kernel?.Dispose();
                return (null, Stopped(cancel, limit, "while the kernel started", startLimit: !limit.IsCancellationRequested));
            }
            kernel?.Dispose();
            if (!restored && why.Contains("dotnet tool restore", StringComparison.Ordinal))
            {
                // the pinned tool is not on this machine yet: restore it from NuGet, once, then start again
                restored = true;
                string? restoreProblem;
                try { restoreProblem = await options.Kernel.RestoreAsync(startLimit.Token).ConfigureAwait(false); }
                catch (OperationCanceledException)
                {
                    return (null, Stopped(cancel, limit, "while the kernel's tool was restored", startLimit: !limit.IsCancellationRequested));
                }
                if (restoreProblem is null) continue;
                why = restoreProblem;
            }
            return (null, (CellErrorKind.KernelExited, "KernelDidNotStart", $"the .NET Interactive kernel did not start: {why}"));
        }
    }

    (CellErrorKind, string, string) Stopped(CancellationToken cancel, CancellationToken limit, string when, bool startLimit) =>
        cancel.IsCancellationRequested
            ? (CellErrorKind.Cancelled, "Cancelled", $"the run was cancelled {when}")
            : startLimit
                ? (CellErrorKind.Timeout, "Timeout", $"the kernel did not start within {Seconds(options.KernelStartTimeout)}")
                : (CellErrorKind.Timeout, "Timeout", $"the notebook did not finish within its time limit of {Seconds(options.NotebookTimeout!.Value)} ({when})");

    static string Seconds(TimeSpan t) => $"{t.TotalSeconds:0.###} s";

    /// <summary>Runs one cell; its outputs go to the cell. Returns its failure, if any.</summary>
    async Task<CellError?> RunCellAsync(KernelProcess kernel, NotebookCell cell, string label, int count, CancellationToken notebookLimit, CancellationToken cancel)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(notebookLimit);
        if (options.CellTimeout is { } t) limit.CancelAfter(t);
        var sink = new OutputCollector(cell.Outputs, count);
        KernelEvent? end;
        try
        {
            end = await kernel.SubmitAsync(cell.Source, KernelNameOf(cell), sink.Add, limit.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            kernel.Kill();
            string what = cancel.IsCancellationRequested
                ? "the run was cancelled"
                : notebookLimit.IsCancellationRequested
                    ? $"the notebook did not finish within its time limit of {Seconds(options.NotebookTimeout!.Value)}"
                    : $"the cell did not finish within its time limit of {Seconds(options.CellTimeout!.Value)}";
            var kind = cancel.IsCancellationRequested ? CellErrorKind.Cancelled : CellErrorKind.Timeout;
            var stopped = new CellError(label, null, kind, kind == CellErrorKind.Cancelled ? "Cancelled" : "Timeout",
                what + "; its kernel was stopped and the rest of the notebook was not run");
            cell.Outputs.Add(ErrorOutputOf(stopped, [stopped.ToString()]));
            return stopped;
        }
        if (end is null)
        {
            string why = await kernel.ExitReportAsync().ConfigureAwait(false);
            var crashed = new CellError(label, null, CellErrorKind.KernelExited, "KernelDied",
                $"{why}; the rest of the notebook was not run");
            cell.Outputs.Add(ErrorOutputOf(crashed, [crashed.ToString()]));
            return crashed;
        }
        if (end.Type == "CommandSucceeded") return null;
        var error = FailureMessage.ToCellError(label, end.Str("message") ?? "the command failed");
        cell.Outputs.Add(ErrorOutputOf(error, (end.Str("message") ?? "").Split('\n').Select(l => l.TrimEnd('\r')).ToList()));
        return error;
    }

    /// <summary>The kernel a cell is sent to: its metadata's kernel name, else the notebook's default (a <c>#!</c>
    /// selector in the cell is the kernel's own business).</summary>
    string KernelNameOf(NotebookCell cell) => notebook.KernelNameOf(cell) is var k && KernelNames.IsCSharp(k) ? KernelNames.CSharp : k;

    static ErrorOutput ErrorOutputOf(CellError error, IReadOnlyList<string> traceback) => new(error.Name, error.Message, traceback);

    /// <summary>Turns the kernel's events during one cell into that cell's outputs, in order.</summary>
    sealed class OutputCollector(List<CellOutput> outputs, int executionCount)
    {
        public void Add(KernelEvent e)
        {
            switch (e.Type)
            {
                case "StandardOutputValueProduced":
                    Stream("stdout", e);
                    break;
                case "StandardErrorValueProduced":
                    Stream("stderr", e);
                    break;
                case "DisplayedValueProduced":
                    outputs.Add(new DisplayOutput(Bundle(e), e.Str("valueId")));
                    break;
                case "DisplayedValueUpdated":
                    // as Jupyter (nbclient) applies update_display_data: the earlier output with that display id shows
                    // the new value; an update whose id matches no output is dropped (kernel 1.0.712001 gives
                    // DisplayedValue.Update a new id, so there its updates do not show in Jupyter either)
                    if (e.Str("valueId") is { } id && outputs.OfType<DisplayOutput>().LastOrDefault(d => d.DisplayId == id) is { } shown)
                    {
                        shown.Data = Bundle(e);
                        shown.Updates++;
                    }
                    break;
                case "ReturnValueProduced":
                    outputs.Add(new ExecuteResultOutput(Bundle(e), executionCount));
                    break;
            }
        }

        void Stream(string name, KernelEvent e)
        {
            string text = string.Concat(e.FormattedValues().Where(v => v.MimeType == "text/plain").Select(v => v.Value));
            if (text.Length == 0) return;
            if (outputs.Count > 0 && outputs[^1] is StreamOutput s && s.Name == name) s.Append(text);
            else outputs.Add(new StreamOutput(name, text));
        }

        static MimeBundle Bundle(KernelEvent e)
        {
            var bundle = new MimeBundle();
            foreach (var (mime, value) in e.FormattedValues())
            {
                if (MimeBundle.IsJsonMimeType(mime))
                {
                    JsonNode? json;
                    try { json = JsonNode.Parse(value); }
                    catch (System.Text.Json.JsonException) { json = JsonValue.Create(value); }
                    bundle.WithJson(mime, json ?? JsonValue.Create(value));
                }
                else bundle.With(mime, value);
            }
            return bundle;
        }
    }
}
