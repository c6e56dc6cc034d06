using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Mrh.Notebooks;
using Mrh.Notebooks.Documents;

namespace Mrh.Tests.Notebooks;

/// <summary>`#r` of a local assembly (built here with Roslyn), of a carried package (TorchSharp), and of a carried assembly by path.</summary>
public sealed class ReferenceTests : IDisposable
{
    readonly TestNotebooks _files = new();
    public void Dispose() => _files.Dispose();

    /// <summary>Compiles a one-class library to <paramref name="path"/>.</summary>
    static void BuildTinyDll(string path)
    {
        var tree = CSharpSyntaxTree.ParseText("namespace Tiny { public static class Calc { public static int Twice(int x) => 2 * x; } }");
        string runtimeDir = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
        var refs = new[] { "System.Runtime.dll", "System.Private.CoreLib.dll" }
            .Select(f => MetadataReference.CreateFromFile(Path.Combine(runtimeDir, f)));
        var compilation = CSharpCompilation.Create("Tiny", [tree], refs, new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var result = compilation.Emit(path);
        Assert.True(result.Success, string.Join("\n", result.Diagnostics));
    }

    [Fact]
    public async Task ALocalDllIsReferencedRelativeToTheNotebook()
    {
        BuildTinyDll(Path.Combine(_files.Folder, "work", "lib", "Tiny.dll"));
        string path = _files.Write(Path.Combine("work", "uses-tiny.ipynb"), "#r \"lib/Tiny.dll\"\nTiny.Calc.Twice(21)");
        var nb = await TestNotebooks.Run(path);
        Assert.False(nb.Failed, nb.Error?.ToString());
        var result = Assert.IsType<ExecuteResultOutput>(Assert.Single(nb.Document.Cells[0].Outputs));
        Assert.Equal("42", result.Data.Text("text/plain"));
    }

    [Fact]
    public async Task AMissingDllIsAnErrorNamingTheFullPath()
    {
        string path = _files.Write("missing.ipynb", "\n#r \"lib/NotThere.dll\"");
        var nb = await TestNotebooks.Run(path);
        Assert.Equal(CellErrorKind.Directive, nb.Error!.Kind);
        Assert.Equal(2, nb.Error.Line);
        Assert.Contains(Path.Combine(_files.Folder, "lib", "NotThere.dll"), nb.Error.Message);
    }

    [Fact]
    public async Task TorchSharpRunsInACell()
    {
        string path = _files.Write("torch.ipynb",
            "#r \"nuget: TorchSharp-cpu\"\nusing TorchSharp;\nusing static TorchSharp.torch;",
            "var a = tensor(new float[] { 1, 2, 3, 4 }).reshape(2, 2);\nvar b = a.matmul(a);\nb.sum().item<float>()");
        var nb = await TestNotebooks.Run(path);
        Assert.False(nb.Failed, nb.Error?.ToString());
        Assert.Contains("TorchSharp-cpu, 0.107.0", ((DisplayOutput)nb.Document.Cells[0].Outputs[0]).Data.Text("text/plain"));
        var result = Assert.IsType<ExecuteResultOutput>(Assert.Single(nb.Document.Cells[1].Outputs));
        Assert.Equal("54", result.Data.Text("text/plain")); // [[1,2],[3,4]]^2 = [[7,10],[15,22]], sum 54
    }

    [Fact]
    public async Task APathToACarriedAssemblyBindsToTheExecutorsOwnCopy()
    {
        // the figure notebooks load the library from the build output; the executor uses the copy it carries
        string mrhCore = typeof(MrhException).Assembly.Location;
        string path = _files.Write("mrh.ipynb",
            $"#r \"{mrhCore}\"\ntypeof(Mrh.MrhException).Assembly.Location",
            "#r \"../not/built/yet/Mrh.Core.dll\"\n1");
        var nb = await TestNotebooks.Run(path);
        Assert.False(nb.Failed, nb.Error?.ToString());
        var result = Assert.IsType<ExecuteResultOutput>(Assert.Single(nb.Document.Cells[0].Outputs));
        Assert.Equal(mrhCore, result.Data.Text("text/plain"));
        Assert.Contains(nb.Warnings, w => w.Contains("does not exist") && w.Contains("Mrh.Core"));
    }
}
