using Mrh.Data;

namespace Mrh.Mri;

/// <summary>
/// A single-shell sub-protocol of a diffusion series: the b0 images it uses and the diffusion-weighted
/// images of one b-value (and, for a <see cref="Protocol"/>, one OGSE frequency).
/// <see cref="Channels"/> are indices into the source (a protocol's channels or a gradient table's
/// entries), ascending; <see cref="Table"/> holds their b-values and directions in that order.
/// Made by <see cref="DiffusionShells"/>; fitted with <c>new TensorModel(shell)</c>.
/// </summary>
/// <param name="Name">File-name friendly label: "b2000", or "b700_ogse50" for an OGSE set.</param>
/// <param name="BValue">Mean b-value of the shell's diffusion-weighted images, s/mm^2.</param>
/// <param name="OgseFrequencyHz">0 for PGSE (and for gradient tables, which carry no frequency).</param>
/// <param name="Channels">Source indices of the shell's b0 and diffusion-weighted images, ascending.</param>
/// <param name="SourceChannelCount">Number of channels of the source; volumes fitted must have as many.</param>
/// <param name="Table">b-values and directions of <paramref name="Channels"/>.</param>
public sealed record DiffusionShell(
    string Name,
    double BValue,
    double OgseFrequencyHz,
    IReadOnlyList<int> Channels,
    int SourceChannelCount,
    GradientTable Table)
{
    /// <summary>Number of b0 images the shell uses.</summary>
    public int B0Count => Table.B0Indices.Length;
    /// <summary>Number of diffusion-weighted images of the shell.</summary>
    public int DwiCount => Table.DwiIndices.Length;
}
