using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Serialization;
using Mrh.Experiments;
using Mrh.Notebooks.Documents;
using Mrh.Notebooks.Formatting;
using Mrh.Notebooks.Parameters;
using Mrh.Presets;

namespace Mrh.Notebooks.Reproduction;

/// <summary>A line of progress: which notebook (1-based of count), and what happens in it.</summary>
public sealed record ReproduceProgress(int Notebook, int Count, string Name, string Message);

/// <summary>
/// `mrh reproduce`: runs every figure notebook in order with the preset (and dataset) as parameters,
/// writes each executed notebook and its HTML page, collects the "paper vs this run" tables that the
/// notebooks save, and writes index.html, summary.json and summary.md. A failing notebook is reported and
/// the next one still runs.
/// </summary>
public static class ReproduceJob
{
    /// <summary>Notebook parameters every figure notebook declares.</summary>
    public const string PresetParameter = "preset", DatasetParameter = "dataset", ResultsParameter = "results", DeviceParameter = "device";

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
        var started = DateTimeOffset.UtcNow;
        var clock = Stopwatch.StartNew();
        var parameters = new List<NotebookParameter>
        {
            new(PresetParameter, options.Preset.Name()),
            new(DatasetParameter, options.Dataset),
            new(ResultsParameter, results),
            new(DeviceParameter, options.Device),
        };
        var reports = new List<NotebookReport>();
        for (int i = 0; i < notebooks.Count; i++)
        {
            cancellation.ThrowIfCancellationRequested();
            string name = Path.GetFileNameWithoutExtension(notebooks[i]);
            progress?.Report(new ReproduceProgress(i + 1, notebooks.Count, name, "started"));
            int number = i + 1;
            var cellProgress = new ActionProgress<CellProgress>(p =>
            {
                if (p.State == CellState.Succeeded)
                    progress?.Report(new ReproduceProgress(number, notebooks.Count, name, $"cell {p.Index}/{p.Count} done ({p.Elapsed.TotalSeconds:0.0} s)"));
            });
            var runOptions = new NotebookRunOptions
            {
                Parameters = parameters,
                NotebookTimeout = options.NotebookTimeout,
                RunInNotebookFolder = true,
            };
            var result = await NotebookRunner.RunAsync(documents[i], notebooks[i], runOptions, cellProgress, cancellation);
            string ipynb = name + ".ipynb", html = name + ".html";
            result.SaveIpynb(Path.Combine(outDir, ipynb));
            result.SaveHtml(Path.Combine(outDir, html));
            int figures = result.Outputs.Count(o => o switch
            {
                DisplayOutput d => d.Data.Has(PlotlyFigure.MimeType),
                ExecuteResultOutput r => r.Data.Has(PlotlyFigure.MimeType),
                _ => false,
            });
            var report = new NotebookReport(name, !result.Failed, result.Elapsed.TotalSeconds, result.Cells.Count(c => c.Ran), figures,
                result.Error?.ToString(), ipynb, html);
            reports.Add(report);
            progress?.Report(new ReproduceProgress(i + 1, notebooks.Count, name,
                report.Succeeded ? $"done in {report.Seconds:0.0} s, {figures} figures" : $"FAILED: {report.Error}"));
        }
        var summary = new ReproductionSummary(options.Preset.Name(),
            string.IsNullOrEmpty(options.Dataset) ? "built-in digital mouse brain" : options.Dataset,
            started, clock.Elapsed.TotalSeconds, reports, ClaimTable.LoadAll(results));
        WriteAtomically(Path.Combine(outDir, "summary.json"), JsonSerializer.Serialize(summary, JsonOptions));
        WriteAtomically(Path.Combine(outDir, "summary.md"), SummaryPages.Markdown(summary));
        WriteAtomically(Path.Combine(outDir, "index.html"), SummaryPages.IndexHtml(summary));
        return summary;
    }

    static void WriteAtomically(string path, string text)
    {
        string tmp = path + ".tmp";
        File.WriteAllText(tmp, text);
        File.Move(tmp, path, true);
    }

    /// <summary>Reports at once on the reporting thread (Progress&lt;T&gt; would post them to the thread pool).</summary>
    sealed class ActionProgress<T>(Action<T> action) : IProgress<T>
    {
        public void Report(T value) => action(value);
    }
}
