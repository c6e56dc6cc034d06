using Mrh.Cli.Commands;
using Mrh.Notebooks.Reproduction;
using Mrh.Presets;

namespace Mrh.Tests.Experiments;

/// <summary>
/// Every figure notebook of the repository, executed as `mrh reproduce --preset smoke` does: no cell may
/// fail, every notebook records its claims, and every figure it draws is there.
/// </summary>
[Collection("CurrentDirectoryCollection")]
public class NotebooksSmokeTests
{
    /// <summary>Plotly figures each notebook draws (one per figure call in its cells).</summary>
    static readonly Dictionary<string, int> ExpectedFigures = new()
    {
        ["00-tour"] = 4,
        ["01-training-size"] = 7,
        ["02-contributions"] = 6,
        ["03-nf-mbp-transfer"] = 21,
        ["04-nissl-ogse"] = 7,
        ["05-supplementary"] = 9,
    };

    [Fact]
    public async Task EveryNotebookRunsAtTheSmokePresetWithAllItsFigures()
    {
        string notebooks = ReproduceCommand.FindNotebooksFolder() ?? throw new InvalidOperationException("notebooks/ not found");
        var onDisk = Directory.GetFiles(notebooks, "*.ipynb").Select(Path.GetFileNameWithoutExtension).Order().ToArray();
        Assert.Equal(ExpectedFigures.Keys.Order(), onDisk); // a new notebook must be added here with its figure count
        string outDir = Directory.CreateTempSubdirectory("mrh-smoke-").FullName;
        try
        {
            var summary = await ReproduceJob.RunAsync(new ReproduceOptions { NotebooksFolder = notebooks, OutputFolder = outDir, Preset = Preset.Smoke });
            foreach (var n in summary.Notebooks)
            {
                Assert.True(n.Succeeded, $"{n.Name}: {n.Error}");
                Assert.Equal(ExpectedFigures[n.Name], n.Figures);
            }
            Assert.Contains(summary.Claims, c => c.Figure == "Fig. 1");
            Assert.Contains(summary.Claims, c => c.Figure == "Fig. 2");
            Assert.Contains(summary.Claims, c => c.Figure == "Tour");
            Assert.Contains(summary.Claims, c => c.Figure == "Supplementary");
            Assert.True(File.Exists(Path.Combine(outDir, "index.html")));
        }
        finally { Directory.Delete(outDir, true); }
    }
}
