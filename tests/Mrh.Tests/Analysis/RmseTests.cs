using Mrh.Analysis;

namespace Mrh.Tests.Analysis;

public class RmseTests
{
    [Fact]
    public void HandWorkedCase()
    {
        // differences 1, -2, 2, 0 -> mean square 9/4 -> 1.5
        Assert.Equal(1.5, Rmse.Compute([2, 0, 5, 7], [1, 2, 3, 7]), 12);
    }

    [Fact]
    public void MaskSelectsVoxels()
    {
        // inside: differences 3 and 4 -> sqrt(25 / 2)
        Assert.Equal(Math.Sqrt(12.5), Rmse.Compute([3, 100, 4], [0, 0, 0], [true, false, true]), 12);
    }

    [Fact]
    public void EmptyMaskAndLengthMismatchAreErrors()
    {
        Assert.Throws<MrhException>(() => Rmse.Compute([1, 2], [1, 2], [false, false]));
        Assert.Throws<ArgumentException>(() => Rmse.Compute([1, 2], [1]));
        Assert.Throws<ArgumentException>(() => Rmse.Compute([1, 2], [1, 2], [true]));
    }
}
