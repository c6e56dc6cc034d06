using Mrh.Notebooks;
using Mrh.Notebooks.Documents;
using Mrh.Notebooks.Parameters;
using static Mrh.Tests.Notebooks.TestNotebooks;

namespace Mrh.Tests.Notebooks;

public class ParameterTests
{
    static NotebookRunOptions With(params string[] p) =>
        new() { Parameters = p.Select(NotebookParameter.Parse).ToList(), CellTimeout = TimeSpan.FromSeconds(120) };

    [Fact]
    public void ValuesAreInjectedAfterTheParametersCellWithTheDeclaredTypes()
    {
        var nb = IpynbReader.Read(Fixture("basics.ipynb"));
        var warnings = ParameterInjector.Inject(nb, With("epochs=3", "rate=1e-3", "name=x \"quoted\"", "verbose=true").Parameters);
        Assert.Empty(warnings);
        var cells = nb.Cells;
        int at = cells.FindIndex(c => c.HasTag("parameters"));
        var injected = cells[at + 1];
        Assert.Equal(["injected-parameters"], injected.Tags);
        Assert.Null(injected.SourcePosition);
        Assert.Equal(
            "// Parameters injected by mrh notebooks run (papermill's convention)\n" +
            "int epochs = 3;\ndouble rate = 0.001d;\nstring name = \"x \\\"quoted\\\"\";\nbool verbose = true;",
            injected.Source);
    }

    [Fact]
    public void AValueThatDoesNotFitTheDeclaredTypeIsRefusedBeforeAnythingRuns()
    {
        var e = Assert.Throws<MrhException>(() => Run(Fixture("basics.ipynb"), With("epochs=many")).GetAwaiter().GetResult());
        Assert.Contains("'epochs'", e.Message);
        Assert.Contains("int", e.Message);
    }

    [Fact]
    public void InjectionReplacesAnEarlierInjectedCellAndWarnsAboutUndeclaredNames()
    {
        var nb = IpynbReader.Read(Fixture("basics.ipynb"));
        ParameterInjector.Inject(nb, [NotebookParameter.Parse("epochs=1")]);
        var warnings = ParameterInjector.Inject(nb, [NotebookParameter.Parse("epochs=2"), NotebookParameter.Parse("extra=2.5")]);
        var injected = Assert.Single(nb.Cells, c => c.HasTag("injected-parameters"));
        Assert.Contains("int epochs = 2;", injected.Source);
        Assert.Contains("double extra = 2.5d;", injected.Source);
        Assert.Contains(warnings, w => w.Contains("'extra'"));
    }

    [Theory]
    [InlineData("int", "-7", "-7")]
    [InlineData("long", "9000000000", "9000000000L")]
    [InlineData("float", "0.5", "0.5f")]
    [InlineData("double", "2", "2d")]
    [InlineData("double", "NaN", "double.NaN")]
    [InlineData("decimal", "1.10", "1.10m")]
    [InlineData("bool", "False", "false")]
    [InlineData("string", "a\\b\n", "\"a\\\\b\\n\"")]
    [InlineData("int?", "null", "null")]
    [InlineData("System.Int32", "5", "5")]
    public void LiteralsAreCSharpOfTheDeclaredType(string type, string value, string literal) =>
        Assert.Equal(literal, ParameterLiteral.For(type, "p", value));

    [Theory]
    [InlineData("int", "3.5")]
    [InlineData("int", "99999999999")]
    [InlineData("byte", "256")]
    [InlineData("bool", "yes")]
    [InlineData("Preset", "smoke")]
    public void ValuesThatDoNotFitAreErrors(string type, string value) =>
        Assert.Throws<MrhException>(() => ParameterLiteral.For(type, "p", value));

    [Fact]
    public void DeclarationsAreReadFromTheParametersCell()
    {
        var d = ParameterCell.Declarations("#!csharp\n#r \"nuget: MathNet.Numerics, 5.0.0\"\n#i \"nuget: /tmp/feed\"\nint a = 1, b = 2;\nvar s = \"x\";\nvar f = -2.5;\nconst string c = \"k\";\nConsole.WriteLine(a);");
        Assert.Equal(
            [new("a", "int"), new("b", "int"), new("s", "string"), new("f", "double"), new("c", "string")],
            d.ToList());
    }

    [Theory]
    [InlineData("noequals")]
    [InlineData("=5")]
    [InlineData("class=5")]
    [InlineData("1x=5")]
    public void BadParameterSyntaxIsAnError(string text) => Assert.Throws<MrhException>(() => NotebookParameter.Parse(text));
}
