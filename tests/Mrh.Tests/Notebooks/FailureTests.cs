using Mrh.Notebooks;
using Mrh.Notebooks.Documents;

namespace Mrh.Tests.Notebooks;

public sealed class FailureTests : IDisposable
{
    readonly TestNotebooks _files = new();
    public void Dispose() => _files.Dispose();

    [Fact]
    public async Task AnExceptionIsReportedWithItsCellAndLineAndLaterCellsDoNotRun()
    {
        string path = _files.Write("error.ipynb",
            "int a = 1;",
            "md:## a markdown cell counts as a cell",
            "var b = a + 1;\nthrow new InvalidOperationException($\"boom {b}\");",
            "Console.WriteLine(\"after\");");
        var nb = await TestNotebooks.Run(path);
        Assert.True(nb.Failed);
        var e = nb.Error!;
        Assert.Equal("cell 3", e.Cell);
        Assert.Equal(2, e.Line);
        Assert.Equal(CellErrorKind.Exception, e.Kind);
        Assert.Equal("InvalidOperationException", e.Name);
        Assert.Equal("boom 2", e.Message);
        Assert.Equal("cell 3, line 2: InvalidOperationException: boom 2", e.ToString());

        var failed = nb.Document.Cells[2];
        var error = Assert.IsType<ErrorOutput>(Assert.Single(failed.Outputs));
        Assert.Equal("InvalidOperationException", error.Name);
        Assert.Equal("boom 2", error.Value);
        Assert.Contains(error.Traceback, l => l.Contains("cell 3, line 2"));
        var last = nb.Document.Cells[3];
        Assert.Null(last.ExecutionCount);
        Assert.Empty(last.Outputs);
        Assert.False(nb.Cells[^1].Ran);
        TestNotebooks.AssertValidNbformat(nb);
    }

    [Fact]
    public async Task AnExceptionInAFunctionOfAnEarlierCellNamesBothCells()
    {
        string path = _files.Write("deep.ipynb",
            "int Half(int x)\n{\n    if (x % 2 != 0) throw new ArgumentException($\"{x} is odd\");\n    return x / 2;\n}",
            "var ok = Half(4);\nvar bad = Half(3);");
        var nb = await TestNotebooks.Run(path);
        Assert.Equal("cell 2", nb.Error!.Cell);
        Assert.Equal(2, nb.Error.Line);
        var error = Assert.IsType<ErrorOutput>(Assert.Single(nb.Document.Cells[1].Outputs));
        Assert.Contains("   at Half in cell 1, line 3", error.Traceback);
        Assert.Contains("   at <cell> in cell 2, line 2", error.Traceback);
    }

    [Fact]
    public async Task ACompilationErrorNamesTheLineAndTheCompilerError()
    {
        string path = _files.Write("compile.ipynb", "// first line\nint x = \"text\";", "1");
        var nb = await TestNotebooks.Run(path);
        Assert.Equal(CellErrorKind.Compilation, nb.Error!.Kind);
        Assert.Equal("CS0029", nb.Error.Name);
        Assert.Equal(2, nb.Error.Line);
        Assert.Equal("cell 1", nb.Error.Cell);
        Assert.Null(nb.Document.Cells[1].ExecutionCount);
    }

    [Fact]
    public async Task AnUnknownNugetPackageIsAnErrorNamingIt()
    {
        string path = _files.Write("unknown.ipynb", "#r \"nuget: Plotly.NET\"\n#r \"nuget: No.Such.Package, 1.2.3\"\n1", "2");
        var nb = await TestNotebooks.Run(path);
        Assert.Equal(CellErrorKind.Directive, nb.Error!.Kind);
        Assert.Equal(2, nb.Error.Line);
        Assert.Contains("'No.Such.Package'", nb.Error.Message);
        Assert.Contains("1.2.3", nb.Error.Message);
        Assert.Null(nb.Document.Cells[1].ExecutionCount);
    }

    [Fact]
    public async Task ACarriedPackageAtAnotherVersionIsAnErrorNamingTheCarriedVersion()
    {
        string path = _files.Write("version.ipynb", "#r \"nuget: Plotly.NET, 5.0.0\"");
        var nb = await TestNotebooks.Run(path);
        Assert.Contains("'Plotly.NET' version 5.0.0", nb.Error!.Message);
        Assert.Contains("Plotly.NET 6.0.0", nb.Error.Message);
    }

