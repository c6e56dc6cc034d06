using System.Diagnostics;
using System.Text.Json.Nodes;
using Mrh.Notebooks.Documents;
using Mrh.Notebooks.Execution;
using Mrh.Notebooks.Parameters;

namespace Mrh.Notebooks;

/// <summary>
/// Runs .NET Interactive C# notebooks headlessly in the real kernel: each notebook in its own process of the pinned
/// <c>dotnet-interactive</c> tool (see <see cref="Execution.KernelTool"/>), started in the notebook's folder; the code
/// cells in order, their outputs as the kernel produced them, papermill-style parameters injected first, and the first
/// failing cell (an error, a crash of the kernel, a time limit) ending the run. See docs/notebooks.md.
/// </summary>
public static class NotebookRunner
{
    /// <summary>Reads and runs the notebook at <paramref name="path"/>.</summary>
    /// <exception cref="MrhException">the file is not a C# notebook, or a parameter does not fit</exception>
    /// <exception cref="OperationCanceledException">the run was cancelled</exception>
    public static Task<ExecutedNotebook> RunAsync(string path, NotebookRunOptions? options = null,
        IProgress<CellProgress>? progress = null, CancellationToken cancel = default)
    {
        string full = Path.GetFullPath(path);
        return RunAsync(IpynbReader.Read(full), full, options, progress, cancel);
    }

    /// <summary>
    /// Runs a notebook already in memory (it is changed: outputs, counts, injected cell). <paramref name="path"/> is
    /// where it lives: the kernel runs in its folder (relative paths and <c>#r</c> resolve there), and errors name it.
    /// </summary>
    public static async Task<ExecutedNotebook> RunAsync(NotebookDocument notebook, string path, NotebookRunOptions? options = null,
        IProgress<CellProgress>? progress = null, CancellationToken cancel = default)
    {
        options ??= NotebookRunOptions.Default;
        string full = Path.GetFullPath(path);
        CheckKernel(notebook, full);
        var warnings = new List<string>(ParameterInjector.Inject(notebook, options.Parameters));
        AddKernelMetadata(notebook, options);
        var clock = Stopwatch.StartNew();
        var runs = await new NotebookExecution(notebook, full, options).RunAsync(progress, cancel).ConfigureAwait(false);
        return new ExecutedNotebook(full, notebook, runs, warnings, clock.Elapsed);
    }

    /// <summary>A notebook none of whose code cells is C# (e.g. a Python notebook) is refused as a whole.</summary>
    static void CheckKernel(NotebookDocument notebook, string path)
    {
        var code = notebook.Cells.Where(c => c.Type == CellType.Code && !string.IsNullOrWhiteSpace(c.Source)).ToList();
        if (code.Count == 0 || KernelNames.IsCSharp(notebook.DefaultKernelName)) return;
        bool anyCSharp = code.Any(c => KernelNames.IsCSharp(notebook.KernelNameOf(c)) || KernelNames.SelectsCSharp(c.Source));
        if (!anyCSharp)
            throw new MrhException($"{path}: not a C# notebook: its kernel is '{notebook.DefaultKernelName}' and no cell is C#");
    }

    /// <summary>
    /// The metadata the kernel writes, where missing: <c>kernelspec</c>, <c>language_info</c> and
    /// <c>polyglot_notebook.kernelInfo</c>; and, as papermill does, the parameters of this run.
    /// </summary>
    static void AddKernelMetadata(NotebookDocument notebook, NotebookRunOptions options)
    {
        var m = notebook.Metadata;
        m["kernelspec"] ??= new JsonObject { ["display_name"] = ".NET (C#)", ["language"] = "C#", ["name"] = ".net-csharp" };
        m["language_info"] ??= new JsonObject
        {
            ["file_extension"] = ".cs", ["mimetype"] = "text/x-csharp", ["name"] = "C#", ["pygments_lexer"] = "csharp", ["version"] = "13.0",
        };
        m["polyglot_notebook"] ??= new JsonObject
        {
            ["kernelInfo"] = new JsonObject
            {
                ["defaultKernelName"] = KernelNames.CSharp,
                ["items"] = new JsonArray(new JsonObject { ["aliases"] = new JsonArray(), ["name"] = KernelNames.CSharp }),
            },
        };
        if (options.Parameters.Count > 0)
        {
            var p = new JsonObject();
            foreach (var x in options.Parameters) p[x.Name] = x.Value;
            m["mrh_notebooks"] = new JsonObject { ["parameters"] = p };
        }
    }
}
