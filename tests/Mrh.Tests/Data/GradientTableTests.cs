using Mrh.Data;
using Mrh.Tests.Imaging;

namespace Mrh.Tests.Data;

public class GradientTableTests
{
    [Fact]
    public void ParsesTheAuthorsFormatWithCommasOrSpaces()
    {
        var t = GradientTable.Parse("""
            # gx, gy, gz, b
            0, 0, 0, 7.3
            0 0 0 5.0

            3, 4, 0, 2000
            0,0,-2,2000
            1e-1 ,0, 0 , 1999.5
            """, "grad.txt");
        Assert.Equal(5, t.Count);
        Assert.Equal([7.3, 5.0, 2000, 2000, 1999.5], t.BValues);
        Assert.Equal([0.6, 0.8, 0], t.Directions[2]);   // normalised (3, 4, 0) / 5
        Assert.Equal([0, 0, -1.0], t.Directions[3]);
        Assert.Equal([0, 0, 0.0], t.Directions[0]);
        var p = t.ToProtocol("b2000", "DWI-low");
        Assert.Equal(["b2000_b0_1", "b2000_b0_2", "b2000_dir01", "b2000_dir02", "b2000_dir03"], p.Names);
        Assert.Equal(ChannelKind.B0, p[1].Kind);
        Assert.Null(p[1].Direction);
        Assert.Equal(5.0, p[1].BValue);
        Assert.Equal(ChannelKind.Dwi, p[4].Kind);
        Assert.Equal("DWI-low", p[4].Group);
    }

    [Fact]
    public void TextRoundTripsExactly()
    {
        var t = GradientTable.FromProtocol(Protocol.Default67());
        Assert.Equal(64, t.Count);
        var back = GradientTable.Parse(t.ToText());
        Assert.Equal(t.BValues, back.BValues);
        for (int i = 0; i < t.Count; i++) Assert.Equal(t.Directions[i], back.Directions[i]);
    }

    [Fact]
    public void FslPairInBothOrientations()
    {
        using var dir = new TempDir();
        File.WriteAllText(dir.File("a.bval"), "0 1000\n3000 500\n");
        File.WriteAllText(dir.File("rows.bvec"), "0 1 0 0\n0 0 0 3\n0 0 2 4\n");   // FSL: 3 rows of N
        File.WriteAllText(dir.File("cols.bvec"), "0 0 0\n1 0 0\n0 0 2\n0 3 4\n"); // N rows of 3
        foreach (var bvec in new[] { "rows.bvec", "cols.bvec" })
        {
            var t = GradientTable.ReadFsl(dir.File("a.bval"), dir.File(bvec));
            Assert.Equal([0, 1000, 3000.0, 500], t.BValues);
            Assert.Equal([1, 0, 0.0], t.Directions[1]);
            Assert.Equal([0, 0, 1.0], t.Directions[2]);
            Assert.Equal([0, 0.6, 0.8], t.Directions[3]);
        }
        File.WriteAllText(dir.File("bad.bvec"), "0 1\n0 0\n");
        var e = Assert.Throws<MrhException>(() => GradientTable.ReadFsl(dir.File("a.bval"), dir.File("bad.bvec")));
        Assert.Contains("bad.bvec", e.Message);
    }

    [Theory]
    [InlineData("1, 0, 0\n", "3 numbers, expected 4")]
    [InlineData("1, 0, 0, abc\n", "'abc' is not a number")]
    [InlineData("1, 0, 0, -5\n", "negative b-value")]
    [InlineData("# nothing\n", "no gradient lines")]
    public void BadLinesNameTheLine(string text, string words)
    {
        var e = Assert.Throws<MrhException>(() => GradientTable.Parse(text, "grad_2000.txt"));
        Assert.StartsWith("grad_2000.txt", e.Message);
        Assert.Contains(words, e.Message);
    }

    [Fact]
    public void DiffusionWeightedLineWithoutDirectionIsRefused()
    {
        var t = GradientTable.Parse("0 0 0 2000\n");
        Assert.Throws<MrhException>(() => t.ToProtocol("x", "g"));
    }
}
