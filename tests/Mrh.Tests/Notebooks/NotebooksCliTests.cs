using System.Text.Json.Nodes;
using Mrh.Tests.Cli;

namespace Mrh.Tests.Notebooks;

/// <summary>`mrh notebooks run` changes the current directory while a notebook runs, so these tests run alone.</summary>
[CollectionDefinition(nameof(CurrentDirectoryCollection), DisableParallelization = true)]
public sealed class CurrentDirectoryCollection;

[Collection(nameof(CurrentDirectoryCollection))]
public sealed class NotebooksCliTests : IDisposable
{
    readonly TestNotebooks _files = new();
    public void Dispose() => _files.Dispose();

    [Fact]
    public void RunWritesTheExecutedNotebookAndThePageAndALinePerCell()
    {
        string nb = _files.Write("report.ipynb",
            "md:# Report",
            "int n = 2;",
            "Console.WriteLine(System.IO.File.ReadAllText(\"data.txt\"));\nn * 21");
        File.WriteAllText(Path.Combine(_files.Folder, "data.txt"), "from the notebook's folder");
        string outDir = Path.Combine(_files.Folder, "out");
        string before = Directory.GetCurrentDirectory();
        var (code, stdout, stderr) = CliHarness.Run("notebooks", "run", nb, "--out", outDir, "--html", "--cell-timeout", "60");
        Assert.True(code == 0, stderr);
        Assert.Equal(before, Directory.GetCurrentDirectory());
        string ipynb = Path.Combine(outDir, "report.ipynb"), html = Path.Combine(outDir, "report.html");
        Assert.Equal([ipynb, html], stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Matches(@"report\.ipynb  cell 2 \[1/2\]  ok  \d+\.\d s", stderr);
        Assert.Matches(@"report\.ipynb  cell 3 \[2/2\]  ok  \d+\.\d s", stderr);
        var cells = JsonNode.Parse(File.ReadAllText(ipynb))!["cells"]!.AsArray();
        Assert.Equal("from the notebook's folder\n", string.Concat(cells[2]!["outputs"]![0]!["text"]!.AsArray().Select(l => (string?)l)));
        Assert.Equal("42", (string?)cells[2]!["outputs"]![1]!["data"]!["text/plain"]![0]);
        Assert.Contains("<h1 id=\"report\">Report</h1>", File.ReadAllText(html));
    }

    [Fact]
    public void AFailingCellGivesExitCode1AndAOneLineErrorButTheNotebookIsWritten()
    {
        string nb = _files.Write("fails.ipynb", "1", "throw new Exception(\"no data\");", "3");
        string outDir = Path.Combine(_files.Folder, "out");
        var (code, _, stderr) = CliHarness.Run("notebooks", "run", nb, "--out", outDir, "-p", "x=1");
        Assert.Equal(1, code);
        Assert.Contains("mrh: error: fails.ipynb: cell 2, line 1: Exception: no data\n", stderr.ReplaceLineEndings("\n"));
        Assert.Contains("mrh: warning: fails.ipynb: the notebook has no cell tagged 'parameters'", stderr);
        Assert.True(File.Exists(Path.Combine(outDir, "fails.ipynb")));
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
