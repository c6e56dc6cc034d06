using System.Diagnostics;
using System.Text.Json.Nodes;
using Mrh.Notebooks;
using Mrh.Notebooks.Documents;
using Mrh.Notebooks.Execution;
using Mrh.Notebooks.Parameters;
using static Mrh.Tests.Notebooks.TestNotebooks;

namespace Mrh.Tests.Notebooks;

/// <summary>
/// The engine in the real .NET Interactive kernel (the pinned dotnet-interactive tool): outputs as the kernel gives
/// them, a throwing cell, a cell over its time limit, a kernel that cannot start. One kernel process per test.
/// </summary>
public sealed class KernelEngineTests(KernelRun run) : IClassFixture<KernelRun>, IDisposable
{
    readonly TestNotebooks _files = new();
    public void Dispose() => _files.Dispose();

    const string Html = "<svg id=\"mark\" width=\"4\" height=\"4\"></svg><b>bold</b>" +
                        "<script>document.documentElement.setAttribute('data-kernel-html', 'drawn');</script>";

    static string StreamText(NotebookCell cell, string name) =>
        string.Concat(cell.Outputs.OfType<StreamOutput>().Where(s => s.Name == name).Select(s => s.Text));

    [KernelFact]
    public void EveryKindOfOutputIsTheKernelsOwn()
    {
        var nb = run.Result;
        Assert.False(nb.Failed, nb.Error?.ToString());
        Assert.Equal(run.FolderBefore, Directory.GetCurrentDirectory()); // the kernel, not this process, runs in the notebook's folder
        Assert.Equal(7, nb.Cells.Count(c => c.Ran)); // six code cells and the injected one
        Assert.Equal([1, 2, 3, 4, 5, 6, 7], nb.Document.Cells.Where(c => c.Type == CellType.Code).Select(c => c.ExecutionCount ?? 0));

        // parameters: the injected values are what the later cell sees
        Assert.Equal("epochs=3 rate=0.25 name=x \"q\"\n", StreamText(CellWithId(nb, "echo"), "stdout"));

        // stdout and stderr as separate stream outputs, in order
        var streams = CellWithId(nb, "streams").Outputs.Cast<StreamOutput>().Select(s => (s.Name, s.Text)).ToList();
        Assert.Equal([("stdout", "out-1 out-2\n"), ("stderr", "err-1\n"), ("stdout", "out-3\n")], streams);

        // HTML shown as it is; a string result as text/plain
        var html = CellWithId(nb, "html").Outputs;
        var shown = Assert.IsType<DisplayOutput>(html[0]);
        Assert.Equal(Html, shown.Data.Text("text/html"));
        Assert.Equal("the result", Assert.IsType<ExecuteResultOutput>(html[1]).Data.Text("text/plain"));

        // the kernel runs in the notebook's folder, and honours its #!csharp selector
        Assert.Equal("read from the notebook's folder",
            Assert.IsType<ExecuteResultOutput>(Assert.Single(CellWithId(nb, "folder").Outputs)).Data.Text("text/plain"));

        // a number is formatted by the kernel's own formatter (HTML), not by ours
        var value = Assert.IsType<ExecuteResultOutput>(Assert.Single(CellWithId(nb, "value").Outputs));
        Assert.Contains("<pre>42</pre>", value.Data.Text("text/html"));
        Assert.Equal(7, value.ExecutionCount);

        AssertValidNbformat(nb);
        string page = nb.ToHtml();
        Assert.Contains($"<div class=\"output html\">{Html}</div>", page);
        Assert.Contains("out-1 out-2", page);
    }

    [KernelFact(NeedsChromium = true)]
    public void TheHtmlPageShowsTheKernelsHtmlAndRunsItsScripts()
    {
        string page = Path.Combine(_files.Folder, "kernel.html");
        run.Result.SaveHtml(page);
        string dom = HeadlessChromium.DumpDom(page);
        Assert.Equal("0", HeadlessChromium.RootAttribute(dom, "data-script-errors"));
        Assert.Equal("drawn", HeadlessChromium.RootAttribute(dom, "data-kernel-html"));
        Assert.Contains("<svg id=\"mark\"", dom);
    }

    [KernelFact]
    public async Task AThrowingCellStopsTheNotebookAndKeepsItsPartialOutput()
    {
        string path = _files.Write("throws.ipynb",
            "Console.WriteLine(\"before\");",
            "Console.WriteLine(\"partial\");\nthrow new InvalidOperationException(\"boom\");",
            "System.IO.File.WriteAllText(\"never.txt\", \"x\");");
        var nb = await Run(path);
        var error = Assert.IsType<CellError>(nb.Error);
        Assert.Equal(("cell 2", CellErrorKind.Exception, "InvalidOperationException", "boom"), (error.Cell, error.Kind, error.Name, error.Message));
        var cell = nb.Document.Cells[1];
        Assert.Equal("partial\n", Assert.IsType<StreamOutput>(cell.Outputs[0]).Text);
        var output = Assert.IsType<ErrorOutput>(cell.Outputs[1]);
        Assert.Equal(("InvalidOperationException", "boom"), (output.Name, output.Value));
        Assert.StartsWith("System.InvalidOperationException: boom", output.Traceback[0]);
        Assert.False(nb.Cells[2].Ran);
        Assert.Null(nb.Document.Cells[2].ExecutionCount);
        Assert.False(File.Exists(Path.Combine(_files.Folder, "never.txt")));
        AssertValidNbformat(nb);
    }

