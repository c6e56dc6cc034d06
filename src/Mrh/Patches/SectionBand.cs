namespace Mrh.Patches;

/// <summary>
/// An inclusive range of section indices (along the plane's normal axis) to sample from, such as the
/// forebrain band where the authors' MRI and histology were co-registered. Null bounds mean open.
/// </summary>
public sealed record SectionBand(int? First = null, int? Last = null)
{
    public static SectionBand All { get; } = new();

    /// <summary>The band clipped to 0..count-1 (may be empty: first &gt; last).</summary>
    public (int First, int Last) Resolve(int count) => (Math.Max(0, First ?? 0), Math.Min(count - 1, Last ?? count - 1));
}
