using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Serialization;
using Mrh.Experiments;
using Mrh.IO;
using Mrh.Notebooks.Documents;
using Mrh.Notebooks.Formatting;
using Mrh.Notebooks.Html;
using Mrh.Notebooks.Parameters;
using Mrh.Presets;

namespace Mrh.Notebooks.Reproduction;

/// <summary>A line of progress: which notebook (1-based of count), and what happens in it.</summary>
public sealed record ReproduceProgress(int Notebook, int Count, string Name, string Message);

/// <summary>
/// `mrh reproduce`: runs every figure notebook in order with the preset (and dataset) as parameters,
/// writes each executed notebook and its HTML page, collects the "paper vs this run" tables that the
/// notebooks save, and writes index.html, slides.html (the presenter's view: <see cref="SlidesPage"/>), summary.json
/// and summary.md. A failing notebook is reported and the next one still runs.
/// </summary>
public static class ReproduceJob
{
    /// <summary>Notebook parameters every figure notebook declares.</summary>
    public const string PresetParameter = "preset", DatasetParameter = "dataset", ResultsParameter = "results", RetrainParameter = "retrain", DeviceParameter = "device";

    /// <summary>
    /// The figure notebooks' parameters that name a file or folder. The kernel runs in the notebook's folder, so a
    /// relative value given on the command line is made absolute from the caller's folder first.
    /// </summary>
    public static readonly IReadOnlyList<string> PathParameters = [DatasetParameter, ResultsParameter];

    /// <summary>
    /// <paramref name="parameters"/> with every non-empty relative value of a <see cref="PathParameters"/> name resolved
    /// from <paramref name="folder"/> (the caller's current folder); other values unchanged.
    /// </summary>
    public static IReadOnlyList<NotebookParameter> ResolvePaths(IEnumerable<NotebookParameter> parameters, string folder) =>
        parameters.Select(p => PathParameters.Contains(p.Name) && p.Value.Trim().Length > 0
            ? p with { Value = Path.GetFullPath(p.Value.Trim(), folder) } : p).ToList();

    static readonly JsonSerializerOptions JsonOptions = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    /// <summary>The notebooks that would run, in order (a clear error if there are none).</summary>
    public static IReadOnlyList<string> Notebooks(ReproduceOptions options)
    {
        if (!Directory.Exists(options.NotebooksFolder)) throw new MrhException($"{options.NotebooksFolder}: notebooks folder not found");
        var all = Directory.GetFiles(options.NotebooksFolder, "*.ipynb").Order(StringComparer.Ordinal)
            .Where(p => options.Only.Count == 0 || options.Only.Any(o => Path.GetFileName(p).Contains(o, StringComparison.OrdinalIgnoreCase)))
            .ToList();
        if (all.Count == 0)
            throw new MrhException(options.Only.Count == 0
                ? $"{options.NotebooksFolder}: no notebooks (.ipynb) to run"
                : $"{options.NotebooksFolder}: no notebook matches {string.Join(", ", options.Only)}");
        return all;
    }

