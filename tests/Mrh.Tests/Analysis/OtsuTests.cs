using Mrh.Analysis;

namespace Mrh.Tests.Analysis;

public class OtsuTests
{
    [Fact]
    public void MatchesScikitImage()
    {
        foreach (var c in Fixtures.Get("otsu").EnumerateArray())
            Assert.Equal(c.Number("threshold"), Otsu.Threshold(c.GetProperty("values").Floats()), 9);
    }

    [Fact]
    public void SplitsTwoClustersBetweenThem()
    {
        float[] v = [1, 1.1f, 0.9f, 1.05f, 9, 9.2f, 8.9f, 9.1f];
        double t = Otsu.Threshold(v);
        Assert.InRange(t, 1.1, 8.9);
    }

    [Fact]
    public void MaskRestrictsTheSampleAndConstantsReturnTheirValue()
    {
        float[] v = [0, 0, 0, 5, 5, 5];
        Assert.Equal(5, Otsu.Threshold(v, [false, false, false, true, true, true]));
        Assert.Throws<MrhException>(() => Otsu.Threshold(v, new bool[6]));
    }
}
