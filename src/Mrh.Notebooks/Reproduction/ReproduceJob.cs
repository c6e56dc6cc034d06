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
        var documents = notebooks.Select(IpynbReader.Read).ToList(); // every notebook checked before anything runs
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
        try
        {
            for (int i = 0; i < notebooks.Count; i++)
            {
                cancellation.ThrowIfCancellationRequested();
                string name = Path.GetFileNameWithoutExtension(notebooks[i]);
                progress?.Report(new ReproduceProgress(i + 1, notebooks.Count, name, "started"));
                var (report, document) = await RunOneAsync(documents[i], notebooks[i], name, outDir, parameters, options, i + 1, notebooks.Count, progress, cancellation);
                reports.Add(report);
                if (document is not null) executed.Add(new SlideDeckNotebook(name, report.Html, document));
                progress?.Report(new ReproduceProgress(i + 1, notebooks.Count, name,
                    report.Succeeded ? $"done in {report.Seconds:0.0} s, {report.Figures} figures" : $"FAILED: {report.Error}"));
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
            AtomicFile.WriteText(Path.Combine(outDir, SummaryPages.SlidesFile),
                SlidesPage.Render($"MRH Notebooks: reproduction ({options.Preset.Name()} preset)", executed));
            last = summary;
        }
        return last;
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