    public static async Task<ReproductionSummary> RunAsync(ReproduceOptions options, IProgress<ReproduceProgress>? progress = null,
        CancellationToken cancellation = default)
    {
        var notebooks = Notebooks(options);
        var documents = notebooks.Select(p => IpynbReader.Read(p)).ToList(); // every notebook checked before anything runs
        string outDir = Path.GetFullPath(options.OutputFolder);
        string results = Path.Combine(outDir, "results");
        Directory.CreateDirectory(outDir);
        if (Directory.Exists(results))
            foreach (var old in Directory.GetFiles(results, "claims-*.json")) File.Delete(old); // claims of this run only
        ReproductionSummary last;
        var started = DateTimeOffset.UtcNow;
        var clock = Stopwatch.StartNew();
        var parameters = new List<NotebookParameter>
        {
            new(PresetParameter, options.Preset.Name()),
            new(DatasetParameter, options.Dataset),
            new(ResultsParameter, results),
            new(DeviceParameter, options.Device),
        };
        if (options.Retrain) parameters.Add(new(RetrainParameter, "true"));
        var reports = new List<NotebookReport>();
        var executed = new List<SlideDeckNotebook>();
        var cache = options.Retrain || options.Rerun ? null : options.RunCache; // what may be reused
        var identity = options.RunCache is null ? null : RunIdentity(options, progress, notebooks.Count);
        try
        {
            for (int i = 0; i < notebooks.Count; i++)
            {
                cancellation.ThrowIfCancellationRequested();
                string name = Path.GetFileNameWithoutExtension(notebooks[i]);
                progress?.Report(new ReproduceProgress(i + 1, notebooks.Count, name, "started"));
                NotebookRunRecipe? recipe = null;
                try { recipe = identity?.Recipe(notebooks[i], parameters); }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    progress?.Report(new ReproduceProgress(i + 1, notebooks.Count, name, $"runs without the cache: the key of its run cannot be made ({e.Message})"));
                }
                string? damaged = null;
                var kept = recipe is null ? null : cache?.TryGet(recipe.Key, out damaged);
                if (damaged is not null) progress?.Report(new ReproduceProgress(i + 1, notebooks.Count, name, $"its kept run is damaged ({damaged}): running it again"));
                var before = kept is null && recipe is not null ? FileStamps(results) : null;
                var (report, document) = kept is not null
                    ? Reuse(kept, name, outDir, results)
                    : await RunOneAsync(documents[i], notebooks[i], name, outDir, parameters, options, i + 1, notebooks.Count, progress, cancellation);
                if (recipe is not null && before is not null && report.Succeeded && document is not null)
                    Keep(options.RunCache!, recipe, report, before, outDir, results, progress, i + 1, notebooks.Count);
                reports.Add(report);
                if (document is not null) executed.Add(new SlideDeckNotebook(name, report.Html, document));
                progress?.Report(new ReproduceProgress(i + 1, notebooks.Count, name,
                    report.FromCache is { } from
                        ? $"unchanged since its run of {from.RanUtc:yyyy-MM-dd HH:mm} UTC ({from.Seconds:0.0} s): taken from the cache ({report.Figures} figures; --rerun runs it)"
                        : report.Succeeded ? $"done in {report.Seconds:0.0} s, {report.Figures} figures" : $"FAILED: {report.Error}"));
            }
        }
        finally
        {
            // the summary and the index are written whatever happened, with the notebooks that ran (also when cancelled)
            var summary = new ReproductionSummary(options.Preset.Name(),
                string.IsNullOrEmpty(options.Dataset) ? "built-in digital mouse brain" : options.Dataset,
                started, clock.Elapsed.TotalSeconds, reports, ClaimTable.LoadAll(results));
            AtomicFile.WriteText(Path.Combine(outDir, "summary.json"), JsonSerializer.Serialize(summary, JsonOptions));
            AtomicFile.WriteText(Path.Combine(outDir, "summary.md"), SummaryPages.Markdown(summary));
            AtomicFile.WriteText(Path.Combine(outDir, "index.html"), SummaryPages.IndexHtml(summary));
            WriteFindings(options.NotebooksFolder, outDir);
            AtomicFile.WriteText(Path.Combine(outDir, SummaryPages.SlidesFile),
                SlidesPage.Render($"MRH Notebooks: reproduction ({options.Preset.Name()} preset)", executed));
            last = summary;
        }
        return last;
    }

    /// <summary>What every run of this job shares in its recipes: the data and the kernel (hashed once), the device.</summary>
    sealed record RunIdentityParts(string Data, string Kernel, string Device)
    {
        /// <summary>
        /// The recipe of one notebook with these parameters, made just before it runs (the library it loads is hashed
        /// then, so a build during the job is seen): the results folder and retrain left out (where the table is saved;
        /// how networks are obtained, not what they are), the dataset's path replaced by its content, and the device by
        /// the one it resolves to.
        /// </summary>
        public NotebookRunRecipe Recipe(string notebook, IReadOnlyList<NotebookParameter> parameters)
        {
            var values = parameters.Where(p => p.Name is not ResultsParameter and not RetrainParameter and not DatasetParameter)
                .ToDictionary(p => p.Name, p => p.Name == DeviceParameter ? Device : p.Value, StringComparer.Ordinal);
            return new NotebookRunRecipe(NotebookRunRecipe.FileSha256(notebook), values, Data,
                NotebookRunRecipe.LibraryOf(Path.GetDirectoryName(notebook)!), Kernel);
        }
    }

    /// <summary>
    /// The shared parts of the recipes, or null (and a progress line saying why) when they cannot be known: then every
    /// notebook runs.
    /// </summary>
    static RunIdentityParts? RunIdentity(ReproduceOptions options, IProgress<ReproduceProgress>? progress, int count)
    {
        try
        {
            string data = "built-in digital mouse brain (made by the library)";
            if (!string.IsNullOrWhiteSpace(options.Dataset))
            {
                progress?.Report(new ReproduceProgress(0, count, "cache", "hashing the dataset's files (the key of the kept notebook runs)"));
                var main = Mrh.Data.Dataset.Load(options.Dataset);
                data = new DatasetStudyData(main).Identity;
                string ogse = Path.Combine(Path.GetDirectoryName(main.ManifestPath) ?? ".", Mrh.Phantom.PhantomDatasetExport.OgseFolder, Mrh.Data.Dataset.ManifestFileName);
                if (File.Exists(ogse)) data += " + " + new DatasetStudyData(Mrh.Data.Dataset.Load(ogse)).Identity;
            }
            string device = options.Device.Trim().ToLowerInvariant() == "auto"
                ? Mrh.Model.DeviceSelection.Resolve(Mrh.Model.ComputeDevice.Auto).Device.ToString().ToLowerInvariant()
                : options.Device.Trim().ToLowerInvariant();
            string kernel = File.Exists(options.Kernel.Manifest) ? NotebookRunRecipe.FileSha256(options.Kernel.Manifest) : "no manifest";
            return new RunIdentityParts(data, kernel, device);
        }
        catch (Exception e) when (e is MrhException or IOException or UnauthorizedAccessException)
        {
            progress?.Report(new ReproduceProgress(0, count, "cache", $"every notebook runs: the key of a kept run cannot be made ({e.Message.Split('\n')[0]})"));
            return null;
        }
    }

    /// <summary>
    /// docs/findings.md (beside the notebooks folder) as <see cref="HtmlLinks.FindingsPage"/> in the output folder, where
    /// the pages' "Why:" links point (nothing when the repository has no such file).
    /// </summary>
    static void WriteFindings(string notebooksFolder, string outDir)
    {
        string findings = Path.GetFullPath(Path.Combine(notebooksFolder, HtmlLinks.FindingsFromNotebooks));
        if (File.Exists(findings))
            AtomicFile.WriteText(Path.Combine(outDir, HtmlLinks.FindingsPage), HtmlPage.RenderDocument(File.ReadAllText(findings), "MRH Notebooks: findings"));
    }

    /// <summary>A kept run put in the output folder as if the notebook had run: the executed notebook, its page, its saved files.</summary>
    static (NotebookReport Report, NotebookDocument? Executed) Reuse(CachedNotebookRun kept, string name, string outDir, string results)
    {
        string ipynb = name + ".ipynb", html = name + ".html";
        var clock = Stopwatch.StartNew();
        string path = NotebookRunCache.Restore(kept, outDir, ipynb, results);
        var document = IpynbReader.Read(path, withOutputs: true);
        AtomicFile.WriteText(Path.Combine(outDir, html), HtmlPage.Render(document, name));
        var e = kept.Entry;
        return (new NotebookReport(name, true, clock.Elapsed.TotalSeconds, e.CellsRun, e.Figures, null, ipynb, html,
            new KeptRun(e.RanUtc, e.Seconds, e.Key)), document);
    }

    /// <summary>The files of a folder with their size and time of last change (none when there is no folder).</summary>
    static Dictionary<string, (long Length, DateTime Written)> FileStamps(string folder) =>
        Directory.Exists(folder)
            ? new DirectoryInfo(folder).GetFiles().Where(f => !AtomicFile.IsTemporaryName(f.Name))
                .ToDictionary(f => f.Name, f => (f.Length, f.LastWriteTimeUtc), StringComparer.Ordinal)
            : [];

    /// <summary>Keeps a successful run with the files it saved in the results folder (new or changed since <paramref name="before"/>).</summary>
    static void Keep(NotebookRunCache cache, NotebookRunRecipe recipe, NotebookReport report, Dictionary<string, (long, DateTime)> before,
        string outDir, string results, IProgress<ReproduceProgress>? progress, int number, int count)
    {
        try
        {
            var saved = FileStamps(results).Where(f => !before.TryGetValue(f.Key, out var old) || old != f.Value)
                .ToDictionary(f => f.Key, f => Path.Combine(results, f.Key), StringComparer.Ordinal);
            cache.Store(recipe, report.Name, File.ReadAllText(Path.Combine(outDir, report.Ipynb)), saved, report.Seconds, report.CellsRun, report.Figures);
        }
        catch (Exception e) when (e is MrhException or IOException or UnauthorizedAccessException)
        {
            progress?.Report(new ReproduceProgress(number, count, report.Name, $"ran, but could not be kept for the next run: {e.Message.Split('\n')[0]}"));
        }
    }

    /// <summary>
    /// One notebook in its own kernel, its executed copy and page written. A failure of any kind (a cell, the kernel, a
    /// file that cannot be written) is this notebook's report, never the end of the job.
    /// </summary>
    static async Task<(NotebookReport Report, NotebookDocument? Executed)> RunOneAsync(NotebookDocument document, string path, string name, string outDir,
        IReadOnlyList<NotebookParameter> parameters, ReproduceOptions options, int number, int count,
        IProgress<ReproduceProgress>? progress, CancellationToken cancellation)
    {
        string ipynb = name + ".ipynb", html = name + ".html";
        var clock = Stopwatch.StartNew();
        var cellProgress = new ActionProgress<CellProgress>(p =>
        {
            if (p.State == CellState.Succeeded)
                progress?.Report(new ReproduceProgress(number, count, name, $"cell {p.Index}/{p.Count} done ({p.Elapsed.TotalSeconds:0.0} s)"));
        });
        var runOptions = new NotebookRunOptions { Parameters = parameters, NotebookTimeout = options.NotebookTimeout, Kernel = options.Kernel };
        try
        {
            var result = await NotebookRunner.RunAsync(document, path, runOptions, cellProgress, cancellation);
            result.SaveIpynb(Path.Combine(outDir, ipynb));
            result.SaveHtml(Path.Combine(outDir, html));
            int figures = result.Outputs.Count(o => o switch
            {
                DisplayOutput d => PlotlyFigure.IsChart(d.Data),
                ExecuteResultOutput r => PlotlyFigure.IsChart(r.Data),
                _ => false,
            });
            return (new NotebookReport(name, !result.Failed, result.Elapsed.TotalSeconds, result.Cells.Count(c => c.Ran), figures,
                result.Error?.ToString(), ipynb, html), result.Document);
        }
        catch (Exception e) when (e is MrhException or IOException or UnauthorizedAccessException)
        {
            return (new NotebookReport(name, false, clock.Elapsed.TotalSeconds, 0, 0, e.Message, ipynb, html), null);
        }
    }

    /// <summary>Reports at once on the reporting thread (Progress&lt;T&gt; would post them to the thread pool).</summary>
    sealed class ActionProgress<T>(Action<T> action) : IProgress<T>
    {
        public void Report(T value) => action(value);
    }
}
