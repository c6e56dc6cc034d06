using System.Text.Json.Nodes;
using Mrh.Jobs;
using Mrh.Notebooks.Reproduction;
using Mrh.Presets;
using Mrh.Tests.Notebooks;

namespace Mrh.Tests.Reproduction;

/// <summary>The kept runs of `mrh reproduce` (issue 19): keys, entries, damage, and a second reproduce that runs nothing.</summary>
public sealed class NotebookRunCacheTests : IDisposable
{
    readonly string _root = Directory.CreateTempSubdirectory("mrh-runs-").FullName;

    public void Dispose()
    {
        try { Directory.Delete(_root, true); }
        catch (IOException) { }
    }

    static NotebookRunRecipe Recipe(string notebook = "aa", string preset = "quick", string data = "built-in", string mrh = "11", string kernel = "kk") =>
        new(notebook, new Dictionary<string, string> { ["preset"] = preset, ["device"] = "cpu" }, data,
            new Dictionary<string, string> { ["Mrh.Core.dll"] = mrh, ["TorchSharp.dll"] = "22" }, kernel);

    [Fact]
    public void TheCanonicalTextIsTheHandWrittenJsonWithNamesInOrder()
    {
        Assert.Equal(
            """{"format":"mrh-notebook-run-1","notebook":"aa","parameters":{"device":"cpu","preset":"quick"},"data":"built-in","library":{"Mrh.Core.dll":"11","TorchSharp.dll":"22"},"kernel":"kk"}""",
            Recipe().CanonicalText);
        Assert.Matches("^[0-9a-f]{32}$", Recipe().Key);
    }

    [Fact]
    public void TheKeyChangesWithEveryPartOfTheRecipeAndNotWithTheOrderOfParameters()
    {
        string key = Recipe().Key;
        Assert.NotEqual(key, Recipe(notebook: "ab").Key);
        Assert.NotEqual(key, Recipe(preset: "smoke").Key);
        Assert.NotEqual(key, Recipe(data: "dataset 0123").Key);
        Assert.NotEqual(key, Recipe(mrh: "12").Key);
        Assert.NotEqual(key, Recipe(kernel: "kl").Key);
        var more = Recipe() with { Library = new Dictionary<string, string> { ["Mrh.Core.dll"] = "11", ["TorchSharp.dll"] = "22", ["New.dll"] = "33" } };
        Assert.NotEqual(key, more.Key);
        var reordered = Recipe() with { Parameters = new Dictionary<string, string> { ["device"] = "cpu", ["preset"] = "quick" } };
        Assert.Equal(key, reordered.Key);
    }

