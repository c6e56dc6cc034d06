using Mrh.Data;
using Mrh.Imaging;
using Mrh.Mri;

namespace Mrh.Tests.Mri;

public class MagnetizationTransferTests
{
    [Theory]
    [InlineData(100, 60, 0.4)]             // grey-matter-like
    [InlineData(200, 90, 0.55)]            // white-matter-like
    [InlineData(50, 50, 0)]                // no saturation
    [InlineData(100, 150, -0.5)]           // Mt > M0 (noise): negative, not clipped
    [InlineData(100, -20, 1.2)]            // negative Mt (interpolation): above 1, not clipped
    [InlineData(0, 10, 0)]                 // M0 = 0
    [InlineData(-100, -60, 0)]             // negative M0
    [InlineData(double.NaN, 10, 0)]        // NaN M0
    [InlineData(100, double.NaN, 0)]       // NaN Mt
    [InlineData(double.PositiveInfinity, 1, 0)]
    [InlineData(100, double.NegativeInfinity, 0)]
    public void VoxelRule(double m0, double mt, double expected)
    {
        Assert.Equal(expected, MagnetizationTransfer.Ratio(m0, mt), 12);
    }

    [Fact]
    public void ArraysWithMaskAndClip()
    {
        float[] m0 = [100, 100, 0, float.NaN, 100, 100];
        float[] mt = [60, 150, 5, 1, -20, 30];
        float[] mask = [1, 1, 1, 1, 1, 0];
        Assert.Equal([0.4f, -0.5f, 0, 0, 1.2f, 0], MagnetizationTransfer.Ratio(m0, mt, mask));
        Assert.Equal([0.4f, 0, 0, 0, 1, 0.7f], MagnetizationTransfer.Ratio(m0, mt, null, 0, 1));
        Assert.Contains("voxels", Assert.Throws<MrhException>(() => MagnetizationTransfer.Ratio(m0, mt[..5])).Message);
        Assert.Contains("clip range", Assert.Throws<MrhException>(() => MagnetizationTransfer.Ratio(m0, mt, null, 1, 0)).Message);
    }

    [Fact]
    public void ProtocolVolumeUsesMtOffAsM0()
    {
        var p = Protocol.Default67();
        var v = Volume.Zeros(2, 1, 1, 67);
        v.Channels[65][0] = 30; v.Channels[66][0] = 100;   // MT-on, MT-off
        v.Channels[65][1] = 50; v.Channels[66][1] = 80;
        var mtr = MagnetizationTransfer.Ratio(v, p);
        Assert.Equal("MTR", mtr.ChannelNames[0]);
        Assert.Equal(0.7f, mtr.Channels[0][0], 6);
        Assert.Equal(0.375f, mtr.Channels[0][1], 6);
        var noMt = new Protocol(p.Channels.Take(64).ToArray());
        Assert.False(MagnetizationTransfer.CanCompute(noMt));
        Assert.Contains("exactly one MT-off and one MT-on", Assert.Throws<MrhException>(() => MagnetizationTransfer.Ratio(v.SelectChannels(Enumerable.Range(0, 64).ToArray()), noMt)).Message);
        Assert.Contains("mask is 3x1x1", Assert.Throws<MrhException>(() => MagnetizationTransfer.Ratio(v, p, Volume.Zeros(3, 1, 1))).Message);
    }
}
