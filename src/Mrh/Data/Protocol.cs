namespace Mrh.Data;

/// <summary>
/// The ordered MRI images that form a network's input channels. Channel i of an input volume is
/// <see cref="Channels"/>[i].
/// </summary>
public sealed record Protocol(IReadOnlyList<ProtocolChannel> Channels)
{
    public int Count => Channels.Count;
    public ProtocolChannel this[int index] => Channels[index];
    public string[] Names => Channels.Select(c => c.Name).ToArray();

    /// <summary>Indices of channels matching a predicate, in order.</summary>
    public int[] IndicesWhere(Func<ProtocolChannel, bool> predicate) =>
        Enumerable.Range(0, Count).Where(i => predicate(Channels[i])).ToArray();

    /// <summary>A protocol of the given channels, in the order given.</summary>
    public Protocol Select(IEnumerable<int> indices) => new(indices.Select(i => Channels[i]).ToArray());

    /// <summary>Total scan time of the channels, in minutes.</summary>
    public double AcquisitionMinutes(IEnumerable<int>? indices = null) =>
        (indices ?? Enumerable.Range(0, Count)).Sum(i => Channels[i].AcquisitionMinutes);

    /// <summary>
    /// Minutes per image in the default protocol. The paper gives TE/TR (DW-GRASE 30/400 ms, RARE T2
    /// 50/3000 ms, MT 8/800 ms), two averages and "approximately 12 hours" per specimen, not the time of
    /// each image. We assume equal k-space coverage per image, so time scales with TR: a DWI (or b0)
    /// costs 10 min, a T2W 30 min, each MT image 12 min; the 67 images then take 694 min (11.6 h).
    /// </summary>
    public const double DwiMinutes = 10, T2wMinutes = 30, MtMinutes = 12;

    /// <summary>
    /// The authors' 67-image protocol, in their channel order: 2 b0 + 30 directions at
    /// b = 2,000 s/mm^2, the same at b = 5,000 s/mm^2, then T2W, MT-on, MT-off (the order of the file
    /// name rigidaffine_lddm_t2MTONOFF; a manifest can say otherwise). Gradient directions are a
    /// deterministic hemisphere set unless <paramref name="directions"/> (30 unit vectors) is given.
    /// </summary>
    public static Protocol Default67(double[][]? directions = null)
    {
        directions ??= GradientDirections.Hemisphere(30);
        if (directions.Length != 30) throw new ArgumentException($"the default protocol has 30 directions per shell, got {directions.Length}");
        var list = new List<ProtocolChannel>(67);
        foreach (var (b, group) in new[] { (2000.0, "DWI-low"), (5000.0, "DWI-high") })
        {
            string shell = b == 2000 ? "b2000" : "b5000";
            // b0 images of each series carry a small residual b-value in the authors' tables; 0 here.
            for (int i = 0; i < 2; i++) list.Add(new($"{shell}_b0_{i + 1}", ChannelKind.B0, 0, null, 0, DwiMinutes, group));
            for (int i = 0; i < 30; i++) list.Add(new($"{shell}_dir{i + 1:00}", ChannelKind.Dwi, b, directions[i], 0, DwiMinutes, group));
        }
        list.Add(new("T2W", ChannelKind.T2W, AcquisitionMinutes: T2wMinutes, Group: "T2W"));
        list.Add(new("MT_on", ChannelKind.MtOn, AcquisitionMinutes: MtMinutes, Group: "MT"));
        list.Add(new("MT_off", ChannelKind.MtOff, AcquisitionMinutes: MtMinutes, Group: "MT"));
        return new Protocol(list);
    }

    /// <summary>
    /// The Nissl experiment's diffusion protocol, 42 images: 2 b0 and then 10 directions at
    /// b = 700 s/mm^2 for each of PGSE and OGSE at 50, 100 and 150 Hz (2 + 4 x 10). The paper gives the
    /// total (42), the frequencies and b ~ 700; the split into 2 b0 + 4 x 10 is our assumption.
    /// </summary>
    public static Protocol Ogse42(double bValue = 700)
    {
        var dirs = GradientDirections.Hemisphere(10);
        var list = new List<ProtocolChannel>(42);
        for (int i = 0; i < 2; i++) list.Add(new($"b0_{i + 1}", ChannelKind.B0, 0, null, 0, DwiMinutes, "b0"));
        foreach (double f in new[] { 0.0, 50, 100, 150 })
        {
            string set = f == 0 ? "PGSE" : $"OGSE{f:0}";
            for (int i = 0; i < 10; i++)
                list.Add(new($"{set}_dir{i + 1:00}", ChannelKind.Dwi, bValue, dirs[i], f, DwiMinutes, f == 0 ? "PGSE" : "OGSE"));
        }
        return new Protocol(list);
    }
}
