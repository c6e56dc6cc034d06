using System.Text.Json.Nodes;
using Mrh.Notebooks;
using Mrh.Notebooks.Documents;

namespace Mrh.Tests.Notebooks;

/// <summary>Notebooks for the tests: the fixture files, and small notebooks built in code in a temporary folder.</summary>
sealed class TestNotebooks : IDisposable
{
    public string Folder { get; } = Path.Combine(Path.GetTempPath(), "mrh-notebook-tests", Guid.NewGuid().ToString("N"));

    public TestNotebooks() => Directory.CreateDirectory(Folder);

    public static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "Notebooks", "Fixtures", name);

    /// <summary>Writes a notebook whose cells are C# code cells (strings) or markdown cells ("md:" prefix).</summary>
    public string Write(string name, params string[] cells)
    {
        var array = new JsonArray();
        foreach (var c in cells)
        {
            bool md = c.StartsWith("md:", StringComparison.Ordinal);
            var cell = new JsonObject
            {
                ["cell_type"] = md ? "markdown" : "code",
                ["metadata"] = md ? new JsonObject() : new JsonObject { ["polyglot_notebook"] = new JsonObject { ["kernelName"] = "csharp" } },
                ["source"] = md ? c[3..] : c,
            };
            if (!md) { cell["outputs"] = new JsonArray(); cell["execution_count"] = null; }
            array.Add(cell);
        }
        var nb = new JsonObject
        {
            ["cells"] = array,
            ["metadata"] = new JsonObject { ["kernelspec"] = new JsonObject { ["display_name"] = ".NET (C#)", ["language"] = "C#", ["name"] = ".net-csharp" } },
            ["nbformat"] = 4,
            ["nbformat_minor"] = 4,
        };
        string path = Path.Combine(Folder, name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, nb.ToJsonString());
        return path;
    }

    public static Task<ExecutedNotebook> Run(string path, NotebookRunOptions? options = null) =>
        NotebookRunner.RunAsync(path, options ?? new NotebookRunOptions { CellTimeout = TimeSpan.FromSeconds(120) });

    /// <summary>The executed notebook's JSON must satisfy the nbformat 4.5 schema.</summary>
    public static void AssertValidNbformat(ExecutedNotebook executed)
    {
        var errors = NbformatSchemaChecker.Nbformat45.Validate(executed.ToIpynb());
        Assert.True(errors.Count == 0, "nbformat 4.5 schema violations:\n" + string.Join("\n", errors.Take(20)));
    }

    public static NotebookCell CellWithId(ExecutedNotebook nb, string id) => nb.Document.Cells.Single(c => c.Id == id);

    public void Dispose()
    {
        try { Directory.Delete(Folder, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
