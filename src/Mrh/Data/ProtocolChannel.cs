namespace Mrh.Data;

/// <summary>
/// One MRI image of a protocol. <see cref="BValue"/> in s/mm^2; <see cref="Direction"/> a unit gradient
/// vector (null for non-diffusion images); <see cref="OgseFrequencyHz"/> 0 for PGSE or non-diffusion
/// images; <see cref="AcquisitionMinutes"/> the scan time this image costs; <see cref="Group"/> the set
/// it belongs to in contribution analyses (e.g. "T2W", "MT", "DWI-low", "DWI-high", "PGSE", "OGSE").
/// </summary>
public sealed record ProtocolChannel(
    string Name,
    ChannelKind Kind,
    double BValue = 0,
    double[]? Direction = null,
    double OgseFrequencyHz = 0,
    double AcquisitionMinutes = 0,
    string Group = "")
{
    public bool IsDiffusion => Kind is ChannelKind.B0 or ChannelKind.Dwi;
}
