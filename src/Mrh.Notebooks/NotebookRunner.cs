using System.Diagnostics;
using System.Text.Json.Nodes;
using Mrh.Notebooks.Documents;
using Mrh.Notebooks.Execution;
using Mrh.Notebooks.Parameters;

namespace Mrh.Notebooks;

/// <summary>
/// Runs .NET Interactive C# notebooks headlessly, following the kernel's conventions: code cells in order in one
/// Roslyn scripting state, <c>#r "nuget: ..."</c> bound to the packages the executor carries, <c>#r "file.dll"</c>
/// relative to the notebook, <c>display(x)</c>, the last expression as the cell's result, console output as stream
/// outputs, papermill-style parameters, and the first error (with its cell and line) ending the run.
/// See docs/notebooks.md for the differences from the real kernel.
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
    /// where it lives: relative <c>#r</c> paths resolve against its folder, and errors name it.
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
        var execution = new NotebookExecution(notebook, full, options);
        string? previousFolder = null;
        if (options.RunInNotebookFolder)
        {
            previousFolder = Directory.GetCurrentDirectory();
            Directory.SetCurrentDirectory(Path.GetDirectoryName(full)!);
        }
        try
        {
            var runs = await execution.RunAsync(progress, cancel).ConfigureAwait(false);
            warnings.AddRange(execution.Warnings);
            return new ExecutedNotebook(full, notebook, runs, warnings, clock.Elapsed);
        }
        finally
        {
            if (previousFolder != null) Directory.SetCurrentDirectory(previousFolder);
        }
    }

    /// <summary>A notebook none of whose code cells is C# (e.g. a Python notebook) is refused as a whole.</summary>
    static void CheckKernel(NotebookDocument notebook, string path)
    {
        var code = notebook.Cells.Where(c => c.Type == CellType.Code && !string.IsNullOrWhiteSpace(c.Source)).ToList();
        if (code.Count == 0 || KernelNames.IsCSharp(notebook.DefaultKernelName)) return;
        bool anyCSharp = code.Any(c => KernelNames.IsCSharp(notebook.KernelNameOf(c)) ||
                                       DirectiveParser.Parse(c.Source).Directives.FirstOrDefault() is KernelSelector { IsCSharp: true });
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
