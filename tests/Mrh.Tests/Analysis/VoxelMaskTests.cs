using Mrh.Analysis;
using Mrh.Imaging;

namespace Mrh.Tests.Analysis;

public class VoxelMaskTests
{
    // a 3 x 2 x 4 grid; the mask holds (0,0,0), (2,1,0), (1,0,2), (1,1,2), (2,1,3)
    static (Volume Like, bool[] Mask) Grid()
    {
        var like = Volume.Zeros(3, 2, 4);
        var mask = new bool[like.VoxelCount];
        foreach (var (x, y, z) in new[] { (0, 0, 0), (2, 1, 0), (1, 0, 2), (1, 1, 2), (2, 1, 3) }) mask[like.Index(x, y, z)] = true;
        return (like, mask);
    }

    [Fact]
    public void CountAlongCountsTheVoxelsAtEachIndexOfAnAxis()
    {
        var (like, mask) = Grid();
        Assert.Equal([2, 0, 2, 1], VoxelMask.CountAlong(like, mask, 2)); // per z
        Assert.Equal([1, 2, 2], VoxelMask.CountAlong(like, mask, 0));    // per x
        Assert.Equal([2, 3], VoxelMask.CountAlong(like, mask, 1));       // per y
        Assert.Throws<ArgumentException>(() => VoxelMask.CountAlong(like, new bool[5], 0));
    }

    [Fact]
    public void KeepAlongKeepsTheVoxelsWhoseIndexPasses()
    {
        var (like, mask) = Grid();
        var even = VoxelMask.KeepAlong(like, mask, 2, z => z % 2 == 0);
        Assert.Equal(4, VoxelMask.Count(even));
        Assert.True(even[like.Index(1, 1, 2)]);
        Assert.False(even[like.Index(2, 1, 3)]);
        var left = VoxelMask.KeepAlong(like, mask, 0, x => x < 1);
        Assert.Equal([like.Index(0, 0, 0)], Enumerable.Range(0, left.Length).Where(i => left[i]));
    }
}
