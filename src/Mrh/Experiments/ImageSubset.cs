namespace Mrh.Experiments;

/// <summary>
/// The top-ranked MRI images that a Fig. 2 network is retrained on: <see cref="Channels"/> are protocol
/// indices in protocol order, <see cref="Share"/> their summed contribution (0..1) and
/// <see cref="ImagingFraction"/> the part of the protocol's scan time they need.
/// </summary>
public sealed record ImageSubset(string Label, int[] Channels, double Share, double ImagingFraction)
{
    public int Count => Channels.Length;
    public override string ToString() => $"{Label}: {Count} images, {Share:P0} of the contribution, {ImagingFraction:P0} of the imaging time";
}
