using System.Text.Json;
using Mrh.Imaging;
using Mrh.Plots;

namespace Mrh.Tests.Plots;

/// <summary>The scale bar and the structure outlines of slice figures, against hand-computed values.</summary>
public class SliceAnnotationTests
{
    static JsonElement Json(Figure f) => JsonDocument.Parse(f.ToJson()).RootElement;

    [Theory]
    [InlineData(10.4, 2.0)]   // quick grid, 104 pixels of 0.1 mm: a quarter is 2.6 mm
    [InlineData(10.5, 2.0)]   // smoke grid, 35 pixels of 0.3 mm
    [InlineData(3.0, 0.5)]    // an enlarged cortex
    [InlineData(40.0, 10.0)]
    [InlineData(0.2, 0.1)]    // tiny: the shortest bar
    public void TheBarIsTheLongestRoundLengthWithinAQuarterOfTheWidth(double widthMm, double expected) =>
        Assert.Equal(expected, ScaleBar.NiceLength(widthMm));

    [Fact]
    public void TheScaleBarSpansMillimetresOverVoxelSizePixels()
    {
        // 104 x 69 pixels of 0.1 mm: a 2 mm bar spans 2 / 0.1 = 20 pixels of the heatmap
        var section = new Section(104, 69, new float[104 * 69]);
        var json = Json(SlicePanels.Create([new SliceImage("a", section, 0.1, 0.1), new SliceImage("b", section, 0.1, 0.1)], "AF"));
        var shapes = json.GetProperty("layout").GetProperty("shapes").EnumerateArray().ToArray();
        var bar = Assert.Single(shapes); // one bar per row, on its first panel
        double x0 = bar.GetProperty("x0").GetDouble(), x1 = bar.GetProperty("x1").GetDouble();
        var xs = json.GetProperty("data")[0].GetProperty("x").EnumerateArray().Select(e => e.GetDouble()).ToArray();
        Assert.Equal(20.0, (x1 - x0) / (xs[1] - xs[0]), 9);
        Assert.Equal("x", bar.GetProperty("xref").GetString());
        Assert.Equal(0.05 * 10.4, x0, 9);
        Assert.Equal(0.92 * 6.9, bar.GetProperty("y0").GetDouble(), 9);
        Assert.Contains(json.GetProperty("layout").GetProperty("annotations").EnumerateArray(), a => a.GetProperty("text").GetString() == "2 mm");
        Assert.Equal(20.0, ScaleBar.For(new SliceImage("a", section, 0.1, 0.1)).LengthInPixels(0.1), 9);
    }

    [Fact]
    public void AnOutlineIsExactlyTheLabelsBoundaryPixels()
    {
        // 6 x 5 labels:      columns 0..5
        //   row 0: 0 0 0 0 0 0
        //   row 1: 0 2 2 2 0 3
        //   row 2: 0 2 2 2 0 3
        //   row 3: 0 2 2 2 0 3
        //   row 4: 0 0 0 0 0 0
        float[] px =
        [
            0, 0, 0, 0, 0, 0,
            0, 2, 2, 2, 0, 3,
            0, 2, 2, 2, 0, 3,
            0, 2, 2, 2, 0, 3,
            0, 0, 0, 0, 0, 0,
        ];
        var labels = new Section(6, 5, px);
        var two = StructureOutline.Of(labels, 2, "two", "#000000");
        // the 3 x 3 block's ring: every pixel but its centre (2, 2)
        var expected = new[] { (1, 1), (2, 1), (3, 1), (1, 2), (3, 2), (1, 3), (2, 3), (3, 3) };
        Assert.Equal(expected.Order(), two.Columns.Zip(two.Rows).Order());
        // a structure on the image's edge: its pixels there are boundary pixels too
        var three = StructureOutline.Of(labels, 3, "three", "#000000");
        Assert.Equal(new[] { (5, 1), (5, 2), (5, 3) }, three.Columns.Zip(three.Rows).Order());
        Assert.True(StructureOutline.Of(labels, 7, "none", "#000000").IsEmpty);
    }

    [Fact]
    public void OutlinesAreDrawnInMillimetresWithOneLegendEntryPerStructure()
    {
        float[] px = [0, 0, 0, 0, 1, 1, 0, 1, 1];
        var labels = new Section(3, 3, px);
        var outline = StructureOutline.Of(labels, 1, "cortex", "#ff0000");
        var image = new SliceImage("a", labels, 0.25, 0.5, OriginXMm: 1).WithOutlines([outline, StructureOutline.Of(labels, 9, "absent", "#00ff00")]);
        Assert.Single(image.Outlines); // empty outlines are left out
        var json = Json(SlicePanels.Create([image, image], "labels"));
        var scatters = json.GetProperty("data").EnumerateArray().Where(t => t.GetProperty("type").GetString() == "scatter").ToArray();
        Assert.Equal(2, scatters.Length);
        // pixels (1,1), (2,1), (1,2), (2,2): x = 1 + column * 0.25, y = row * 0.5
        Assert.Equal([1.25, 1.5, 1.25, 1.5], scatters[0].GetProperty("x").EnumerateArray().Select(e => e.GetDouble()));
        Assert.Equal([0.5, 0.5, 1.0, 1.0], scatters[0].GetProperty("y").EnumerateArray().Select(e => e.GetDouble()));
        Assert.Equal([true, false], scatters.Select(s => s.GetProperty("showlegend").GetBoolean()));
        Assert.Equal("x2", scatters[1].GetProperty("xaxis").GetString());
        // a crop keeps the outline pixels inside the window, re-indexed
        var cropped = image.Crop(new SectionWindow(2, 1, 1, 2));
        Assert.Equal([0, 0], cropped.Outlines[0].Columns);
        Assert.Equal([0, 1], cropped.Outlines[0].Rows);
    }
}