    [Fact]
    public void TheLibraryIsEveryAssemblyOfTheNotebooksLibFolderByContent()
    {
        string lib = Path.Combine(_root, "lib");
        Directory.CreateDirectory(Path.Combine(lib, "runtimes"));
        File.WriteAllText(Path.Combine(lib, "A.dll"), "abc");
        File.WriteAllText(Path.Combine(lib, "notes.txt"), "not an assembly");
        File.WriteAllText(Path.Combine(lib, "runtimes", "libtorch.so"), "native");
        var library = NotebookRunRecipe.LibraryOf(_root);
        // SHA-256("abc"), FIPS 180-2's example
        Assert.Equal(new Dictionary<string, string> { ["A.dll"] = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad" }, library);
        Assert.Empty(NotebookRunRecipe.LibraryOf(Path.Combine(_root, "none")));
    }

    NotebookRunCache StoreOne(out string key)
    {
        var cache = new NotebookRunCache(Path.Combine(_root, "cache"));
        string claims = Path.Combine(_root, "claims-fig-9.json");
        File.WriteAllText(claims, "{\"figure\":\"Fig. 9\"}");
        var recipe = Recipe();
        cache.Store(recipe, "09-figure", "{\"cells\":[]}", new Dictionary<string, string> { ["claims-fig-9.json"] = claims }, 12.5, 3, 1);
        key = recipe.Key;
        return cache;
    }

    [Fact]
    public void AStoredRunComesBackWithItsFilesAndIsRestoredByteForByte()
    {
        var cache = StoreOne(out string key);
        var run = cache.TryGet(key, out string? problem);
        Assert.Null(problem);
        Assert.NotNull(run);
        Assert.Equal(("09-figure", 12.5, 3, 1), (run.Entry.Notebook, run.Entry.Seconds, run.Entry.CellsRun, run.Entry.Figures));
        Assert.Null(cache.TryGet(Recipe(preset: "smoke").Key, out problem));
        Assert.Null(problem); // not there is not damaged

        string outDir = Path.Combine(_root, "out"), results = Path.Combine(outDir, "results");
        string ipynb = NotebookRunCache.Restore(run, outDir, "09-figure.ipynb", results);
        Assert.Equal("{\"cells\":[]}", File.ReadAllText(ipynb));
        Assert.Equal("{\"figure\":\"Fig. 9\"}", File.ReadAllText(Path.Combine(results, "claims-fig-9.json")));
        Assert.Single(cache.List());
        Assert.True(cache.SizeBytes() > 0);
    }

    [Theory]
    [InlineData("results/claims-fig-9.json", "altered", "does not match its checksum")]
    [InlineData("notebook.ipynb", null, "notebook.ipynb is missing")]
    [InlineData("run.json", "{", "")]
    public void ADamagedEntryIsNotUsedAndSaysWhy(string file, string? content, string says)
    {
        var cache = StoreOne(out string key);
        string path = Path.Combine(cache.Folder, key[..2], key, file);
        if (content is null) File.Delete(path);
        else File.WriteAllText(path, content);
        Assert.Null(cache.TryGet(key, out string? problem));
        Assert.NotNull(problem);
        Assert.Contains(says, problem);
        // a new run replaces it
        StoreOne(out _);
        Assert.NotNull(cache.TryGet(key, out problem));
    }

    [Fact]
    public void ClearDeletesTheRunsAndTheNetworkCacheListsOnlyNetworks()
    {
        var networks = new NetworkCache(_root);
        var cache = new NotebookRunCache(Path.Combine(_root, NotebookRunCache.FolderName));
        File.WriteAllText(Path.Combine(_root, "claims-fig-9.json"), "{}");
        cache.Store(Recipe(), "09-figure", "{}", new Dictionary<string, string> { ["claims-fig-9.json"] = Path.Combine(_root, "claims-fig-9.json") }, 1, 1, 0);
        cache.Store(Recipe(preset: "smoke"), "09-figure", "{}", new Dictionary<string, string>(), 1, 1, 0);
        Assert.Empty(networks.List());
        Assert.Equal(2, cache.List().Count);
        Assert.Equal(2, cache.Clear());
        Assert.Empty(cache.List());
    }

    [Fact]
    public void CacheListShowsTheKeptRunsAndCacheClearDeletesThem()
    {
        var cache = new NotebookRunCache(Path.Combine(_root, NotebookRunCache.FolderName));
        cache.Store(Recipe(), "09-figure", "{}", new Dictionary<string, string>(), 75, 1, 0);
        var (code, output, _) = Cli.CliHarness.Run("cache", "list", "--cache", _root);
        Assert.Equal(0, code);
        Assert.Contains(": 1 kept notebook runs", output);
        Assert.Contains(Recipe().Key + "  09-figure", output);
        (code, output, _) = Cli.CliHarness.Run("cache", "list", "--cache", _root, "--json");
        Assert.Equal(0, code);
        Assert.Equal("09-figure", (string?)JsonNode.Parse(output)!["notebookRuns"]![0]!["notebook"]);
        (code, output, _) = Cli.CliHarness.Run("cache", "clear", "--cache", _root);
        Assert.Equal(0, code);
        Assert.Contains("deleted 0 networks and 1 kept notebook runs", output);
        Assert.Empty(cache.List());
    }

    static string Notebook(params string[] code) => new JsonObject
    {
        ["nbformat"] = 4, ["nbformat_minor"] = 5,
        ["metadata"] = new JsonObject
        {
            ["kernelspec"] = new JsonObject { ["display_name"] = ".NET (C#)", ["language"] = "C#", ["name"] = ".net-csharp" },
            ["language_info"] = new JsonObject { ["name"] = "C#" },
        },
        ["cells"] = new JsonArray(code.Select((c, i) => (JsonNode)new JsonObject
        {
            ["cell_type"] = "code", ["id"] = $"c{i}",
            ["metadata"] = new JsonObject { ["tags"] = i == 0 ? new JsonArray("parameters") : new JsonArray() },
            ["source"] = c, ["outputs"] = new JsonArray(), ["execution_count"] = null,
        }).ToArray()),
    }.ToJsonString();

    static string Printed(string ipynb, string cell) =>
        string.Concat(JsonNode.Parse(File.ReadAllText(ipynb))!["cells"]!.AsArray().First(c => (string?)c!["id"] == cell)!["outputs"]!.AsArray()
            .SelectMany(o => o!["text"]?.AsArray().Select(t => (string?)t) ?? []));

    /// <summary>
    /// A notebook that saves a claim and prints the time: the second reproduce (another output folder) takes it from the
    /// cache with its claim and the same output; --rerun, an edited notebook and a damaged entry run it; a failing notebook is
    /// never kept.
    /// </summary>
    [KernelFact]
    public async Task ASecondReproduceShowsTheKeptRunAndRunsOnlyWhatChanged()
    {
        string nbDir = Path.Combine(_root, "notebooks");
        Directory.CreateDirectory(nbDir);
        string library = Path.Combine(AppContext.BaseDirectory, "Mrh.Core.dll");
        const string parameters = "string preset = \"quick\";\nstring dataset = \"\";\nstring results = \"\";";
        string good = Path.Combine(nbDir, "01-good.ipynb");
        File.WriteAllText(good, Notebook(parameters,
            $"#r \"{library}\"\nnew Mrh.Experiments.ClaimTable(\"Fig. 9\").Add(\"p\", \"preset seen\", \"smoke\", preset, preset == \"smoke\").Save(results);",
            "Console.WriteLine(DateTime.UtcNow.Ticks);"));
        File.WriteAllText(Path.Combine(nbDir, "02-bad.ipynb"), Notebook(parameters, "throw new InvalidOperationException(\"boom\");"));
        var cache = new NotebookRunCache(Path.Combine(_root, "runs"));
        var messages = new List<string>();
        var progress = new Collect(messages);
        ReproduceOptions Options(string outName, bool rerun = false) => new()
        {
            NotebooksFolder = nbDir, OutputFolder = Path.Combine(_root, outName), Preset = Preset.Smoke, RunCache = cache, Rerun = rerun,
        };

        var first = await ReproduceJob.RunAsync(Options("out1"), progress);
        Assert.All(first.Notebooks, n => Assert.Null(n.FromCache));
        Assert.True(first.Notebooks[0].Succeeded, first.Notebooks[0].Error);
        Assert.Equal("01-good", Assert.Single(cache.List()).Entry.Notebook); // the failing notebook is not kept

        var second = await ReproduceJob.RunAsync(Options("out2"), progress);
        var kept = second.Notebooks[0].FromCache;
        Assert.NotNull(kept);
        Assert.Null(second.Notebooks[1].FromCache); // failed: runs every time
        Assert.Equal(Printed(Path.Combine(_root, "out1", "01-good.ipynb"), "c2"), Printed(Path.Combine(_root, "out2", "01-good.ipynb"), "c2"));
        var claim = Assert.Single(second.Claims);
        Assert.Equal(("Fig. 9", "smoke"), (claim.Figure, claim.ThisRun));
        // the page of the kept run is the page of the run, outputs and all
        Assert.Equal(File.ReadAllText(Path.Combine(_root, "out1", "01-good.html")), File.ReadAllText(Path.Combine(_root, "out2", "01-good.html")));
        Assert.Equal(File.ReadAllText(Path.Combine(_root, "out1", "01-good.ipynb")), File.ReadAllText(Path.Combine(_root, "out2", "01-good.ipynb")));
        Assert.Contains("from the cache", File.ReadAllText(Path.Combine(_root, "out2", "summary.md")));
        Assert.Contains(messages, m => m.Contains("01-good: unchanged since its run of", StringComparison.Ordinal));

        var rerun = await ReproduceJob.RunAsync(Options("out3", rerun: true), progress);
        Assert.Null(rerun.Notebooks[0].FromCache);
        Assert.NotEqual(Printed(Path.Combine(_root, "out1", "01-good.ipynb"), "c2"), Printed(Path.Combine(_root, "out3", "01-good.ipynb"), "c2"));

        File.AppendAllText(good, " "); // the same cells, other bytes: a changed notebook runs
        var edited = await ReproduceJob.RunAsync(Options("out4"), progress);
        Assert.Null(edited.Notebooks[0].FromCache);

        var entry = Assert.Single(cache.List(), r => r.Entry.Notebook == "01-good" && r.Entry.Key != kept.Key);
        File.WriteAllText(Path.Combine(entry.Folder, "results", "claims-fig-9.json"), "[]");
        var repaired = await ReproduceJob.RunAsync(Options("out5"), progress);
        Assert.Null(repaired.Notebooks[0].FromCache);
        Assert.Contains(messages, m => m.Contains("its kept run is damaged", StringComparison.Ordinal));
        Assert.Equal("Fig. 9", Assert.Single(repaired.Claims).Figure);
    }

    sealed class Collect(List<string> messages) : IProgress<ReproduceProgress>
    {
        public void Report(ReproduceProgress value)
        {
            lock (messages) messages.Add($"{value.Name}: {value.Message}");
        }
    }
}
