using Mrh.Imaging;

namespace Mrh.Contrasts;

/// <summary>Maps of different units side by side: each scaled to 0..1 between its 1st and 99th percentile in the brain.</summary>
public static class DisplayRange
{
    public static Volume Normalised(Volume v, bool[] brain)
    {
        var data = v.Channels[0];
        var inside = data.Where((_, i) => brain[i]).Order().ToArray();
        if (inside.Length == 0) return v;
        float lo = inside[(int)(0.01 * (inside.Length - 1))], hi = inside[(int)(0.99 * (inside.Length - 1))];
        float span = hi > lo ? hi - lo : 1;
        var scaled = new float[data.Length];
        for (int i = 0; i < data.Length; i++) scaled[i] = brain[i] ? Math.Clamp((data[i] - lo) / span, 0, 1) : 0;
        return Volume.FromArray(v, scaled, v.ChannelNames[0]);
    }
}
