using Mrh.Notebooks;
using Mrh.Notebooks.Documents;
using static Mrh.Tests.Notebooks.TestNotebooks;

namespace Mrh.Tests.Notebooks;

/// <summary>Runs Fixtures/basics.ipynb once; the tests check what each cell produced.</summary>
public sealed class BasicsRun
{
    public ExecutedNotebook Result { get; } = Run(Fixture("basics.ipynb")).GetAwaiter().GetResult();
}

public class BasicsNotebookTests(BasicsRun run) : IClassFixture<BasicsRun>
{
    readonly ExecutedNotebook _nb = run.Result;

    [Fact]
    public void EveryCellRanInOrderWithoutError()
    {
        Assert.False(_nb.Failed, _nb.Error?.ToString());
        Assert.Empty(_nb.Warnings);
        var counts = _nb.Document.Cells.Where(c => c.Type == CellType.Code).Select(c => c.ExecutionCount).ToList();
        Assert.Equal(Enumerable.Range(1, 9).Select(i => (int?)i), counts);
        Assert.Null(_nb.Document.Cells[0].ExecutionCount);
    }

    [Fact]
    public void TheLastExpressionIsTheResult()
    {
        var cell = CellWithId(_nb, "expression");
        var result = Assert.IsType<ExecuteResultOutput>(Assert.Single(cell.Outputs));
        Assert.Equal("42", result.Data.Text("text/plain"));
        Assert.Equal(cell.ExecutionCount, result.ExecutionCount);
        Assert.Empty(CellWithId(_nb, "statement").Outputs); // ends with a semicolon: no result
    }

    [Fact]
    public void ConsoleOutputBecomesStreamsInOrder()
    {
        var outputs = CellWithId(_nb, "streams").Outputs.Cast<StreamOutput>().Select(s => (s.Name, s.Text)).ToList();
        Assert.Equal([("stdout", "out-1 out-2\n"), ("stderr", "err-1\n"), ("stdout", "out-3\n")], outputs);
        var echo = Assert.IsType<StreamOutput>(Assert.Single(CellWithId(_nb, "echo-parameters").Outputs));
        Assert.Equal("epochs=10 rate=0.25 name=default verbose=False\n", echo.Text);
    }

    [Fact]
    public void DisplayShowsAndUpdateReplacesInPlace()
    {
        var outputs = CellWithId(_nb, "display").Outputs;
        Assert.Equal(4, outputs.Count);
        var updated = Assert.IsType<DisplayOutput>(outputs[0]);
        Assert.Equal("second", updated.Data.Text("text/plain"));
        Assert.Equal(1, updated.Updates);
        var html = Assert.IsType<DisplayOutput>(outputs[1]);
        Assert.Equal("<b>bold</b>", html.Data.Text("text/html"));
        var asHtml = Assert.IsType<DisplayOutput>(outputs[2]); // x.Display("text/html"): only that MIME type
        Assert.Equal(["text/html"], asHtml.Data.MimeTypes);
        Assert.Equal("<i>as html</i>", asHtml.Data.Text("text/html"));
        var result = Assert.IsType<ExecuteResultOutput>(outputs[3]);
        Assert.Equal("result", result.Data.Text("text/plain"));
    }

    [Fact]
    public void RecordsBecomeAnHtmlTable()
    {
        var result = Assert.IsType<ExecuteResultOutput>(Assert.Single(CellWithId(_nb, "records").Outputs));
        string html = result.Data.Text("text/html")!;
        Assert.Contains("<thead><tr><th>Region</th><th>Count</th><th>Mean</th></tr></thead>", html);
        Assert.Contains("<tr><td>cortex</td><td>12</td><td>0.5</td></tr>", html);
        Assert.Contains("<tr><td>hippocampus</td><td>7</td><td>1.25</td></tr>", html);
        Assert.Equal(2, html.Split("<tr><td>").Length - 1);
    }

    [Fact]
    public void AnObjectWithToPngBecomesAPngImage()
    {
        var result = Assert.IsType<ExecuteResultOutput>(Assert.Single(CellWithId(_nb, "image").Outputs));
        byte[] png = Convert.FromBase64String(result.Data.Text("image/png")!);
        Assert.Equal(70, png.Length);
        Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, png[..4]);
        Assert.Equal("IHDR", System.Text.Encoding.ASCII.GetString(png, 12, 4));
    }

    [Fact]
    public void CSharpSelectorAndPackageSourcesAreAccepted()
    {
        var result = Assert.IsType<ExecuteResultOutput>(Assert.Single(CellWithId(_nb, "directives").Outputs));
        Assert.Equal("directives ok", result.Data.Text("text/plain"));
    }

    [Fact]
    public void TheExecutedNotebookIsValidNbformat45AndKeepsTheKernelMetadata()
    {
        AssertValidNbformat(_nb);
        var json = System.Text.Json.Nodes.JsonNode.Parse(_nb.ToIpynb())!;
        Assert.Equal(".net-csharp", (string?)json["metadata"]!["kernelspec"]!["name"]);
        Assert.Equal("csharp", (string?)json["metadata"]!["polyglot_notebook"]!["kernelInfo"]!["defaultKernelName"]);
        Assert.Equal(4, (int)json["nbformat"]!);
        Assert.Equal(5, (int)json["nbformat_minor"]!);
        var cells = json["cells"]!.AsArray();
        Assert.Equal("streams", (string?)cells[3]!["id"]);
        Assert.Equal("csharp", (string?)cells[3]!["metadata"]!["polyglot_notebook"]!["kernelName"]);
        Assert.Null(cells[0]!["outputs"]); // markdown cells have none
    }
}
