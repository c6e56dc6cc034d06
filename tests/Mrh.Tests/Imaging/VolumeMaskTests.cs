using Mrh.Imaging;

namespace Mrh.Tests.Imaging;

public class VolumeMaskTests
{
    [Fact]
    public void ThresholdCountApply()
    {
        var v = new Volume(3, 2, 1, [[0, 1, 255, float.NaN, 0.5f, 0.6f], [1, 2, 3, 4, 5, 6]]);
        var m = VolumeMask.Threshold(v);
        Assert.Equal([false, true, true, false, false, true], m);
        Assert.Equal(3, VolumeMask.Count(m));
        var applied = VolumeMask.Apply(v, m);
        Assert.Equal([0f, 2, 3, 0, 0, 6], applied.Channels[1]);
        Assert.Equal([1f, 2, 3, 4, 5, 6], v.Channels[1]); // the input is untouched
        Assert.Equal([0f, 1, 1, 0, 0, 1], VolumeMask.ToVolume(m, v).Channels[0]);
        Assert.Equal([false, true, false, false, false, false], VolumeMask.And(m, VolumeMask.Between(v, 0.9, 200)));
        Assert.Equal([false, false, false, true, true, true], VolumeMask.Threshold(v, 3.5, channel: 1));
        Assert.Throws<ArgumentException>(() => VolumeMask.Apply(v, new bool[5]));
    }
}
