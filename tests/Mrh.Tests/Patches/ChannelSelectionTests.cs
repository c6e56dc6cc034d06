using Mrh.Data;
using Mrh.Patches;

namespace Mrh.Tests.Patches;

public class ChannelSelectionTests
{
    static readonly Protocol P = Protocol.Default67();

    [Fact]
    public void NamesRangesAndGroupsMixInProtocolOrder()
    {
        Assert.Equal([64, 65, 66], ChannelSelection.Parse("MT_off,T2W,mt_on", P.Names, P));
        Assert.Equal(Enumerable.Range(0, 32).Append(66), ChannelSelection.Parse("67, 1-32", P.Names, P));
        Assert.Equal(Enumerable.Range(32, 32).Concat([65, 66]), ChannelSelection.Parse("DWI-high,MT", P.Names, P));
        Assert.Equal([0, 1], ChannelSelection.Parse("1,1,b2000_b0_2", P.Names, P));
    }

    [Fact]
    public void UnknownChannelsAndBadRangesAreClearErrors()
    {
        Assert.Contains("unknown channel 'T1W'", Assert.Throws<MrhException>(() => ChannelSelection.Parse("T1W", P.Names, P)).Message);
        Assert.Contains("outside 1..67", Assert.Throws<MrhException>(() => ChannelSelection.Parse("60-70", P.Names, P)).Message);
        Assert.Throws<MrhException>(() => ChannelSelection.Parse("0", P.Names, P));
        Assert.Throws<MrhException>(() => ChannelSelection.Parse(" , ", P.Names, P));
    }
}
