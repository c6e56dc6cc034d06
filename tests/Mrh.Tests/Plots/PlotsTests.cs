using System.Text.Json;
using Mrh.Imaging;
using Mrh.Plots;

namespace Mrh.Tests.Plots;

public class PlotsTests
{
    static JsonElement Figure(Mrh.Plots.Figure chart) => JsonDocument.Parse(chart.ToJson()).RootElement;

    static double[] Doubles(JsonElement e) => e.EnumerateArray().Select(x => x.GetDouble()).ToArray();

    [Fact]
    public void SlicePanelsShareOneColourRangeAndUseMillimetres()
    {
        // two 10x10 sections with values 1..100 and 101..200; 1st/99th percentile of 1..200 by the
        // nearest-rank rule used here: index floor(0.01*199) = 1 -> 2, index ceil(0.99*199) = 198 -> 199
        var a = new Section(10, 10, Enumerable.Range(1, 100).Select(i => (float)i).ToArray());
        var b = new Section(10, 10, Enumerable.Range(101, 100).Select(i => (float)i).ToArray());
        var fig = Figure(SlicePanels.Create([new SliceImage("ref", a, 0.1, 0.1), new SliceImage("pred", b, 0.1, 0.1)], "AF (a.u.)"));
        var data = fig.GetProperty("data").EnumerateArray().ToArray();
        Assert.Equal(2, data.Length);
        Assert.All(data, d => Assert.Equal(2.0, d.GetProperty("zmin").GetDouble()));
        Assert.All(data, d => Assert.Equal(199.0, d.GetProperty("zmax").GetDouble()));
        Assert.False(data[0].GetProperty("showscale").GetBoolean());
        Assert.True(data[1].GetProperty("showscale").GetBoolean());
        // plain numbers on the colour bar: plotly's default would label 0.0003 mm²/s as "300µ"
        Assert.Equal("none", data[1].GetProperty("colorbar").GetProperty("exponentformat").GetString());
        Assert.Equal(0.9, Doubles(data[0].GetProperty("x"))[9], 9);
        var layout = fig.GetProperty("layout");
        Assert.Equal("mm", layout.GetProperty("xaxis").GetProperty("title").GetProperty("text").GetString());
        Assert.Equal("reversed", layout.GetProperty("yaxis2").GetProperty("autorange").GetString());
        Assert.Equal("x2", layout.GetProperty("yaxis2").GetProperty("scaleanchor").GetString());
    }

    [Fact]
    public void SlicePanelOfVolumeTakesPixelSizeFromSpacing()
    {
        var v = Volume.Zeros(4, 3, 2, spacing: [0.1, 0.2, 0.3]);
        var img = SliceImage.Of("h", v, AnatomicalPlane.Horizontal, 1); // columns x (0.1), rows z (0.3)
        Assert.Equal((0.1, 0.3), (img.PixelWidthMm, img.PixelHeightMm));
    }

    [Fact]
    public void RocMeanCurveAveragesVertically()
    {
        var perfect = new RocSeries("a", [0, 0, 1], [0, 1, 1], 1.0);
        var chance = new RocSeries("b", [0, 1], [0, 1], 0.5);
        var (grid, mean, sd) = RocPlot.MeanCurve([perfect, chance]);
        int half = Array.IndexOf(grid, 0.5);
        Assert.Equal(0.75, mean[half], 12);
        Assert.Equal(Math.Sqrt(2 * 0.25 * 0.25), sd[half], 12); // sample SD of {1, 0.5}
        Assert.Equal(1.0, RocPlot.Interpolate([0, 0, 1], [0, 1, 1], 0.0)); // vertical step: highest TPR
    }

    [Fact]
    public void RocLegendCarriesTheAuc()
    {
        var fig = Figure(RocPlot.Create([new RocSeries("60 animals", [0, 0.1, 1], [0, 0.9, 1], 0.9449)]));
        var names = fig.GetProperty("data").EnumerateArray().Select(d => d.TryGetProperty("name", out var n) ? n.GetString() : null).ToArray();
        Assert.Contains("60 animals (AUC 0.945)", names);
        Assert.Contains("False positive rate", fig.GetProperty("layout").GetProperty("xaxis").GetProperty("title").GetProperty("text").GetString());
    }

    [Fact]
    public void BarsCarryStandardDeviationsAndPValues()
    {
        var fig = Figure(BarPlot.MeanWithSd(["all", "top 38"], [0.10, 0.12], [0.01, 0.02], "RMSE (a.u.)",
            comparisons: [new Comparison(0, 1, 0.028)]));
        var bar = fig.GetProperty("data")[0];
        Assert.Equal([0.01, 0.02], Doubles(bar.GetProperty("error_y").GetProperty("array")));
        Assert.Equal("p = 0.028 *", fig.GetProperty("layout").GetProperty("annotations")[0].GetProperty("text").GetString());
        Assert.Equal("p < 0.001 *", BarPlot.FormatP(0.0004));
        Assert.Equal("p = 0.320", BarPlot.FormatP(0.32));
    }