    [Theory]
    [InlineData("#!time\n1", "'#!time'")]
    [InlineData("#!fsharp\nlet x = 1", "'fsharp'")]
    [InlineData("1\n#!who", "'#!who'")]
    public async Task OtherMagicCommandsAreErrorsNamingThem(string cell, string named)
    {
        string path = _files.Write($"magic-{Guid.NewGuid():N}.ipynb", cell);
        var nb = await TestNotebooks.Run(path);
        Assert.Equal(CellErrorKind.Directive, nb.Error!.Kind);
        Assert.Contains(named, nb.Error.Message);
    }

    [Fact]
    public async Task ACellOfAnotherKernelIsAnError()
    {
        string path = _files.Write("pwsh.ipynb", "1");
        var doc = IpynbReader.Read(path);
        doc.Cells[0].Metadata["polyglot_notebook"] = new System.Text.Json.Nodes.JsonObject { ["kernelName"] = "pwsh" };
        var nb = await NotebookRunner.RunAsync(doc, path);
        Assert.Contains("'pwsh'", nb.Error!.Message);
    }

    [Fact]
    public async Task AnEndlessLoopIsStoppedAtTheCellTimeout()
    {
        string path = _files.Write("loop.ipynb", "long i = 0;\nwhile (true) { i++; }", "Console.WriteLine(\"after\");");
        var nb = await TestNotebooks.Run(path, new NotebookRunOptions { CellTimeout = TimeSpan.FromSeconds(1) });
        Assert.Equal(CellErrorKind.Timeout, nb.Error!.Kind);
        Assert.Equal("cell 1", nb.Error.Cell);
        Assert.Contains("time limit of 1 s", nb.Error.Message);
        Assert.Contains("it was stopped", nb.Error.Message);
        Assert.Null(nb.Document.Cells[1].ExecutionCount);
        Assert.IsType<ErrorOutput>(Assert.Single(nb.Document.Cells[0].Outputs));
        TestNotebooks.AssertValidNbformat(nb);
    }

    [Fact]
    public async Task ACellBlockedOutsideItsLoopsIsAbandonedAtTheNotebookTimeout()
    {
        // The first cell warms up the compiler, so that the sleeping cell surely starts sleeping before the limit
        // (compilation counts as the cell's time: a cell stopped while compiling is "stopped", not "abandoned").
        string path = _files.Write("sleep.ipynb", "1", "System.Threading.Thread.Sleep(System.Threading.Timeout.Infinite);", "2");
        var nb = await TestNotebooks.Run(path, new NotebookRunOptions
        {
            NotebookTimeout = TimeSpan.FromSeconds(5), StopGracePeriod = TimeSpan.FromSeconds(0.2),
        });
        Assert.Equal(CellErrorKind.Timeout, nb.Error!.Kind);
        Assert.Equal("cell 2", nb.Error.Cell);
        Assert.Contains("notebook did not finish within its time limit of 5 s", nb.Error.Message);
        Assert.Contains("abandoned", nb.Error.Message);
        Assert.Null(nb.Document.Cells[2].ExecutionCount);
    }

    [Fact]
    public void ANonNotebookFileIsAOneLineErrorNamingIt()
    {
        string path = Path.Combine(_files.Folder, "broken.ipynb");
        File.WriteAllText(path, "{ \"cells\": [");
        var e = Assert.Throws<MrhException>(() => TestNotebooks.Run(path).GetAwaiter().GetResult());
        Assert.Contains("broken.ipynb", e.Message);
        Assert.DoesNotContain('\n', e.Message);
        File.WriteAllText(path, "{\"nbformat\": 3, \"cells\": []}");
        Assert.Contains("nbformat 3", Assert.Throws<MrhException>(() => TestNotebooks.Run(path).GetAwaiter().GetResult()).Message);
    }

    [Fact]
    public async Task APythonNotebookIsRefused()
    {
        string path = _files.Write("py.ipynb", "print(1)");
        var doc = IpynbReader.Read(path);
        doc.Metadata["kernelspec"] = new System.Text.Json.Nodes.JsonObject { ["name"] = "python3", ["display_name"] = "Python 3" };
        doc.Cells[0].Metadata.Remove("polyglot_notebook");
        var e = await Assert.ThrowsAsync<MrhException>(() => NotebookRunner.RunAsync(doc, path));
        Assert.Contains("python3", e.Message);
    }
}
