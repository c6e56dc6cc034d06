using System.Text.Json.Nodes;
using Mrh.Tests.Cli;

namespace Mrh.Tests.Notebooks;

/// <summary>Tests that change or depend on process-wide state (the current directory, the files being written) run alone.</summary>
[CollectionDefinition(nameof(CurrentDirectoryCollection), DisableParallelization = true)]
public sealed class CurrentDirectoryCollection;

[Collection(nameof(CurrentDirectoryCollection))]
public sealed class NotebooksCliTests : IDisposable
{
    readonly TestNotebooks _files = new();
    public void Dispose() => _files.Dispose();

    [KernelFact]
    public void RunWritesEachExecutedNotebookAndPageAndALinePerCellAndAFailureIsExitCode1()
    {
        string report = _files.Write("report.ipynb",
            "md:# Report",
            "int n = 2;",
            "Console.WriteLine(System.IO.File.ReadAllText(\"data.txt\"));\nn * 21");
        File.WriteAllText(Path.Combine(_files.Folder, "data.txt"), "from the notebook's folder");
        string fails = _files.Write("fails.ipynb", "1", "throw new Exception(\"no data\");", "3");
        string outDir = Path.Combine(_files.Folder, "out");
        var (code, stdout, stderr) = CliHarness.Run("notebooks", "run", fails, report, "--out", outDir, "--html", "--cell-timeout", "5m", "-p", "x=1");
        Assert.Equal(1, code);
        string ipynb = Path.Combine(outDir, "report.ipynb"), html = Path.Combine(outDir, "report.html");
        Assert.Equal([Path.Combine(outDir, "fails.ipynb"), Path.Combine(outDir, "fails.html"), ipynb, html],
            stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        string err = stderr.ReplaceLineEndings("\n");
        // the failing notebook: one line naming the cell and the exception; the next notebook still runs
        Assert.Contains("mrh: error: fails.ipynb: cell 2: Exception: no data\n", err);
        Assert.Contains("mrh: warning: fails.ipynb: the notebook has no cell tagged 'parameters'", err);
        Assert.Matches(@"report\.ipynb  cell 2 \[2/3\]  ok  \d+\.\d s", err);
        Assert.Matches(@"report\.ipynb  cell 3 \[3/3\]  ok  \d+\.\d s", err);
        var cells = JsonNode.Parse(File.ReadAllText(ipynb))!["cells"]!.AsArray();
        var outputs = cells[3]!["outputs"]!.AsArray(); // after the markdown, the injected cell and "int n = 2;"
        Assert.Equal("from the notebook's folder\n", string.Concat(outputs[0]!["text"]!.AsArray().Select(l => (string?)l)));
        Assert.Contains("<pre>42</pre>", string.Concat(outputs[1]!["data"]!["text/html"]!.AsArray().Select(l => (string?)l)));
        Assert.Contains("<h1 id=\"report\">Report</h1>", File.ReadAllText(html));
    }

    /// <summary>
    /// `-p dataset=RELATIVE` is relative to where the user runs mrh, as `reproduce --dataset` is, not to the notebook's
    /// folder where the kernel runs (it once was).
    /// </summary>
    [KernelFact]
    public void PathParametersAreResolvedFromTheCallersFolder()
    {
        string nb = _files.Write(Path.Combine("notebooks", "where.ipynb"), "Console.WriteLine(dataset + \"|\" + results + \"|\" + other);");
        string caller = Path.Combine(_files.Folder, "caller");
        Directory.CreateDirectory(caller);
        string before = Directory.GetCurrentDirectory();
        try
        {
            Directory.SetCurrentDirectory(caller);
            var (code, _, stderr) = CliHarness.Run("notebooks", "run", nb, "--out", "out", "-p", "dataset=out/ds", "-p", "results=res", "-p", "other=keep/me");
            Assert.True(code == 0, stderr);
        }
        finally { Directory.SetCurrentDirectory(before); }
        var cells = JsonNode.Parse(File.ReadAllText(Path.Combine(caller, "out", "where.ipynb")))!["cells"]!.AsArray();
        string printed = string.Concat(cells[1]!["outputs"]![0]!["text"]!.AsArray().Select(l => (string?)l)).Trim();
        Assert.Equal($"{Path.Combine(caller, "out", "ds")}|{Path.Combine(caller, "res")}|keep/me", printed);
    }

    [Fact]
    public void OnlyTheFigureNotebooksPathParametersAreResolved()
    {
        var resolved = Mrh.Notebooks.Reproduction.ReproduceJob.ResolvePaths(
            [new("dataset", "data/ds"), new("results", "/abs/r"), new("preset", "smoke"), new("device", "cpu/x"), new("dataset", "")], "/home/u/work");
        Assert.Equal(["/home/u/work/data/ds", "/abs/r", "smoke", "cpu/x", ""], resolved.Select(p => p.Value));
    }

    [Theory]
    [InlineData("missing.ipynb")]
    [InlineData("good.ipynb", "-p", "bad")]
    [InlineData("good.ipynb", "--cell-timeout", "-1")]
    [InlineData]
    public void BadInputIsExitCode2WithOneLine(params string[] args)
    {
        _files.Write("good.ipynb", "1");
        var full = args.Select((a, i) => i == 0 ? Path.Combine(_files.Folder, a) : a).ToArray();
        var (code, stdout, stderr) = CliHarness.Run(["notebooks", "run", .. full, "--out", Path.Combine(_files.Folder, "out")]);
        Assert.Equal(2, code);
        Assert.Equal("", stdout);
        Assert.Single(stderr.TrimEnd().Split('\n'));
    }

    [Fact]
    public void TheSourceNotebookIsNeverOverwritten()
    {
        string nb = _files.Write("self.ipynb", "1");
        var (code, _, stderr) = CliHarness.Run("notebooks", "run", nb, "--out", _files.Folder);
        Assert.Equal(2, code);
        Assert.Contains("overwrite", stderr);
    }
}
