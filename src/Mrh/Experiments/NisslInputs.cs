using Mrh.Data;

namespace Mrh.Experiments;

/// <summary>
/// Fig. 4A/B: which images of the PGSE + OGSE protocol a MRH-Nissl network sees: the b0 images with the PGSE
/// images ("PGSE"), with the OGSE images of every frequency ("OGSE"), or everything ("PGSE + OGSE").
/// </summary>
public sealed record NisslInputs(string Id, string Label, int[] Channels)
{
    public const string Pgse = "pgse", Ogse = "ogse", Both = "both";

    /// <summary>The three input sets of the figure for a protocol (frequency 0 = PGSE); a clear error if one is empty.</summary>
    public static IReadOnlyList<NisslInputs> For(Protocol protocol)
    {
        var b0 = protocol.IndicesWhere(c => c.Kind == ChannelKind.B0);
        var pgse = protocol.IndicesWhere(c => c.Kind == ChannelKind.Dwi && c.OgseFrequencyHz == 0);
        var ogse = protocol.IndicesWhere(c => c.Kind == ChannelKind.Dwi && c.OgseFrequencyHz > 0);
        if (pgse.Length == 0 || ogse.Length == 0)
            throw new MrhException($"the Nissl figure needs PGSE and OGSE images (diffusion-weighted images with ogseFrequencyHz 0 and > 0); this protocol has {pgse.Length} and {ogse.Length}");
        return
        [
            new(Pgse, "PGSE", b0.Concat(pgse).Order().ToArray()),
            new(Ogse, "OGSE", b0.Concat(ogse).Order().ToArray()),
            new(Both, "PGSE + OGSE", Enumerable.Range(0, protocol.Count).ToArray()),
        ];
    }

    /// <summary>
    /// The acquisition set an image belongs to in Fig. 4E: "b0", "PGSE", or "OGSE 50 Hz" etc.; other images
    /// keep their protocol group (or kind).
    /// </summary>
    public static string SetOf(ProtocolChannel c) => c.Kind switch
    {
        ChannelKind.B0 => "b0",
        ChannelKind.Dwi when c.OgseFrequencyHz == 0 => "PGSE",
        ChannelKind.Dwi => $"OGSE {c.OgseFrequencyHz:0} Hz",
        _ => c.Group.Length > 0 ? c.Group : c.Kind.ToString(),
    };
}
