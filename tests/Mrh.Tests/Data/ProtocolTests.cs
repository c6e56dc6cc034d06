using Mrh.Data;

namespace Mrh.Tests.Data;

public class ProtocolTests
{
    [Fact]
    public void Default67FollowsTheAuthorsChannelOrder()
    {
        var p = Protocol.Default67();
        Assert.Equal(67, p.Count);
        Assert.Equal(ChannelKind.B0, p[0].Kind);
        Assert.Equal(ChannelKind.B0, p[1].Kind);
        Assert.Equal(2000, p[2].BValue);
        Assert.Equal(ChannelKind.B0, p[32].Kind);
        Assert.Equal(5000, p[34].BValue);
        Assert.Equal([ChannelKind.T2W, ChannelKind.MtOn, ChannelKind.MtOff], new[] { p[64].Kind, p[65].Kind, p[66].Kind });
        Assert.Equal(60, p.IndicesWhere(c => c.Kind == ChannelKind.Dwi).Length);
        Assert.Equal(p.Count, p.Names.Distinct().Count());
    }

    [Fact]
    public void AcquisitionTimeAddsUp()
    {
        var p = Protocol.Default67();
        Assert.Equal(64 * 10 + 30 + 2 * 12, p.AcquisitionMinutes(), 9);
        Assert.Equal(30 + 12, p.AcquisitionMinutes([64, 65]), 9);
    }

    [Fact]
    public void Ogse42HasFourWaveformsOfTenDirections()
    {
        var p = Protocol.Ogse42();
        Assert.Equal(42, p.Count);
        foreach (double f in new[] { 0.0, 50, 100, 150 })
            Assert.Equal(10, p.IndicesWhere(c => c.Kind == ChannelKind.Dwi && c.OgseFrequencyHz == f).Length);
    }

    [Fact]
    public void HemisphereDirectionsAreUnitDistinctAndSpread()
    {
        var d = GradientDirections.Hemisphere(30);
        Assert.All(d, v => Assert.Equal(1, Math.Sqrt(v[0] * v[0] + v[1] * v[1] + v[2] * v[2]), 12));
        Assert.All(d, v => Assert.True(v[2] >= 0));
        // no two orientations closer than 20 degrees (an optimal 30-direction set reaches ~26)
        double minAngle = 180;
        for (int i = 0; i < d.Length; i++)
            for (int j = i + 1; j < d.Length; j++)
            {
                double dot = Math.Abs(d[i][0] * d[j][0] + d[i][1] * d[j][1] + d[i][2] * d[j][2]);
                minAngle = Math.Min(minAngle, Math.Acos(Math.Min(1, dot)) * 180 / Math.PI);
            }
        Assert.True(minAngle > 20, $"closest pair {minAngle:0.0} degrees apart");
    }
}
