using System.Text.Json;
using System.Text.Json.Nodes;
using Mrh.Notebooks.Reproduction;
using Mrh.Presets;
using Mrh.Tests.Notebooks;

namespace Mrh.Tests.Reproduction;

/// <summary>`mrh reproduce` on small notebooks written for the purpose.</summary>
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

    /// <summary>
    /// Three notebooks, each in its own kernel: one whose kernel dies of a stack overflow (issue 17, item 6), one that
    /// records a claim and shows a chart, one whose cell throws. The crash and the error are reported, every notebook
    /// runs, and the summary and index are written.
    /// </summary>
    [KernelFact]
    public async Task ACrashedKernelOrAFailedCellIsReportedTheNextNotebookRunsAndTheSummaryIsWritten()
    {
        var root = Directory.CreateTempSubdirectory("mrh-reproduce-").FullName;
        try
        {
            string nbDir = Path.Combine(root, "notebooks"), outDir = Path.Combine(root, "out");
            Directory.CreateDirectory(nbDir);
            Directory.CreateDirectory(Path.Combine(root, "docs"));
            File.WriteAllText(Path.Combine(root, "docs", "findings.md"), "# Findings\n\n## Fig. 9 — a figure\n\nWhy it does not hold.\n");
            string library = Path.Combine(AppContext.BaseDirectory, "Mrh.Core.dll");
            File.WriteAllText(Path.Combine(nbDir, "01-crash.ipynb"), Notebook(
                ("code", Parameters, ["parameters"]),
                ("code", "Console.WriteLine(\"before the crash\");", []),
                ("code", "int Down(int n) => Down(n + 1) + 1;\nDown(0)", []),
                ("code", "System.IO.File.WriteAllText(\"never.txt\", \"x\");", [])));
            File.WriteAllText(Path.Combine(nbDir, "02-good.ipynb"), Notebook(
                ("markdown", "# A figure\nTerms: [glossary](01-crash.ipynb#Glossary); [why](../docs/findings.md#fig-9--a-figure).", []),
                ("code", Parameters, ["parameters"]),
                ("code", $"#r \"{library}\"\nusing Mrh.Experiments;", []),
                ("code", "display(HTML(\"<div id='f'></div><script>if (window.Plotly) Plotly.newPlot('f', [{y: [1, 2]}]);</script>\"));", []),
                ("code", "var claims = new ClaimTable(\"Fig. 9\").Add(\"p\", \"preset seen\", \"smoke\", preset, preset == \"smoke\");\nclaims.Save(results);", [])));
            File.WriteAllText(Path.Combine(nbDir, "03-bad.ipynb"), Notebook(
                ("code", Parameters, ["parameters"]),
                ("code", "int x = 1;\nthrow new InvalidOperationException(\"boom\");", []),
                ("code", "System.IO.File.WriteAllText(\"never.txt\", \"x\");", [])));
            var summary = await ReproduceJob.RunAsync(new ReproduceOptions { NotebooksFolder = nbDir, OutputFolder = outDir, Preset = Preset.Smoke });

            Assert.Equal(["01-crash", "02-good", "03-bad"], summary.Notebooks.Select(n => n.Name));
            var crash = summary.Notebooks[0];
            Assert.False(crash.Succeeded);
            Assert.Contains("cell 3: KernelDied", crash.Error);
            Assert.Contains("Stack overflow", crash.Error);
            var good = summary.Notebooks[1];
            Assert.True(good.Succeeded, good.Error);
            Assert.Equal(1, good.Figures);
            var bad = summary.Notebooks[2];
            Assert.False(bad.Succeeded);
            Assert.Equal("cell 2: InvalidOperationException: boom", bad.Error);
            Assert.False(File.Exists(Path.Combine(nbDir, "never.txt")));
            Assert.False(summary.Succeeded);
            Assert.Empty(KernelEngineTests.KernelsIn(nbDir));

            var claim = Assert.Single(summary.Claims);
            Assert.Equal(("Fig. 9", "smoke", true), (claim.Figure, claim.ThisRun, claim.Holds == true));

            foreach (var f in new[] { "01-crash.ipynb", "01-crash.html", "02-good.ipynb", "02-good.html", "03-bad.ipynb", "03-bad.html", "index.html", "summary.md", "summary.json", "slides.html" })
                Assert.True(File.Exists(Path.Combine(outDir, f)), f + " missing");
            // the presenter's view: a title slide per notebook that ran, linked from the index
            string slides = File.ReadAllText(Path.Combine(outDir, "slides.html"));
            Assert.Contains("<h1>A figure</h1>", slides);
            Assert.Contains("href=\"02-good.html\"", slides);
            Assert.Contains("href=\"slides.html\"", File.ReadAllText(Path.Combine(outDir, "index.html")));
            // links between the pages: a sibling notebook's page, and docs/findings.md written as findings.html
            string page = File.ReadAllText(Path.Combine(outDir, "02-good.html"));
            Assert.Contains("href=\"01-crash.html#glossary\"", page);
            Assert.Contains("href=\"findings.html#fig-9--a-figure\"", page);
            Assert.Contains("id=\"fig-9--a-figure\"", File.ReadAllText(Path.Combine(outDir, "findings.html")));
            // the crashed notebook's executed copy keeps what ran and says why it stopped
            var crashed = JsonNode.Parse(File.ReadAllText(Path.Combine(outDir, "01-crash.ipynb")))!["cells"]!.AsArray()
                .ToDictionary(c => (string)c!["id"]!, c => c!);
            Assert.Equal("before the crash\n", string.Concat(crashed["c1"]["outputs"]![0]!["text"]!.AsArray().Select(l => (string?)l)));
            Assert.Equal("KernelDied", (string?)crashed["c2"]["outputs"]![0]!["ename"]);
            using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, "summary.json")));
            Assert.Equal("smoke", json.RootElement.GetProperty("preset").GetString());
            Assert.Equal(3, json.RootElement.GetProperty("notebooks").GetArrayLength());
            Assert.Contains("02-good.html", File.ReadAllText(Path.Combine(outDir, "index.html")));
            Assert.Contains("Stack overflow", File.ReadAllText(Path.Combine(outDir, "index.html")));
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
