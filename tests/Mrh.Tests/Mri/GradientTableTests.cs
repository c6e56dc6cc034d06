using Mrh.Data;
using Mrh.Mri;

using GradientTable = Mrh.Mri.GradientTable;

namespace Mrh.Tests.Mri;

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
        Assert.Equal([0, 1], t.B0Indices);
        Assert.Equal([2, 3, 4], t.DwiIndices);
        Assert.Equal(7.3, t.BValue(0));
        Assert.Equal(2003.5, t.BValue(3));
        Assert.Equal([0, 1, 0], t.Direction(3)); // normalised
        Assert.Equal([0, 0, -1], t.Direction(4));
        Assert.Equal([0, 0, 0], t.Direction(0));
    }

    [Fact]
    public void ThresholdDecidesWhatIsABZero()
    {
        var t = GradientTable.ParseAuthors("0,0,1,7.3\n1,0,0,60\n0,1,0,1000", b0Threshold: 100);
        Assert.Equal([0, 1], t.B0Indices);
        t = GradientTable.ParseAuthors("0,0,1,7.3\n1,0,0,60\n0,1,0,1000");
        Assert.Equal([0], t.B0Indices);
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
    public void ReadsFilesAndPairs()
    {
        string dir = Path.Combine(Path.GetTempPath(), "mrh-grad-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        try
        {
            File.WriteAllText(Path.Combine(dir, "g.txt"), "0, 0, 0, 5\n1, 0, 0, 700\n");
            File.WriteAllText(Path.Combine(dir, "b.bval"), "0 700");
            File.WriteAllText(Path.Combine(dir, "b.bvec"), "0 1\n0 0\n0 0");
            var a = GradientTable.Read(Path.Combine(dir, "g.txt"));
            var f = GradientTable.Read(Path.Combine(dir, "b.bval") + "," + Path.Combine(dir, "b.bvec"));
            Assert.Equal(2, a.Count);
            Assert.Equal([0.0, 700], f.BValues);
            Assert.Contains("gradient table not found", Assert.Throws<MrhException>(() => GradientTable.Read(Path.Combine(dir, "none.txt"))).Message);
        }
        finally { Directory.Delete(dir, true); }
    }

    [Theory]
    [InlineData("0,0,0,5\n1,0,0\n", "line 2: expected four numbers")]
    [InlineData("0,0,0,5\n1,0,x,1000\n", "line 2: expected four numbers")]
    [InlineData("0,0,0,5\n0,0,0,1000\n", "entry 2 has b = 1000 s/mm^2 but no gradient direction")]
    [InlineData("0,0,0,-5\n", "b-values must be finite and >= 0")]
    [InlineData("0,0,0,NaN\n", "b-values must be finite and >= 0")]
    [InlineData("# nothing\n\n", "no gradient lines")]
    public void BadAuthorsTablesAreOneLineErrorsNamingTheFile(string text, string message)
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
        Assert.Contains("expected numbers", Assert.Throws<MrhException>(() => GradientTable.ParseFsl("0 abc", "0 1\n0 0\n0 0")).Message);
    }

    [Fact]
    public void FromProtocolKeepsChannelIndices()
    {
        var (table, channels) = GradientTable.FromProtocol(Protocol.Default67());
        Assert.Equal(64, table.Count);
        Assert.Equal(Enumerable.Range(0, 64), channels);
        Assert.Equal(4, table.B0Indices.Length);
        var broken = new Protocol([new("b0", ChannelKind.B0, 0), new("d", ChannelKind.Dwi, 1000, null)]);
        Assert.Contains("'d' is diffusion-weighted (b = 1000) but has no gradient direction",
            Assert.Throws<MrhException>(() => GradientTable.FromProtocol(broken)).Message);
    }
}
