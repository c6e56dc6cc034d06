using System.Diagnostics;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Mrh.Notebooks.Documents;
using Mrh.Notebooks.Parameters;

namespace Mrh.Tests.Kernel;

/// <summary>
/// Runs a repository notebook in the users' kernel: Jupyter's nbconvert with the .NET Interactive
/// <c>.net-csharp</c> kernel (the pinned Microsoft.dotnet-interactive tool of .config/dotnet-tools.json), or
/// dotnet-repl. `.ci/run` installs both; where they are missing the tests say so and are skipped.
/// </summary>
static partial class JupyterKernel
{
    public const string KernelName = ".net-csharp";

    /// <summary>The repository root (the folder with MrhNotebooks.sln).</summary>
    public static string RepoRoot { get; } = FindRepoRoot();

    public static string NotebooksFolder => Path.Combine(RepoRoot, "notebooks");

    static string FindRepoRoot()
    {
        for (var d = new DirectoryInfo(AppContext.BaseDirectory); d != null; d = d.Parent)
            if (File.Exists(Path.Combine(d.FullName, "MrhNotebooks.sln"))) return d.FullName;
        throw new InvalidOperationException("the repository root (MrhNotebooks.sln) is not above " + AppContext.BaseDirectory);
    }

    /// <summary>Why the Jupyter tests cannot run here, or null when they can.</summary>
    public static string? MissingJupyter()
    {
        if (Which("jupyter-nbconvert") is null)
            return "jupyter nbconvert is missing: install Debian's jupyter-nbconvert and python3-nbclient (see .ci/run) to run the notebooks in the real kernel";
        if (KernelSpec() is null)
            return $"the Jupyter kernel '{KernelName}' is not registered: `dotnet tool restore && dotnet interactive jupyter install` (see .ci/run)";
        return MissingTool("dotnet-interactive");
    }

    /// <summary>Why dotnet-repl cannot run here, or null when it can.</summary>
    public static string? MissingRepl() => MissingTool("dotnet-repl");

    /// <summary>A tool of the local manifest that `dotnet tool restore` has not put into the NuGet cache.</summary>
    static string? MissingTool(string command)
    {
        string manifest = File.ReadAllText(Path.Combine(RepoRoot, ".config", "dotnet-tools.json"));
        var tool = JsonNode.Parse(manifest)!["tools"]!.AsObject().First(t => t.Value!["commands"]!.AsArray().Any(c => (string?)c == command));
        string folder = Path.Combine(NuGetPackages(), tool.Key.ToLowerInvariant(), (string)tool.Value!["version"]!);
        return Directory.Exists(folder) ? null : $"the pinned tool {tool.Key} is not restored ({folder} is missing): run `dotnet tool restore` (see .ci/run)";
    }

