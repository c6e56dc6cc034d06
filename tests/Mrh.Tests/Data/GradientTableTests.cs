using Mrh.Data;
using Mrh.Tests.Imaging;

namespace Mrh.Tests.Data;

public class GradientTableTests
{
    [Fact]
    public void ParsesTheAuthorsFormatWithSmallBZeroValues()
    {
        var t = GradientTable.ParseAuthors("""
            # gx, gy, gz, b
            0, 0, 0, 7.3
            0.000, 0.000, 0.000, 5.0
            1, 0, 0, 2000
              0.0 2.0 0.0   2003.5
            0,0,-0.5,1998

            """, "grad.txt");
        Assert.Equal(5, t.Count);
        Assert.Equal("grad.txt", t.Source);
        Assert.Equal([0, 1], t.B0Indices);
        Assert.Equal([2, 3, 4], t.DwiIndices);
        Assert.Equal(7.3, t.BValue(0));
        Assert.Equal(2003.5, t.BValue(3));
        Assert.Equal([0, 1, 0], t.Direction(3)); // normalised
        Assert.Equal([0, 0, -1], t.Direction(4));
        Assert.Equal([0, 0, 0], t.Direction(0));
    }

    [Fact]
    public void AuthorsTableBecomesAProtocol()
    {
        var t = GradientTable.ParseAuthors("""
            % gx, gy, gz, b
            0, 0, 0, 7.3
            0 0 0 5.0

            3, 4, 0, 2000
            0,0,-2,2000
            1e-1 ,0; 0 , 1999.5
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
        Assert.Equal([1.0, 0, 0], p[4].Direction!);
        Assert.Equal("DWI-low", p[4].Group);
    }

    [Fact]
    public void ThresholdDecidesWhatIsABZero()
    {
        var t = GradientTable.ParseAuthors("0,0,1,7.3\n0,0,0,60\n0,1,0,1000", b0Threshold: 100);
        Assert.Equal([0, 1], t.B0Indices);   // b = 60 without a direction is fine as a b0
        Assert.Equal(["p_b0_1", "p_b0_2", "p_dir01"], t.ToProtocol("p", "g").Names);
        t = GradientTable.ParseAuthors("0,0,1,7.3\n1,0,0,60\n0,1,0,1000");
        Assert.Equal([0], t.B0Indices);
        Assert.Equal(["p_b0_1", "p_dir01", "p_dir02"], t.ToProtocol("p", "g").Names);
    }

    [Fact]
    public void TextRoundTripsExactly()
    {
        var t = GradientTable.FromProtocol(Protocol.Default67());
        Assert.Equal(64, t.Count);
        var back = GradientTable.ParseAuthors(t.ToText());
        Assert.Equal(t.BValues, back.BValues);
        for (int i = 0; i < t.Count; i++) Assert.Equal(t.Directions[i], back.Directions[i]);
    }

    [Fact]
    public void ParsesFslPairsInBothLayouts()
    {
        var rows = GradientTable.ParseFsl("0 1000 1000 3000\n", "0 1 0 0\n0 0 1 0.6\n0 0 0 0.8\n", "dwi.bval,dwi.bvec");
        Assert.Equal(4, rows.Count);
        Assert.Equal([0], rows.B0Indices);
        Assert.Equal([0, 0.6, 0.8], rows.Direction(3));
        var columns = GradientTable.ParseFsl("0\n1000\n1000\n3000\n", "0 0 0\n1 0 0\n0 1 0\n0 0.6 0.8\n");
        Assert.Equal(rows.BValues, columns.BValues);
        for (int i = 0; i < 4; i++) Assert.Equal(rows.Direction(i), columns.Direction(i));
    }

    [Fact]
    public void ReadsFslFilesInBothOrientations()
    {
        using var dir = new TempDir();
        File.WriteAllText(dir.File("row.bval"), "0 1000 3000 500\n");
        File.WriteAllText(dir.File("col.bval"), "0\n1000\n3000\n500\n");
        File.WriteAllText(dir.File("rows.bvec"), "0 1 0 0\n0 0 0 3\n0 0 2 4\n");   // FSL: 3 rows of N
        File.WriteAllText(dir.File("cols.bvec"), "0 0 0\n1 0 0\n0 0 2\n0 3 4\n"); // N rows of 3
        foreach (var (bval, bvec) in new[] { ("row.bval", "rows.bvec"), ("col.bval", "cols.bvec") })
        {
            var t = GradientTable.ReadFsl(dir.File(bval), dir.File(bvec));
            Assert.Equal([0, 1000, 3000.0, 500], t.BValues);
            Assert.Equal([1, 0, 0.0], t.Directions[1]);
            Assert.Equal([0, 0, 1.0], t.Directions[2]);
            Assert.Equal([0, 0.6, 0.8], t.Directions[3]);
        }
        File.WriteAllText(dir.File("bad.bvec"), "0 1\n0 0\n");
        var e = Assert.Throws<MrhException>(() => GradientTable.ReadFsl(dir.File("row.bval"), dir.File("bad.bvec")));
        Assert.StartsWith(dir.File("bad.bvec"), e.Message);
        File.WriteAllText(dir.File("square.bval"), "0 1000\n3000 500\n");
        e = Assert.Throws<MrhException>(() => GradientTable.ReadFsl(dir.File("square.bval"), dir.File("rows.bvec")));
        Assert.StartsWith(dir.File("square.bval"), e.Message);
        Assert.Contains("one row or one column", e.Message);
    }

    [Fact]
    public void ReadsFilesAndPairs()
    {
        using var dir = new TempDir();
        File.WriteAllText(dir.File("g.txt"), "0, 0, 0, 5\n1, 0, 0, 700\n");
        File.WriteAllText(dir.File("g,2.txt"), "0, 0, 0, 5\n1, 0, 0, 700\n0, 1, 0, 700\n");
        File.WriteAllText(dir.File("b.bval"), "0 700");
        File.WriteAllText(dir.File("b.bvec"), "0 1\n0 0\n0 0");
        var a = GradientTable.Read(dir.File("g.txt"));
        var f = GradientTable.Read(dir.File("b.bval") + "," + dir.File("b.bvec"));
        Assert.Equal(2, a.Count);
        Assert.Equal([0.0, 700], f.BValues);
        Assert.Equal(3, GradientTable.Read(dir.File("g,2.txt")).Count);   // an existing file with a comma is one table
        Assert.Equal([0, 1], GradientTable.Read(dir.File("g.txt"), b0Threshold: 1000).B0Indices);
        Assert.Contains("gradient table not found", Assert.Throws<MrhException>(() => GradientTable.Read(dir.File("none.txt"))).Message);
    }

    [Theory]
    [InlineData("1, 0, 0\n", "line 1: expected four numbers 'gx, gy, gz, b', got 3 numbers")]
    [InlineData("0,0,0,5\n1,0,0\n", "line 2: expected four numbers")]
    [InlineData("0,0,0,5\n1,0,x,1000\n", "line 2: expected four numbers")]
    [InlineData("1, 0, 0, abc\n", "'abc' is not a number")]
    [InlineData("0,0,0,5\n0,0,0,1000\n", "line 2: b = 1000 s/mm^2 but no gradient direction")]
    [InlineData("# header\n\n0,0,0,5\n0 0 0 2000\n", "line 4: b = 2000 s/mm^2 but no gradient direction")]
    [InlineData("1, 0, 0, -5\n", "line 1: negative b-value")]
    [InlineData("0,0,0,-5\n", "b-values must be finite and >= 0")]
    [InlineData("0,0,0,NaN\n", "b-values must be finite and >= 0")]
    [InlineData("# nothing\n\n", "no gradient lines")]
    public void BadAuthorsTablesAreOneLineErrorsNamingTheFileAndLine(string text, string message)
    {
        var e = Assert.Throws<MrhException>(() => GradientTable.ParseAuthors(text, "grad.txt"));
        Assert.StartsWith("grad.txt", e.Message);
        Assert.Contains(message, e.Message);
        Assert.DoesNotContain('\n', e.Message);
    }

    [Fact]
    public void BadFslPairsAreClearErrors()
    {
        Assert.Contains("bvecs must be 3 rows of 3 numbers", Assert.Throws<MrhException>(() => GradientTable.ParseFsl("0 1000 1000", "0 1 0\n0 0 1\n")).Message);
        Assert.Contains("one row or one column", Assert.Throws<MrhException>(() => GradientTable.ParseFsl("0 1000\n1000 1000", "0 1 0 0\n0 0 1 1\n0 0 0 0")).Message);
        var e = Assert.Throws<MrhException>(() => GradientTable.ParseFsl("0 abc", "0 1\n0 0\n0 0"));
        Assert.Contains("(bvals) line 1: expected numbers", e.Message);
        Assert.Contains("'abc' is not a number", e.Message);
    }

    [Fact]
    public void FromProtocolKeepsChannelIndices()
    {
        var table = GradientTable.FromProtocol(Protocol.Default67(), out var channels);
        Assert.Equal(64, table.Count);
        Assert.Equal(Enumerable.Range(0, 64), channels);
        Assert.Equal(4, table.B0Indices.Length);
        var broken = new Protocol([new("b0", ChannelKind.B0, 0), new("d", ChannelKind.Dwi, 1000, null)]);
        Assert.Contains("'d' is diffusion-weighted (b = 1000) but has no gradient direction",
            Assert.Throws<MrhException>(() => GradientTable.FromProtocol(broken)).Message);
    }
}
