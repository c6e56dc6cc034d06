using Mrh.Data;
using Mrh.Mri;

namespace Mrh.Tests.Mri;

public class DiffusionShellsTests
{
    [Fact]
    public void AuthorsProtocolGivesTwoShellsEachWithItsOwnBZeros()
    {
        var shells = DiffusionShells.Split(Protocol.Default67());
        Assert.Equal(["b2000", "b5000"], shells.Select(s => s.Name));
        Assert.Equal(Enumerable.Range(0, 32), shells[0].Channels);
        Assert.Equal(Enumerable.Range(32, 32), shells[1].Channels);
        Assert.All(shells, s => { Assert.Equal(2, s.B0Count); Assert.Equal(30, s.DwiCount); Assert.Equal(67, s.SourceChannelCount); });
        Assert.Equal(5000, shells[1].BValue);
        Assert.Equal(5000, shells[1].Table.BValue(2));
    }

    [Fact]
    public void OgseSetsAreSeparateShellsSharingTheBZeros()
    {
        var shells = DiffusionShells.Split(Protocol.Ogse42());
        Assert.Equal(["b700", "b700_ogse50", "b700_ogse100", "b700_ogse150"], shells.Select(s => s.Name));
        Assert.All(shells, s => Assert.Equal([0, 1], s.Channels.Take(2)));
        Assert.Equal(Enumerable.Range(12, 10), shells[1].Channels.Skip(2));
        Assert.Equal(50, shells[1].OgseFrequencyHz);
    }

    [Fact]
    public void GradientTableShellsShareAllBZerosAndClusterNearbyBValues()
    {
        // b0s at the start and in the middle; shell b-values jitter around 1000 and 3000
        var lines = new List<string> { "0,0,0,5" };
        var dirs = GradientDirections.Hemisphere(6);
        for (int i = 0; i < 6; i++) lines.Add($"{dirs[i][0]},{dirs[i][1]},{dirs[i][2]},{(i % 2 == 0 ? 995 : 1010)}");
        lines.Add("0,0,0,7.3");
        for (int i = 0; i < 6; i++) lines.Add($"{dirs[i][0]},{dirs[i][1]},{dirs[i][2]},{3000 + i}");
        var table = GradientTable.ParseAuthors(string.Join("\n", lines), "g.txt");
        var shells = DiffusionShells.Split(table);
        Assert.Equal(["b1000", "b3000"], shells.Select(s => s.Name));
        Assert.Equal([0, 1, 2, 3, 4, 5, 6, 7], shells[0].Channels);
        Assert.Equal([0, 7, 8, 9, 10, 11, 12, 13], shells[1].Channels);
        Assert.Equal(1002.5, shells[0].BValue, 9);
        Assert.Equal(14, shells[1].SourceChannelCount);
        Assert.Equal([0, 1], shells[1].Table.B0Indices);
    }

    [Fact]
    public void ToleranceSplitsOrMergesShells()
    {
        var table = new GradientTable([0, 1000, 1150, 1300], [null, [1.0, 0, 0], [0, 1.0, 0], [0, 0, 1.0]]);
        Assert.Single(DiffusionShells.Split(table, 200));
        var three = DiffusionShells.Split(table, 100);
        Assert.Equal(["b1000", "b1150", "b1300"], three.Select(s => s.Name));
        Assert.Contains("shell tolerance", Assert.Throws<MrhException>(() => DiffusionShells.Split(table, 0)).Message);
    }

    [Fact]
    public void NoDiffusionMeansNoShells()
    {
        var p = new Protocol([new("T2W", ChannelKind.T2W)]);
        Assert.Empty(DiffusionShells.Split(p));
    }
}