    static string NuGetPackages() =>
        Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } p ? p
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");

    static string? KernelSpec()
    {
        var roots = new List<string>();
        if (Environment.GetEnvironmentVariable("JUPYTER_PATH") is { Length: > 0 } jp) roots.AddRange(jp.Split(':'));
        if (Environment.GetEnvironmentVariable("JUPYTER_DATA_DIR") is { Length: > 0 } jd) roots.Add(jd);
        string home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        roots.AddRange([Path.Combine(home, ".local", "share", "jupyter"), "/usr/local/share/jupyter", "/usr/share/jupyter"]);
        return roots.Select(r => Path.Combine(r, "kernels", KernelName, "kernel.json")).FirstOrDefault(File.Exists);
    }

    static string? Which(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Select(d => Path.Combine(d, program)).FirstOrDefault(File.Exists);

    /// <summary>The notebook with papermill-style parameters injected after its parameters cell, as .ipynb text.</summary>
    public static string WithParameters(string notebook, params (string Name, string Value)[] parameters)
    {
        var doc = IpynbReader.Read(notebook);
        ParameterInjector.Inject(doc, parameters.Select(p => new NotebookParameter(p.Name, p.Value)).ToList());
        return IpynbWriter.ToJson(doc);
    }

    /// <summary>
    /// Executes the notebook text with nbconvert in the notebooks folder (the kernel's working directory, so that
    /// the first cell's <c>#r "lib/Mrh.Core.dll"</c> resolves as it does for a user) and returns the executed notebook.
    /// Cells that fail are kept with their error output (--allow-errors) so that the test can name them.
    /// </summary>
    public static JsonObject RunWithNbconvert(string ipynb, string outFolder, string name, TimeSpan timeout)
    {
        var (code, output) = Run("jupyter", ["nbconvert", "--stdin", "--to", "notebook", "--execute", "--allow-errors",
            $"--ExecutePreprocessor.kernel_name={KernelName}", $"--ExecutePreprocessor.timeout={(int)timeout.TotalSeconds}",
            "--output-dir", outFolder, "--output", name], NotebooksFolder, ipynb, timeout + TimeSpan.FromMinutes(2));
        string executed = Path.Combine(outFolder, name + ".ipynb");
        if (code != 0 || !File.Exists(executed))
            throw new Xunit.Sdk.XunitException($"nbconvert exited with {code}:\n{Tail(output)}");
        return JsonNode.Parse(File.ReadAllText(executed))!.AsObject();
    }

    /// <summary>Runs a program, feeding <paramref name="stdin"/>; returns the exit code and the output (stdout + stderr).</summary>
    public static (int Code, string Output) Run(string program, IEnumerable<string> args, string workingDirectory, string? stdin, TimeSpan timeout)
    {
        var psi = new ProcessStartInfo(program)
        {
            WorkingDirectory = workingDirectory, UseShellExecute = false,
            RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true,
        };
        foreach (var a in args) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        var output = new StringBuilder();
        p.OutputDataReceived += (_, e) => { if (e.Data != null) lock (output) output.AppendLine(e.Data); };
        p.ErrorDataReceived += (_, e) => { if (e.Data != null) lock (output) output.AppendLine(e.Data); };
        p.BeginOutputReadLine();
        p.BeginErrorReadLine();
        if (stdin != null) p.StandardInput.Write(stdin);
        p.StandardInput.Close();
        if (!p.WaitForExit(timeout))
        {
            p.Kill(entireProcessTree: true);
            throw new Xunit.Sdk.XunitException($"{program} ran past {timeout.TotalMinutes:0} min:\n{Tail(output.ToString())}");
        }
        p.WaitForExit();
        lock (output) return (p.ExitCode, output.ToString());
    }

    static string Tail(string s) => s.Length <= 4000 ? s : s[^4000..];

    /// <summary>Each code cell's error outputs, as "cell N: ename: evalue" (the first line of the message).</summary>
    public static IEnumerable<string> Errors(JsonObject notebook) =>
        CodeCells(notebook).SelectMany(c => c.Outputs.Where(o => (string?)o!["output_type"] == "error")
            .Select(o => $"cell {c.Index}: {(string?)o!["ename"]}: {FirstLines((string?)o["evalue"])}"));

    static string FirstLines(string? s) => string.Join(" | ", (s ?? "").Split('\n').Take(3));

    /// <summary>The code cells with their index in the notebook and their outputs.</summary>
    public static IEnumerable<(int Index, JsonArray Outputs)> CodeCells(JsonObject notebook) =>
        notebook["cells"]!.AsArray().Select((c, i) => (c, i)).Where(x => (string?)x.c!["cell_type"] == "code")
            .Select(x => (x.i, x.c!["outputs"]?.AsArray() ?? []));

    /// <summary>The text/html of every display or result output, in order.</summary>
    public static IEnumerable<string> HtmlOutputs(JsonObject notebook) =>
        CodeCells(notebook).SelectMany(c => c.Outputs)
            .Select(o => o!["data"]?["text/html"])
            .Where(h => h is not null)
            .Select(h => h is JsonArray a ? string.Concat(a.Select(l => (string?)l)) : (string?)h ?? "");

    /// <summary>The Plotly figures (their figure JSON) drawn by the library's charts in an HTML output.</summary>
    public static IEnumerable<JsonObject> Figures(string html) =>
        FigureScript().Matches(html).Select(m => JsonNode.Parse(m.Groups["json"].Value)!.AsObject());

    [GeneratedRegex("""<script type="application/vnd\.plotly\.v1\+json" id="[^"]+">(?<json>.*?)</script>""", RegexOptions.Singleline)]
    private static partial Regex FigureScript();
}

/// <summary>A test that needs Jupyter's nbconvert with the .NET Interactive kernel; skipped with the reason where they are missing.</summary>
public sealed class JupyterFactAttribute : FactAttribute
{
    public JupyterFactAttribute()
    {
        if (JupyterKernel.MissingJupyter() is { } why) Skip = why;
    }
}

/// <summary>A theory that needs Jupyter's nbconvert with the .NET Interactive kernel; skipped with the reason where they are missing.</summary>
public sealed class JupyterTheoryAttribute : TheoryAttribute
{
    public JupyterTheoryAttribute()
    {
        if (JupyterKernel.MissingJupyter() is { } why) Skip = why;
    }
}

/// <summary>A theory that needs the pinned dotnet-repl tool; skipped with the reason where it is missing.</summary>
public sealed class ReplTheoryAttribute : TheoryAttribute
{
    public ReplTheoryAttribute()
    {
        if (JupyterKernel.MissingRepl() is { } why) Skip = why;
    }
}
