using Mrh.Cli.Commands;
using Mrh.Notebooks.Reproduction;
using Mrh.Presets;
using Mrh.Tests.Kernel;
using Mrh.Tests.Notebooks;

namespace Mrh.Tests.Experiments;

/// <summary>
/// Every figure notebook of the repository, executed as `mrh reproduce --preset smoke` does: no cell may
/// fail, every notebook records its claims, and every figure it draws is there.
/// </summary>
[Collection("CurrentDirectoryCollection")]
public class NotebooksSmokeTests
{
    // Runs in the real .NET Interactive kernel (issue 14), like every `mrh reproduce`.
    [KernelFact]
    public async Task EveryNotebookRunsAtTheSmokePresetWithAllItsFigures()
    {
        string notebooks = ReproduceCommand.FindNotebooksFolder() ?? throw new InvalidOperationException("notebooks/ not found");
        var onDisk = Directory.GetFiles(notebooks, "*.ipynb").Select(Path.GetFileNameWithoutExtension).Order().ToArray();
        Assert.Equal(NotebookFigures.Expected.Keys.Order(), onDisk); // a new notebook must be added here with its figure count
        string outDir = Directory.CreateTempSubdirectory("mrh-smoke-").FullName;
        try
        {
            var summary = await ReproduceJob.RunAsync(new ReproduceOptions { NotebooksFolder = notebooks, OutputFolder = outDir, Preset = Preset.Smoke });
            foreach (var n in summary.Notebooks)
            {
                Assert.True(n.Succeeded, $"{n.Name}: {n.Error}");
                Assert.Equal(NotebookFigures.Expected[n.Name], n.Figures);
            }
            Assert.Contains(summary.Claims, c => c.Figure == "Fig. 1");
            Assert.Contains(summary.Claims, c => c.Figure == "Fig. 2");
            Assert.Contains(summary.Claims, c => c.Figure == "Fig. 3");
            Assert.Contains(summary.Claims, c => c.Figure == "Fig. 4");
            Assert.Contains(summary.Claims, c => c.Figure == "Tour");
            Assert.Contains(summary.Claims, c => c.Figure == "Supplementary");
            Assert.True(File.Exists(Path.Combine(outDir, "index.html")));

            // the real-data path: the same phantom written as dataset manifests (the 67-image one and ogse/ beside it)
            // and given to every notebook as --dataset gives the same figures and, where the notebook reads nothing
            // but volumes, the same numbers (float32 NIfTI holds the phantom's values exactly)
            string data = Path.Combine(outDir, "dataset"), fromFiles = Path.Combine(outDir, "from-files");
            var study = Mrh.Phantom.PhantomStudy.For(Preset.Smoke);
            Mrh.Phantom.PhantomDatasetExport.Export(study, data, ".nii");
            Mrh.Phantom.PhantomDatasetExport.ExportOgse(study, data, ".nii");
            var viaManifest = await ReproduceJob.RunAsync(new ReproduceOptions
            { NotebooksFolder = notebooks, OutputFolder = fromFiles, Preset = Preset.Smoke, Dataset = data });
            foreach (var n in viaManifest.Notebooks)
            {
                Assert.True(n.Succeeded, $"{n.Name} on the manifest: {n.Error}");
                Assert.Equal(NotebookFigures.Expected[n.Name], n.Figures);
            }
            // Fig. 3's regions come from the first test subject's labels instead of the atlas: close, not equal
            string[] sameNumbers = ["Fig. 1", "Fig. 2", "Fig. 4", "Supplementary"];
            foreach (var figure in sameNumbers)
                Assert.Equal(summary.Claims.Where(c => c.Figure == figure).Select(c => (c.Id, c.ThisRun)),
                    viaManifest.Claims.Where(c => c.Figure == figure).Select(c => (c.Id, c.ThisRun)));
        }
        finally { Directory.Delete(outDir, true); }
    }
}
