using Mrh.Imaging;

namespace Mrh.Tests.Imaging;

public class SectionWindowTests
{
    // 6 x 5 section, mask set at (2,1), (3,1) and (3,2)
    static Section Mask()
    {
        var p = new float[30];
        p[1 * 6 + 2] = 1; p[1 * 6 + 3] = 1; p[2 * 6 + 3] = 1;
        return new Section(6, 5, p);
    }

    [Fact]
    public void TheWindowHoldsTheMaskAndItsMarginClippedToTheSection()
    {
        Assert.Equal(new SectionWindow(2, 1, 2, 2), SectionWindow.Around(Mask()));
        Assert.Equal(new SectionWindow(1, 0, 4, 4), SectionWindow.Around(Mask(), margin: 1));
        Assert.Equal(new SectionWindow(0, 0, 6, 5), SectionWindow.Around(Mask(), margin: 5));
        Assert.Null(SectionWindow.Around(new Section(3, 3, new float[9])));
        Assert.Throws<ArgumentOutOfRangeException>(() => SectionWindow.Around(Mask(), -1));
    }

    [Fact]
    public void CropCopiesTheWindowRowByRow()
    {
        var s = new Section(6, 5, Enumerable.Range(0, 30).Select(i => (float)i).ToArray());
        var c = s.Crop(new SectionWindow(2, 1, 2, 2));
        Assert.Equal(2, c.Width);
        Assert.Equal([8f, 9f, 14f, 15f], c.Pixels);
        Assert.Throws<ArgumentOutOfRangeException>(() => s.Crop(new SectionWindow(5, 0, 2, 1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => s.Crop(new SectionWindow(0, 0, 0, 1)));
    }
}
