using Mrh.Imaging;

namespace Mrh.Patches;

/// <summary>
/// Plain random sampling: <see cref="Count"/> patch centres drawn uniformly without replacement among
/// the in-mask voxels of a band whose patch lies inside the section (seeded).
/// </summary>
public sealed record RandomSamplerOptions
{
    public int Count { get; init; } = 5000;
    public int PatchSize { get; init; } = 3;
    public AnatomicalPlane Plane { get; init; } = AnatomicalPlane.Coronal;
    /// <summary>True: every pixel of the patch must be in the mask; false (default): the centre only.</summary>
    public bool WholePatchInMask { get; init; }
    public SectionBand Band { get; init; } = SectionBand.All;
    public int Seed { get; init; }

    public void Validate()
    {
        if (PatchSize < 1 || PatchSize % 2 == 0) throw new MrhException($"patch size must be a positive odd number (got {PatchSize})");
        if (Count < 0) throw new MrhException($"patch count must not be negative (got {Count})");
    }
}