    [KernelFact]
    public async Task ACellOverItsTimeLimitHasItsKernelKilled()
    {
        // the first cell: the kernel's first compilation counts in a cell's time, and that is slow on a busy machine
        string path = _files.Write("endless.ipynb", "while (true) { }", "2");
        var clock = Stopwatch.StartNew();
        var nb = await NotebookRunner.RunAsync(path, new NotebookRunOptions { CellTimeout = TimeSpan.FromSeconds(3) });
        var error = Assert.IsType<CellError>(nb.Error);
        Assert.Equal(("cell 1", CellErrorKind.Timeout), (error.Cell, error.Kind));
        Assert.Contains("3 s", error.Message);
        Assert.InRange(nb.Cells[0].Elapsed.TotalSeconds, 3, 60);
        Assert.False(nb.Cells[1].Ran);
        Assert.Empty(KernelsIn(_files.Folder)); // no kernel left spinning
        Assert.True(clock.Elapsed < TimeSpan.FromMinutes(5));
    }

    [Fact]
    public async Task AKernelThatCannotStartIsTheFirstCellsError()
    {
        string path = _files.Write("nokernel.ipynb", "1", "2");
        var missing = new KernelTool(Path.Combine(_files.Folder, "no-such-folder"), "dotnet");
        var nb = await NotebookRunner.RunAsync(path, new NotebookRunOptions { Kernel = missing });
        var error = Assert.IsType<CellError>(nb.Error);
        Assert.Equal(("cell 1", CellErrorKind.KernelExited), (error.Cell, error.Kind));
        Assert.Contains("did not start", error.Message);
        Assert.IsType<ErrorOutput>(Assert.Single(nb.Document.Cells[0].Outputs));
        AssertValidNbformat(nb);
    }

    /// <summary>Kernel processes (dotnet-interactive) whose current directory is <paramref name="folder"/>.</summary>
    internal static List<int> KernelsIn(string folder)
    {
        var found = new List<int>();
        foreach (var dir in Directory.GetDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out int pid)) continue;
            try
            {
                string cmd = File.ReadAllText(Path.Combine(dir, "cmdline")).Replace('\0', ' ');
                if (!cmd.Contains("Interactive.App.dll", StringComparison.Ordinal) && !cmd.Contains("dotnet-interactive", StringComparison.Ordinal)) continue;
                var cwd = new DirectoryInfo(Path.Combine(dir, "cwd")).LinkTarget;
                if (cwd != null && Path.GetFullPath(cwd).TrimEnd('/') == Path.GetFullPath(folder).TrimEnd('/')) found.Add(pid);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
        }
        return found;
    }
}

/// <summary>One run of the kernel fixture notebook, shared by the tests that look at its outputs (one kernel start).</summary>
public sealed class KernelRun : IAsyncLifetime
{
    public ExecutedNotebook Result { get; private set; } = null!;
    public string FolderBefore { get; } = Directory.GetCurrentDirectory();

    public async Task InitializeAsync()
    {
        if (new KernelFactAttribute().Skip is not null) return;
        Result = await NotebookRunner.RunAsync(Fixture("kernel.ipynb"), new NotebookRunOptions
        {
            Parameters = new[] { "epochs=3", "name=x \"q\"" }.Select(NotebookParameter.Parse).ToList(),
            CellTimeout = TimeSpan.FromMinutes(5),
        });
    }

    public Task DisposeAsync() => Task.CompletedTask;
}

/// <summary>The kernel's failure messages, as 1.0.712001 sends them in <c>CommandFailed</c> (copied from its output).</summary>
public class FailureMessageTests
{
    [Fact]
    public void ACompilerErrorGivesItsLineAndCode()
    {
        var e = FailureMessage.ToCellError("cell 4", "(1,9): error CS1733: Expected expression\n(1,9): error CS1002: ; expected");
        Assert.Equal(new CellError("cell 4", 1, CellErrorKind.Compilation, "CS1733", "Expected expression"), e);
        Assert.Equal("cell 4, line 1: CS1733: Expected expression", e.ToString());
    }

    [Fact]
    public void AnExceptionGivesItsShortTypeName()
    {
        var e = FailureMessage.ToCellError("cell 2",
            "System.InvalidOperationException: boom\n   at Submission#3.<<Initialize>>d__0.MoveNext()\n--- End of stack trace from previous location ---");
        Assert.Equal(new CellError("cell 2", null, CellErrorKind.Exception, "InvalidOperationException", "boom"), e);
        var plain = FailureMessage.ToCellError("c", "System.Exception: no data");
        Assert.Equal(("Exception", "no data"), (plain.Name, plain.Message));
    }

    [Fact]
    public void AnythingElseIsTheKernelsOwnMessage()
    {
        var e = FailureMessage.ToCellError("cell 1", "Unrecognized command or argument '#!nosuch'.");
        Assert.Equal((CellErrorKind.Kernel, "Error", "Unrecognized command or argument '#!nosuch'."), (e.Kind, e.Name, e.Message));
    }
}
