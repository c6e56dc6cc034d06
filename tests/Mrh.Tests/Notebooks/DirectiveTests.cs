using Mrh.Notebooks.Execution;

namespace Mrh.Tests.Notebooks;

public class DirectiveTests
{
    [Fact]
    public void DirectiveLinesAreTakenOutAndLeaveBlankLines()
    {
        var p = DirectiveParser.Parse("#!csharp\n#r \"nuget: Plotly.NET, 6.0.0\"\n  #r \"nuget:MathNet.Numerics\"\n#r \"lib/x.dll\"\n#i \"nuget: https://feed/index.json\"\nvar x = 1; // #r \"not a directive\"\n#!time\n#nullable enable\nx");
        Assert.Equal("\n\n\n\n\nvar x = 1; // #r \"not a directive\"\n\n#nullable enable\nx", p.Code);
        Assert.Collection(p.Directives,
            d => Assert.Equal(new KernelSelector(1, "#!csharp", "csharp"), d),
            d => Assert.Equal(new NugetReference(2, "#r \"nuget: Plotly.NET, 6.0.0\"", "Plotly.NET", "6.0.0"), d),
            d => Assert.Equal(new NugetReference(3, "#r \"nuget:MathNet.Numerics\"", "MathNet.Numerics", null), d),
            d => Assert.Equal(new AssemblyReference(4, "#r \"lib/x.dll\"", "lib/x.dll"), d),
            d => Assert.Equal(new PackageSourceDirective(5, "#i \"nuget: https://feed/index.json\"", "https://feed/index.json"), d),
            d => Assert.Equal(new UnsupportedMagic(7, "#!time", "#!time"), d));
    }

    [Fact]
    public void WindowsLineEndingsKeepTheLineCount()
    {
        var p = DirectiveParser.Parse("#r \"nuget: Plotly.NET\"\r\nvar y = 2;\r\ny");
        Assert.Equal(3, p.Code.Split('\n').Length);
        Assert.Single(p.Directives);
    }

    [Theory]
    [InlineData(null, "6.0.0", true)]
    [InlineData("6.0.0", "6.0.0", true)]
    [InlineData("6.0", "6.0.0", true)]
    [InlineData("6.0.0.0", "6.0.0", true)]
    [InlineData("5.0.0", "6.0.0", false)]
    [InlineData("6.0.1", "6.0.0", false)]
    [InlineData("*", "6.0.0", true)]
    [InlineData("*-*", "6.0.0", true)]
    [InlineData("6.*", "6.0.0", true)]
    [InlineData("5.*", "6.0.0", false)]
    [InlineData("[6.0,7.0)", "6.0.0", true)]
    [InlineData("(6.0,7.0)", "6.0.0", false)]
    [InlineData("[5.0,6.0)", "6.0.0", false)]
    [InlineData("[5.0,]", "6.0.0", true)]
    [InlineData("[6.0.0]", "6.0.0", true)]
    [InlineData("6.0.0-beta1", "6.0.0", false)]
    [InlineData("0.107.0", "0.107.0", true)]
    public void VersionsAcceptTheCarriedVersionAsNuGetWould(string? requested, string carried, bool accepted) =>
        Assert.Equal(accepted, VersionSpec.Accepts(requested, carried));

    [Fact]
    public void TheCatalogCarriesThePinnedVersions()
    {
        Assert.Equal("0.107.0", PackageCatalog.Resolve("torchsharp-cpu", null).Version);
        Assert.Equal("6.0.0", PackageCatalog.Resolve("Plotly.NET", "6.0.0").Version);
        Assert.Equal("0.14.0", PackageCatalog.Resolve("Plotly.NET.CSharp", null).Version);
        Assert.Equal("4.1.0", PackageCatalog.Resolve("XPlot.Plotly", null).Version);
        Assert.NotNull(PackageCatalog.Resolve("Plotly.NET.Interactive", "4.2.1")); // formatters only: any version
        var deps = PackageCatalog.WithDependencies(PackageCatalog.Resolve("Plotly.NET", null).Roots).Select(a => a.GetName().Name).ToList();
        Assert.Contains("FSharp.Core", deps);
        Assert.Contains("DynamicObj", deps);
        Assert.DoesNotContain("System.Private.CoreLib", deps);
    }

    [Fact]
    public void LoopBodiesGetAStopCheckWithoutChangingLineNumbers()
    {
        string code = "int n = 0;\nwhile (n < 10)\n    n++;\nfor (int i = 0; i < 3; i++) { n += i; }\nforeach (var c in \"ab\") n++;\ndo { n--; } while (n > 100);\nvar f = () => { while (true) { } };\nn";
        string guarded = LoopGuard.Instrument(code, ScriptSession.ParseOptions);
        Assert.Equal(code.Split('\n').Length, guarded.Split('\n').Length);
        Assert.Equal(5, guarded.Split(LoopGuard.CheckStatement).Length - 1);
        Assert.Equal("int n = 0;", guarded.Split('\n')[0]);
        Assert.Equal("n", guarded.Split('\n')[^1]);
        Assert.Equal("int x = 1;", LoopGuard.Instrument("int x = 1;", ScriptSession.ParseOptions));
    }
}
