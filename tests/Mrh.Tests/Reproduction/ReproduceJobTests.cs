using System.Text.Json;
using System.Text.Json.Nodes;
using Mrh.Notebooks.Reproduction;
using Mrh.Presets;

namespace Mrh.Tests.Reproduction;

/// <summary>`mrh reproduce` on small notebooks written for the purpose.</summary>
[Collection("CurrentDirectoryCollection")] // notebooks run in their own folder: the current directory is process-wide
public class ReproduceJobTests
{
    static string Notebook(params (string Type, string Source, string[] Tags)[] cells)
    {
        var nb = new JsonObject
        {
            ["nbformat"] = 4, ["nbformat_minor"] = 5,
            ["metadata"] = new JsonObject
            {
                ["kernelspec"] = new JsonObject { ["display_name"] = ".NET (C#)", ["language"] = "C#", ["name"] = ".net-csharp" },
                ["language_info"] = new JsonObject { ["name"] = "C#" },
            },
            ["cells"] = new JsonArray(cells.Select((c, i) => (JsonNode)new JsonObject
            {
                ["cell_type"] = c.Type, ["id"] = $"c{i}",
                ["metadata"] = new JsonObject { ["tags"] = new JsonArray(c.Tags.Select(t => (JsonNode)JsonValue.Create(t)!).ToArray()) },
                ["source"] = c.Source,
                ["outputs"] = c.Type == "code" ? new JsonArray() : null, ["execution_count"] = null,
            }).ToArray()),
        };
        if (nb["cells"] is JsonArray arr)
            foreach (var cell in arr.OfType<JsonObject>().Where(c => (string?)c["cell_type"] == "markdown"))
            { cell.Remove("outputs"); cell.Remove("execution_count"); }
        return nb.ToJsonString();
    }

    const string Parameters = "string preset = \"quick\";\nstring dataset = \"\";\nstring results = \"\";";

    [Fact]
    public async Task RunsEveryNotebookCollectsClaimsAndWritesTheSummary()
    {
        var root = Directory.CreateTempSubdirectory("mrh-reproduce-").FullName;
        try
        {
            string nbDir = Path.Combine(root, "notebooks"), outDir = Path.Combine(root, "out");
            Directory.CreateDirectory(nbDir);
            File.WriteAllText(Path.Combine(nbDir, "01-good.ipynb"), Notebook(
                ("markdown", "# A figure", []),
                ("code", Parameters, ["parameters"]),
                ("code", "#r \"nuget: Plotly.NET\"\n#r \"nuget: Mrh.Core\"\nusing Plotly.NET;\nusing Mrh.Experiments;", []),
                ("code", "Mrh.Plots.BarPlot.MeanWithSd(new[] { \"a\", \"b\" }, new[] { 1.0, 2.0 }, new[] { 0.1, 0.2 }, \"RMSE (a.u.)\")", []),
                ("code", "var claims = new ClaimTable(\"Fig. 9\").Add(\"p\", \"preset seen\", \"smoke\", preset, preset == \"smoke\");\nclaims.Save(results);\nclaims.Rows", [])));
            File.WriteAllText(Path.Combine(nbDir, "02-bad.ipynb"), Notebook(
                ("code", Parameters, ["parameters"]),
                ("code", "int x = 1;\nthrow new InvalidOperationException(\"boom\");", []),
                ("code", "System.IO.File.WriteAllText(\"never.txt\", \"x\");", [])));
            var summary = await ReproduceJob.RunAsync(new ReproduceOptions { NotebooksFolder = nbDir, OutputFolder = outDir, Preset = Preset.Smoke });

            Assert.Equal(["01-good", "02-bad"], summary.Notebooks.Select(n => n.Name));
            var good = summary.Notebooks[0];
            Assert.True(good.Succeeded, good.Error);
            Assert.Equal(1, good.Figures);
            var bad = summary.Notebooks[1];
            Assert.False(bad.Succeeded);
            Assert.Contains("line 2", bad.Error);
            Assert.Contains("boom", bad.Error);
            Assert.False(File.Exists(Path.Combine(nbDir, "never.txt")));
            Assert.False(summary.Succeeded);

            var claim = Assert.Single(summary.Claims);
            Assert.Equal(("Fig. 9", "smoke", true), (claim.Figure, claim.ThisRun, claim.Holds == true));

            foreach (var f in new[] { "01-good.ipynb", "01-good.html", "02-bad.ipynb", "02-bad.html", "index.html", "summary.md", "summary.json" })
                Assert.True(File.Exists(Path.Combine(outDir, f)), f + " missing");
            using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, "summary.json")));
            Assert.Equal("smoke", json.RootElement.GetProperty("preset").GetString());
            Assert.Equal(2, json.RootElement.GetProperty("notebooks").GetArrayLength());
            Assert.Contains("01-good.html", File.ReadAllText(Path.Combine(outDir, "index.html")));
            var md = File.ReadAllText(Path.Combine(outDir, "summary.md"));
            Assert.Contains("| Fig. 9 | preset seen | smoke | smoke | holds |", md);
            Assert.Contains(SummaryPages.SmokeCaveat, md);
        }
        finally { Directory.Delete(root, true); }
    }

    [Fact]
    public void AnEmptyNotebooksFolderIsAClearError()
    {
        var root = Directory.CreateTempSubdirectory("mrh-reproduce-").FullName;
        try
        {
            var e = Assert.Throws<MrhException>(() => ReproduceJob.Notebooks(new ReproduceOptions { NotebooksFolder = root, OutputFolder = root }));
            Assert.Contains("no notebooks", e.Message);
            var (code, _, err) = Cli.CliHarness.Run("reproduce", "--notebooks", root, "--preset", "smoke");
            Assert.Equal(2, code);
            Assert.Contains("no notebooks", err);
        }
        finally { Directory.Delete(root, true); }
    }
}
