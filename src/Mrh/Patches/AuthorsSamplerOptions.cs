using Mrh.Imaging;

namespace Mrh.Patches;

/// <summary>A grid stride used in sections whose in-mask fraction is at least <see cref="MinTissueFraction"/>.</summary>
public sealed record StrideTier(double MinTissueFraction, int Stride);

/// <summary>
/// The authors' patch preparation, as described for their MATLAB code: patch centres on a grid in each
/// section of a band, with a stride that adapts to how much tissue the section holds (6-8 px in
/// tissue-rich sections, 20 otherwise); a patch is kept only when it lies in the mask, its target
/// patch is not (nearly) empty and at least 4 of its FA pixels are non-zero.
/// The tiers and the floor are our reading of "adaptive" and "a small floor" (the exact values of the
/// original are not published): a section holding >= 40% tissue gets stride 6, >= 30% stride 7,
/// >= 20% stride 8, else 20; a target patch is empty when its mean is below
/// <see cref="MinTargetMeanFraction"/> of the target's in-mask maximum.
/// </summary>
public sealed record AuthorsSamplerOptions
{
    public int PatchSize { get; init; } = 3;
    public AnatomicalPlane Plane { get; init; } = AnatomicalPlane.Coronal;
    /// <summary>Stride tiers, tried in order (first match wins).</summary>
    public IReadOnlyList<StrideTier> StrideTiers { get; init; } = [new(0.40, 6), new(0.30, 7), new(0.20, 8)];
    /// <summary>Stride in sections with little tissue.</summary>
    public int SparseStride { get; init; } = 20;
    /// <summary>Label floor: minimum target patch mean as a fraction of the target's in-mask maximum.</summary>
    public double MinTargetMeanFraction { get; init; } = 0.01;
    /// <summary>FA floor: minimum number of non-zero FA pixels in the patch (used when FA is given).</summary>
    public int MinNonzeroFa { get; init; } = 4;
    /// <summary>True: every pixel of the patch must be in the mask; false: the centre only.</summary>
    public bool WholePatchInMask { get; init; } = true;
    /// <summary>The sections to sample (e.g. the forebrain band).</summary>
    public SectionBand Band { get; init; } = SectionBand.All;

    /// <summary>
    /// The same physical grid on another voxel size: the authors' strides are pixels at 0.0625 mm, so
    /// at <paramref name="spacingMm"/> they become stride x 0.0625 / spacing (at least 1).
    /// </summary>
    public AuthorsSamplerOptions ScaledTo(double spacingMm)
    {
        if (!(spacingMm > 0)) throw new ArgumentOutOfRangeException(nameof(spacingMm));
        int Scale(int s) => Math.Max(1, (int)Math.Round(s * 0.0625 / spacingMm));
        return this with
        {
            StrideTiers = StrideTiers.Select(t => t with { Stride = Scale(t.Stride) }).ToArray(),
            SparseStride = Scale(SparseStride),
        };
    }

    public void Validate()
    {
        if (PatchSize < 1 || PatchSize % 2 == 0) throw new MrhException($"patch size must be a positive odd number (got {PatchSize})");
        if (SparseStride < 1 || StrideTiers.Any(t => t.Stride < 1)) throw new MrhException("patch grid strides must be at least 1");
        if (MinNonzeroFa < 0 || MinNonzeroFa > PatchSize * PatchSize) throw new MrhException($"FA floor {MinNonzeroFa} outside 0..{PatchSize * PatchSize}");
    }
}
