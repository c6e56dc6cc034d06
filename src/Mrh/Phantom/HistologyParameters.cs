namespace Mrh.Phantom;

/// <summary>
/// How histology is imaged and brought into the MRI/atlas space: per-animal intensity, illumination shading,
/// section-to-section (coronal slab) variation, noise, artefacts and the residual misregistration.
/// Intensities are dimensionless (stain images are about 0..1).
/// </summary>
public sealed record HistologyParameters
{
    /// <summary>Target mean residual misregistration between MRI and histology, in voxels of the phantom grid (the paper: 1-2 pixels).</summary>
    public double MisregistrationMeanVoxels { get; init; } = 1.5;
    /// <summary>Range the misregistration's mean must stay within (checked by tests).</summary>
    public double MisregistrationMinVoxels { get; init; } = 1.0;
    public double MisregistrationMaxVoxels { get; init; } = 2.0;
    /// <summary>Spacing of the random displacement lattice, mm (the paper: 1 mm in the coronal plane).</summary>
    public double MisregistrationControlSpacingMm { get; init; } = 1.0;
    /// <summary>
    /// For cut sections (NF, MBP, Nissl): weight of a component that is independent from section to section
    /// (2D alignment of each section) next to the smooth 3D component (the final 3D registration).
    /// </summary>
    public double SectionJitterWeight { get; init; } = 0.4;
    /// <summary>Thickness of a coronal slab that shares one staining/imaging intensity, mm.</summary>
    public double SectionThicknessMm { get; init; } = 0.1;
    /// <summary>Section-to-section multiplicative gain SD and additive offset SD.</summary>
    public double SectionGainSd { get; init; } = 0.06;
    public double SectionOffsetSd { get; init; } = 0.015;
    /// <summary>Serial two-photon AF is imaged block-face: smaller slab-to-slab changes than cut sections.</summary>
    public double AfSectionGainSd { get; init; } = 0.025;
    /// <summary>SD of the log of each animal's overall intensity: AF (different imaging sessions) and stains.</summary>
    public double AfAnimalScaleLogSd { get; init; } = 0.18;
    public double StainAnimalScaleLogSd { get; init; } = 0.10;
    /// <summary>Amplitude (relative SD) and correlation length (mm) of slow illumination shading.</summary>
    public double ShadingSd { get; init; } = 0.06;
    public double ShadingCorrelationMm { get; init; } = 3.0;
    /// <summary>Pixel noise SD relative to the signal, plus a constant floor.</summary>
    public double NoiseRelativeSd { get; init; } = 0.04;
    public double NoiseFloorSd { get; init; } = 0.01;
    /// <summary>Bright lipofuscin-like spots in AF per mm³ of brain.</summary>
    public double AfSpotsPerCubicMm { get; init; } = 0.25;
    /// <summary>Tears (thin dark lines in a section) per mm of anterior-posterior extent, and dust/bubble blobs per mm³.</summary>
    public double TearsPerMm { get; init; } = 0.25;
    public double BlobsPerCubicMm { get; init; } = 0.03;
}
