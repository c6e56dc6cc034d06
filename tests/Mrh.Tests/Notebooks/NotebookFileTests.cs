using System.Text.Json.Nodes;
using Mrh.Notebooks.Documents;

namespace Mrh.Tests.Notebooks;

public class NotebookFileTests
{
    [Fact]
    public void SourcesAsStringsOrLineArraysReadTheSame()
    {
        var nb = IpynbReader.Parse("""
            {"nbformat": 4, "nbformat_minor": 2, "metadata": {},
             "cells": [{"cell_type": "code", "metadata": {}, "source": ["a = 1\n", "b"], "outputs": [], "execution_count": 3},
                       {"cell_type": "markdown", "metadata": {}, "source": "# t\nx"}]}
            """, "test");
        Assert.Equal("a = 1\nb", nb.Cells[0].Source);
        Assert.Equal("# t\nx", nb.Cells[1].Source);
        Assert.Equal([1, 2], nb.Cells.Select(c => c.SourcePosition!.Value));
        Assert.Equal(2, nb.FormatMinor);
    }

    /// <summary>
    /// An executed notebook as Jupyter writes one (hand-written here: each output type, text as line arrays, JSON data
    /// as JSON): read with its outputs it has them all, and written again it is the same JSON; read to be run it has none.
    /// </summary>
    [Fact]
    public void AnExecutedNotebookIsReadWithItsOutputsAndWrittenBackUnchanged()
    {
        const string executed = """
            {"cells": [{"cell_type": "code", "execution_count": 7, "id": "a1", "metadata": {},
               "outputs": [
                 {"name": "stdout", "output_type": "stream", "text": ["line 1\n", "line 2\n"]},
                 {"data": {"text/html": ["<b>x</b>\n", "<i>y</i>"], "application/vnd.plotly.v1+json": {"data": [{"y": [1, 2]}]}}, "metadata": {}, "output_type": "display_data"},
                 {"data": {"text/plain": ["42"]}, "execution_count": 7, "metadata": {}, "output_type": "execute_result"},
                 {"ename": "InvalidOperationException", "evalue": "boom", "output_type": "error", "traceback": ["at A", "at B"]}],
               "source": ["Console.WriteLine(1);"]},
              {"cell_type": "markdown", "id": "m1", "metadata": {}, "source": ["# t"]}],
             "metadata": {}, "nbformat": 4, "nbformat_minor": 5}
            """;
        var nb = IpynbReader.Parse(executed, "executed", withOutputs: true);
        var cell = nb.Cells[0];
        Assert.Equal(7, cell.ExecutionCount);
        Assert.Equal(["stream", "display_data", "execute_result", "error"], cell.Outputs.Select(o => o.OutputType));
        Assert.Equal("line 1\nline 2\n", ((StreamOutput)cell.Outputs[0]).Text);
        var shown = (DisplayOutput)cell.Outputs[1];
        Assert.Equal("<b>x</b>\n<i>y</i>", shown.Data.Text("text/html"));
        Assert.Equal(2, (int)shown.Data.Json("application/vnd.plotly.v1+json")!["data"]![0]!["y"]![1]!);
        var result = (ExecuteResultOutput)cell.Outputs[2];
        Assert.Equal(("42", 7), (result.Data.Text("text/plain"), result.ExecutionCount));
        var error = (ErrorOutput)cell.Outputs[3];
        Assert.Equal(("InvalidOperationException", "boom", 2), (error.Name, error.Value, error.Traceback.Count));
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(executed), JsonNode.Parse(IpynbWriter.ToJson(nb))));

        var toRun = IpynbReader.Parse(executed, "executed");
        Assert.Empty(toRun.Cells[0].Outputs);
        Assert.Null(toRun.Cells[0].ExecutionCount);
        var bad = Assert.Throws<MrhException>(() => IpynbReader.Parse(executed.Replace("\"display_data\"", "\"hologram\""), "executed", withOutputs: true));
        Assert.Contains("unknown output_type 'hologram'", bad.Message);
    }

    [Fact]
    public void TheWriterWritesJupyterStyleJsonWithUniqueIds()
    {
        var nb = new NotebookDocument(null, [
            new NotebookCell(CellType.Code, "x\ny\n", id: "same"),
            new NotebookCell(CellType.Code, "", id: "same"),
            new NotebookCell(CellType.Markdown, "text", id: "bad id!"),
        ]);
        nb.Cells[0].ExecutionCount = 1;
        nb.Cells[0].Outputs.Add(new StreamOutput("stdout", "a\nb"));
        var json = JsonNode.Parse(IpynbWriter.ToJson(nb))!;
        var cells = json["cells"]!.AsArray();
        Assert.Equal(["same", "cell-2", "cell-3"], cells.Select(c => (string?)c!["id"]));
        Assert.Equal(["x\n", "y\n"], cells[0]!["source"]!.AsArray().Select(l => (string?)l));
        Assert.Equal(["a\n", "b"], cells[0]!["outputs"]![0]!["text"]!.AsArray().Select(l => (string?)l));
        Assert.Null(cells[1]!["execution_count"]);
        Assert.True(cells[1]!.AsObject().ContainsKey("execution_count"));
        Assert.Empty(NbformatSchemaChecker.Nbformat45.Validate(IpynbWriter.ToJson(nb)));
        Assert.StartsWith("{\n \"cells\": [\n  {", IpynbWriter.ToJson(nb)); // one-space indentation, like Jupyter
    }

    [Theory]
    [InlineData("""{"cell_type": "code", "id": "a", "metadata": {}, "source": "", "execution_count": null}""", "outputs")]
    [InlineData("""{"cell_type": "markdown", "id": "a", "metadata": {}, "source": "", "outputs": []}""", "")]
    [InlineData("""{"cell_type": "code", "id": "a", "metadata": {}, "source": "", "execution_count": null, "outputs": [{"output_type": "stream", "name": "stdout"}]}""", "")]
    [InlineData("""{"cell_type": "code", "id": "a b", "metadata": {}, "source": "", "execution_count": null, "outputs": []}""", "")]
    [InlineData("""{"cell_type": "code", "id": "a", "metadata": {}, "source": "", "execution_count": null, "outputs": [{"output_type": "execute_result", "data": {}, "metadata": {}}]}""", "")]
    public void TheSchemaCheckerRejectsInvalidCells(string cell, string mentions)
    {
        string nb = $$"""{"nbformat": 4, "nbformat_minor": 5, "metadata": {}, "cells": [{{cell}}]}""";
        var errors = NbformatSchemaChecker.Nbformat45.Validate(nb);
        Assert.NotEmpty(errors);
        Assert.Contains(errors, e => e.Contains(mentions));
    }

    [Fact]
    public void TheRepositorysNotebooksAreValidNbformat45()
    {
        string folder = Mrh.Cli.Commands.ReproduceCommand.FindNotebooksFolder() ?? throw new InvalidOperationException("notebooks/ not found");
        var files = Directory.GetFiles(folder, "*.ipynb");
        Assert.NotEmpty(files);
        foreach (var file in files)
        {
            var errors = NbformatSchemaChecker.Nbformat45.Validate(File.ReadAllText(file));
            Assert.True(errors.Count == 0, $"{Path.GetFileName(file)}: {string.Join("; ", errors.Take(3))}");
            // nbformat 4.5: every cell has an id, unique within the notebook (the schema cannot say "unique")
            var ids = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(file))!["cells"]!.AsArray().Select(c => (string?)c!["id"]).ToArray();
            Assert.Equal(ids.Length, ids.Distinct().Count());
        }
    }
}