    [Fact]
    public void GroupedBarsAreOneTracePerSeriesWithBracketsOverTheirOwnBars()
    {
        // 2 categories x 3 series: bars 0.8/3 wide, so series 1 and 2 of category 1 sit at 1 and 1 + 0.8/3
        var fig = Figure(BarPlot.Grouped(["T2W", "MT"], [new BarSeries("whole brain", [10, 20], [1, 2]), new BarSeries("white matter", [5, 6], [1, 1]),
            new BarSeries("cortex", [30, 8], [3, 1])], "relative contribution (%)", "image group", comparisons: [new SeriesComparison(1, 2, 1, 0.004)]));
        var data = fig.GetProperty("data").EnumerateArray().ToArray();
        Assert.Equal(["whole brain", "white matter", "cortex"], data.Select(d => d.GetProperty("name").GetString()));
        Assert.Equal([30.0, 8], Doubles(data[2].GetProperty("y")));
        Assert.Equal([3.0, 1], Doubles(data[2].GetProperty("error_y").GetProperty("array")));
        Assert.Equal("none", data[2].GetProperty("textposition").GetString()); // category names in the hover only, not written on the bars
        var layout = fig.GetProperty("layout");
        var line = layout.GetProperty("shapes")[0];
        Assert.Equal(1 + 0.8 / 3, line.GetProperty("x0").GetDouble(), 12);
        Assert.Equal(1.0, line.GetProperty("x1").GetDouble(), 12);
        // just above the taller of the two bracketed bars (cortex MT 8 + 1 = 9, not whole brain's 22); step = 6% of the top bar (33)
        Assert.Equal(9 + 0.06 * 33, line.GetProperty("y0").GetDouble(), 9);
        Assert.Equal("p = 0.004 *", layout.GetProperty("annotations")[0].GetProperty("text").GetString());
        Assert.Equal(["T2W", "MT"], layout.GetProperty("xaxis").GetProperty("ticktext").EnumerateArray().Select(t => t.GetString()));
        Assert.Equal("image group", layout.GetProperty("xaxis").GetProperty("title").GetProperty("text").GetString());
        Assert.True(layout.GetProperty("width").GetDouble() <= 1000);
        Assert.Throws<ArgumentException>(() => BarPlot.Grouped(["T2W", "MT"], [new BarSeries("x", [1], [0])], "v", "c"));
    }

    [Fact]
    public void ContributionMarksFirstRankReachingEachFraction()
    {
        // shares 0.4, 0.3, 0.2, 0.1 -> cumulative 0.4, 0.7, 0.9, 1.0
        var fig = Figure(ContributionPlot.Ranked(["d", "a", "c", "b"], [1, 4, 2, 3], [0.5, 0.75]));
        var data = fig.GetProperty("data").EnumerateArray().ToArray();
        Assert.Equal([40.0, 30, 20, 10], Doubles(data[0].GetProperty("y")).Select(v => Math.Round(v, 9)));
        Assert.Equal(["a", "b", "c", "d"], data[0].GetProperty("text").EnumerateArray().Select(t => t.GetString()));
        Assert.Equal([40.0, 70, 90, 100], Doubles(data[1].GetProperty("y")).Select(v => Math.Round(v, 9)));
        var texts = fig.GetProperty("layout").GetProperty("annotations").EnumerateArray().Select(a => a.GetProperty("text").GetString()!).ToArray();
        Assert.Equal(new[] { "top 2: 50%", "top 3: 75%" }, texts!);
    }

    [Fact]
    public void ContributionBarsAreOneTracePerGroupAtTheirRanks()
    {
        // ranks: a (40%, g2), b (30%, g2), c (20%, g1), d (10%, g1); groups in order of first appearance: g1, g2
        var fig = Figure(ContributionPlot.Ranked(["d", "a", "c", "b"], [1, 4, 2, 3], null, ["g1", "g2", "g1", "g2"]));
        var data = fig.GetProperty("data").EnumerateArray().ToArray();
        Assert.Equal(["g1", "g2", "cumulative"], data.Select(d => d.GetProperty("name").GetString()));
        Assert.Equal([3.0, 4], Doubles(data[0].GetProperty("x")));
        Assert.Equal([20.0, 10], Doubles(data[0].GetProperty("y")).Select(v => Math.Round(v, 9)));
        Assert.Equal([1.0, 2], Doubles(data[1].GetProperty("x")));
        Assert.Equal(["a", "b"], data[1].GetProperty("text").EnumerateArray().Select(t => t.GetString()));
    }

