using Mrh.Imaging;

namespace Mrh.Tests.Imaging;

public class VolumeTests
{
    /// <summary>A 4x3x2 volume whose value encodes its coordinates: 100x + 10y + z.</summary>
    static Volume Coded()
    {
        var v = new float[4 * 3 * 2];
        for (int z = 0; z < 2; z++) for (int y = 0; y < 3; y++) for (int x = 0; x < 4; x++)
            v[(z * 3 + y) * 4 + x] = 100 * x + 10 * y + z;
        return new Volume(4, 3, 2, [v], [0.1, 0.2, 0.3]);
    }

    [Fact]
    public void IndexIsXFastest()
    {
        var v = Coded();
        Assert.Equal(321f, v[3, 2, 1]);
        Assert.Equal(v.Channels[0][1], v[1, 0, 0]);
        Assert.Equal(v.Channels[0][4], v[0, 1, 0]);
    }

    [Fact]
    public void CoronalSectionFixesAnteriorPosterior()
    {
        var s = Coded().Slice(AnatomicalPlane.Coronal, 1); // z = 1; columns x, rows y
        Assert.Equal((4, 3), (s.Width, s.Height));
        Assert.Equal(100 * 2 + 10 * 1 + 1, s[2, 1]);
    }

    [Fact]
    public void HorizontalAndSagittalSections()
    {
        var h = Coded().Slice(AnatomicalPlane.Horizontal, 2); // y = 2; columns x, rows z
        Assert.Equal((4, 2), (h.Width, h.Height));
        Assert.Equal(100 * 3 + 10 * 2 + 1, h[3, 1]);
        var s = Coded().Slice(AnatomicalPlane.Sagittal, 3); // x = 3; columns z, rows y
        Assert.Equal((2, 3), (s.Width, s.Height));
        Assert.Equal(300 + 10 * 2 + 1, s[1, 2]);
    }

    [Fact]
    public void ExplicitAxesChangeWhichArrayAxisIsCoronal()
    {
        var v = Coded().WithAxes(new AnatomicalAxes(LeftRight: 2, DorsalVentral: 1, AnteriorPosterior: 0));
        var s = v.Slice(AnatomicalPlane.Coronal, 3); // x = 3 fixed; columns z, rows y
        Assert.Equal((2, 3), (s.Width, s.Height));
        Assert.Equal(300 + 10 * 1 + 1, s[1, 1]);
    }

    [Fact]
    public void RejectsInconsistentData()
    {
        Assert.Throws<ArgumentException>(() => new Volume(2, 2, 2, [new float[7]]));
        Assert.Throws<ArgumentException>(() => new Volume(0, 2, 2, [new float[0]]));
        Assert.Throws<ArgumentException>(() => new Volume(2, 2, 2, [new float[8]], [1, 0, 1]));
        Assert.Throws<ArgumentException>(() => new AnatomicalAxes(0, 0, 1).Validate());
        Assert.Throws<KeyNotFoundException>(() => Coded().Channel("nope"));
    }

    [Fact]
    public void ConcatStacksChannelsInOrder()
    {
        var a = Coded();
        var b = a.WithChannels([a.Channels[0].Select(x => -x).ToArray()], ["neg"]);
        var c = Volume.Concat(a, b);
        Assert.Equal(2, c.ChannelCount);
        Assert.Equal(-321f, c[3, 2, 1, 1]);
        Assert.Equal(["value", "neg"], c.ChannelNames);
        Assert.Throws<ArgumentException>(() => Volume.Concat(a, Volume.Zeros(2, 2, 2)));
    }
}
