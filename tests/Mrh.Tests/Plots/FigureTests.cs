using System.Text.Json;
using Mrh.Plots;
using P = Mrh.Plots.Plotly;

namespace Mrh.Tests.Plots;

public class FigureTests
{
    [Fact]
    public void NonFiniteNumbersBecomeGapsAndTheJsonHasDataAndLayout()
    {
        var fig = P.Chart([P.Trace("scatter", ("x", new[] { 0.0, 1, 2 }), ("y", new[] { 1.5, double.NaN, double.PositiveInfinity }),
            ("z", new[] { new[] { 1f, float.NaN } }))], P.Layout(("title", P.Title("a <b>title</b>"))));
        var json = JsonDocument.Parse(fig.ToJson()).RootElement;
        var y = json.GetProperty("data")[0].GetProperty("y");
        Assert.Equal(1.5, y[0].GetDouble());
        Assert.Equal(JsonValueKind.Null, y[1].ValueKind);
        Assert.Equal(JsonValueKind.Null, y[2].ValueKind);
        Assert.Equal(JsonValueKind.Null, json.GetProperty("data")[0].GetProperty("z")[0][1].ValueKind);
        Assert.Equal("scatter", json.GetProperty("data")[0].GetProperty("type").GetString());
        Assert.Equal("a <b>title</b>", json.GetProperty("layout").GetProperty("title").GetProperty("text").GetString());
    }

    [Fact]
    public void HtmlCarriesPlotlyJsWithTheFirstFigureOnlyAndNoRawClosingTag()
    {
        var fig = P.Chart([P.Trace("bar", ("name", "</script><b>x"))], P.Layout());
        var writer = new FigureHtml();
        var first = new StringWriter(); writer.Write(fig, first);
        var second = new StringWriter(); writer.Write(fig, second);
        Assert.Contains("plotly.js v" + PlotlyJs.Version, first.ToString());
        Assert.DoesNotContain("plotly.js v", second.ToString());
        // the figure JSON sits in a script element: a "</script>" inside a string must not end it
        Assert.Equal(2, CountOf(second.ToString(), "</script>"));
        Assert.Contains("\\u003c/script>", second.ToString());
        Assert.StartsWith("2.", PlotlyJs.Version);
    }

    [Fact]
    public void TheKernelConventionIsMet()
    {
        // .NET Interactive matches the attribute by name and reads these members by reflection
        var attribute = typeof(Figure).GetCustomAttributes(true).Single(a => a.GetType().Name == "TypeFormatterSourceAttribute");
        var source = Activator.CreateInstance((Type)attribute.GetType().GetProperty("FormatterSourceType")!.GetValue(attribute)!)!;
        Assert.Equal(["text/html"], (string[])attribute.GetType().GetProperty("PreferredMimeTypes")!.GetValue(attribute)!);
        var formatters = ((IEnumerable<object>)source.GetType().GetMethod("CreateTypeFormatters")!.Invoke(source, null)!).ToList();
        var html = formatters.Single(f => (string)f.GetType().GetProperty("MimeType")!.GetValue(f)! == "text/html");
        var format = html.GetType().GetMethod("Format", [typeof(object), typeof(TextWriter)])!;
        var w = new StringWriter();
        Assert.True((bool)format.Invoke(html, [P.Chart([P.Trace("bar")], P.Layout()), w])!);
        Assert.Contains("Plotly.newPlot", w.ToString());
        Assert.False((bool)format.Invoke(html, ["not a figure", new StringWriter()])!);
    }

    [Fact]
    public void TablesHaveOneColumnPerPropertyWithInvariantValues()
    {
        var table = new[] { new { name = "a<b", value = 0.125, list = new[] { 1, 2 } }, new { name = "c", value = -2.5, list = new int[0] } }.ToTable();
        Assert.Equal(["name", "value", "list"], table.Columns);
        Assert.Equal(["a<b", "0.125", "1, 2"], table.Rows[0]);
        Assert.Equal("<table class=\"mrh-table\"><thead><tr><th>name</th><th>value</th><th>list</th></tr></thead><tbody>" +
                     "<tr><td>a&lt;b</td><td>0.125</td><td>1, 2</td></tr><tr><td>c</td><td>-2.5</td><td></td></tr></tbody></table>", table.ToHtml());
        Assert.Equal(["value"], new[] { 1, 2 }.ToTable().Columns);
    }

    static int CountOf(string s, string what) => (s.Length - s.Replace(what, "").Length) / what.Length;
}