    [Fact]
    public void AgreementFitsTheLeastSquaresLine()
    {
        var x = Enumerable.Range(0, 50).Select(i => (float)i).ToArray();
        var y = x.Select(v => 2 * v + 1).ToArray();
        var fig = Figure(ScatterPlots.Agreement(x, y, "AF (a.u.)", 1.0));
        var fit = fig.GetProperty("data")[2];
        Assert.Equal([1.0, 199.0], Doubles(fit.GetProperty("y"))); // spans x = 0..99
        Assert.Equal("fit (R² = 1.00)", fit.GetProperty("name").GetString());
    }

    [Fact]
    public void EmbeddingHasOneTracePerCategory()
    {
        var fig = Figure(ScatterPlots.Embedding([0, 1, 2, 3], [0, 1, 2, 3], ["hypo", "hyper", "hypo", "surface"],
            colors: new Dictionary<string, string> { ["hypo"] = Palette.Hypo }));
        var data = fig.GetProperty("data").EnumerateArray().ToArray();
        Assert.Equal(3, data.Length);
        var hypo = data.Single(d => d.GetProperty("name").GetString() == "hypo (n=2)");
        Assert.Equal(Palette.Hypo, hypo.GetProperty("marker").GetProperty("color").GetString());
    }

    [Fact]
    public void StripPlotsFitANotebookPage()
    {
        (string, double[]) G(int k) => ($"group {k}", [k, k + 1.0]);
        Assert.Equal(160 + 100 * 2, Figure(GroupPlot.Strip([G(0), G(1)], "MTR (unitless)")).GetProperty("layout").GetProperty("width").GetInt32());
        // ten groups (Fig. 3E: five measures, shiverer and control) are capped, not 1,160 px wide
        Assert.Equal(1000, Figure(GroupPlot.Strip(Enumerable.Range(0, 10).Select(G).ToList(), "MTR (unitless)")).GetProperty("layout").GetProperty("width").GetInt32());
    }

    [Fact]
    public void RowsOfSlicesHaveOneColourScaleEach()
    {
        // row 1: values 1..100 (histology-like), row 2: 0.0001..0.0100 (DR in mm²/s); each row its own 1st-99th percentile
        var a = new Section(10, 10, Enumerable.Range(1, 100).Select(i => (float)i).ToArray());
        var b = new Section(10, 10, Enumerable.Range(1, 100).Select(i => i * 1e-4f).ToArray());
        var fig = Figure(SlicePanels.CreateRows([
            new SliceRow("NF (a.u.)", [new SliceImage("NF", a, 0.1, 0.1), new SliceImage("MRH-NF", a, 0.1, 0.1)]),
            new SliceRow("DR (mm²/s)", [new SliceImage("DR", b, 0.1, 0.1, OriginXMm: 2, OriginYMm: 1)])]));
        var data = fig.GetProperty("data").EnumerateArray().ToArray();
        Assert.Equal(3, data.Length);
        // nearest rank on 100 values: index floor(0.99) = 0 -> 1, index ceil(98.01) = 99 -> 100
        Assert.Equal(1.0, data[0].GetProperty("zmin").GetDouble());
        Assert.Equal(100.0, data[1].GetProperty("zmax").GetDouble());
        Assert.Equal(1e-4, data[2].GetProperty("zmin").GetDouble(), 9);
        Assert.Equal(0.01, data[2].GetProperty("zmax").GetDouble(), 9);
        // one colour bar per row, on its last image, titled with the row's units
        Assert.Equal([false, true, true], data.Select(d => d.GetProperty("showscale").GetBoolean()));
        Assert.Equal("DR (mm²/s)", data[2].GetProperty("colorbar").GetProperty("title").GetProperty("text").GetString());
        // a cropped image keeps its place: x starts at its origin
        Assert.Equal(2.0, Doubles(data[2].GetProperty("x"))[0], 9);
        Assert.Equal(1.1, Doubles(data[2].GetProperty("y"))[1], 9);
        Assert.Throws<ArgumentException>(() => SlicePanels.CreateRows([new SliceRow("x", [])]));
        // four sections in a row (Fig. 3D) still fit a notebook page
        var four = Enumerable.Range(0, 4).Select(k => new SliceImage($"{k}", a, 0.1, 0.1)).ToList();
        Assert.Equal(1000, Figure(SlicePanels.CreateRows([new SliceRow("MBP (a.u.)", four)])).GetProperty("layout").GetProperty("width").GetInt32());
        Assert.Equal(1000, Figure(SlicePanels.Create(four, "MBP (a.u.)")).GetProperty("layout").GetProperty("width").GetInt32());
    }

    [Fact]
    public void CroppingAnImageMovesItsOrigin()
    {
        var s = new Section(4, 3, Enumerable.Range(0, 12).Select(i => (float)i).ToArray());
        var crop = new SliceImage("x", s, 0.5, 0.25).Crop(new SectionWindow(1, 1, 2, 2));
        Assert.Equal([5f, 6f, 9f, 10f], crop.Section.Pixels);
        Assert.Equal(0.5, crop.OriginXMm, 12);
        Assert.Equal(0.25, crop.OriginYMm, 12);
    }
}
