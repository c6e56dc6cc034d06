using System.Diagnostics;
using System.Text.Json.Nodes;
using Xunit.Abstractions;

namespace Mrh.Tests.Kernel;

/// <summary>
/// Every figure notebook, at the smoke preset, in the users' kernel: Jupyter's nbconvert with the .NET Interactive
/// kernel 1.0.712001 (what VS Code Polyglot Notebooks and Jupyter run). No cell may fail, every figure must be there
/// as a Plotly chart (plotly.js carried by the first one), and the notebook must have saved its claims.
/// </summary>
[Collection("Kernel")]
public class KernelNotebookTests(ITestOutputHelper output)
{
    public static TheoryData<string> Notebooks() => new(NotebookFigures.Expected.Keys);

    [Fact]
    public void EveryNotebookHasAnExpectedFigureCount() =>
        Assert.Equal(NotebookFigures.Expected.Keys.Order(),
            Directory.GetFiles(JupyterKernel.NotebooksFolder, "*.ipynb").Select(Path.GetFileNameWithoutExtension).Order());

    [JupyterTheory]
    [MemberData(nameof(Notebooks))]
    public void RunsInJupyterWithTheDotnetInteractiveKernel(string name)
    {
        string dir = Directory.CreateTempSubdirectory("mrh-kernel-").FullName;
        try
        {
            string results = Path.Combine(dir, "claims");
            string ipynb = JupyterKernel.WithParameters(Path.Combine(JupyterKernel.NotebooksFolder, name + ".ipynb"),
                ("preset", "smoke"), ("results", results));
            var sw = Stopwatch.StartNew();
            var executed = JupyterKernel.RunWithNbconvert(ipynb, dir, name, TimeSpan.FromMinutes(15));
            output.WriteLine($"{name}: {sw.Elapsed.TotalSeconds:0} s in Jupyter nbconvert + .NET Interactive");

            Assert.Empty(JupyterKernel.Errors(executed));
            var html = JupyterKernel.HtmlOutputs(executed).ToList();
            var charts = html.Where(h => h.Contains("class=\"mrh-plotly\"", StringComparison.Ordinal)).ToList();
            var figures = charts.SelectMany(JupyterKernel.Figures).ToList();
            Assert.Equal(NotebookFigures.Expected[name], charts.Count);
            Assert.Equal(NotebookFigures.Expected[name], figures.Count);
            Assert.All(figures, f => Assert.NotEmpty(f["data"]!.AsArray()));
            Assert.All(figures, f => Assert.All(f["data"]!.AsArray(), t => Assert.False(string.IsNullOrEmpty((string?)t!["type"]))));
            // plotly.js (offline) comes with the first chart of the kernel session, and only there
            Assert.Contains($"plotly.js v{Mrh.Plots.PlotlyJs.Version}", charts[0]);
            Assert.Equal(1, html.Count(h => h.Contains("plotly.js v", StringComparison.Ordinal)));
            // ran to its last cell: the claims table was saved
            Assert.True(Directory.Exists(results) && Directory.GetFiles(results, "claims-*.json").Length == 1, $"{name} did not save its claims into {results}");
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    /// <summary>Every notebook through dotnet-repl 0.3.259 (the other way to run a notebook headlessly with the same kernel).</summary>
    [ReplTheory]
    [MemberData(nameof(Notebooks))]
    public void RunsInDotnetRepl(string name)
    {
        string dir = Directory.CreateTempSubdirectory("mrh-repl-").FullName;
        try
        {
            string results = Path.Combine(dir, "claims"), input = Path.Combine(dir, "in.ipynb"), executed = Path.Combine(dir, name + ".ipynb");
            File.WriteAllText(input, JupyterKernel.WithParameters(Path.Combine(JupyterKernel.NotebooksFolder, name + ".ipynb"),
                ("preset", "smoke"), ("results", results)));
            var sw = Stopwatch.StartNew();
            var (code, log) = JupyterKernel.Run("dotnet", ["repl", "--run", input, "--exit-after-run", "--output-path", executed,
                "--working-dir", JupyterKernel.NotebooksFolder], JupyterKernel.NotebooksFolder, null, TimeSpan.FromMinutes(15));
            output.WriteLine($"{name}: {sw.Elapsed.TotalSeconds:0} s in dotnet-repl");
            Assert.True(code == 0 && File.Exists(executed), $"dotnet repl exited with {code}:\n{log[^Math.Min(log.Length, 4000)..]}");
            var notebook = JsonNode.Parse(File.ReadAllText(executed))!.AsObject();
            Assert.Empty(JupyterKernel.Errors(notebook));
            var charts = JupyterKernel.HtmlOutputs(notebook).Where(h => h.Contains("class=\"mrh-plotly\"", StringComparison.Ordinal)).ToList();
            Assert.Equal(NotebookFigures.Expected[name], charts.SelectMany(JupyterKernel.Figures).Count());
            Assert.True(Directory.Exists(results) && Directory.GetFiles(results, "claims-*.json").Length == 1, $"{name} did not save its claims into {results}");
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }
}
