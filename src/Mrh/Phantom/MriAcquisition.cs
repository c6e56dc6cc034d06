namespace Mrh.Phantom;

/// <summary>
/// The ex vivo MRI acquisition of the paper (7 T, cryogenic coil, 0.1 mm isotropic): sequence timings,
/// noise and scanner gain. Times in ms; b-values come from the <see cref="Data.Protocol"/>.
/// </summary>
public sealed record MriAcquisition
{
    /// <summary>Diffusion (3D DW-GRASE): TE/TR 30/400 ms; pulsed gradients of duration δ and separation Δ.</summary>
    public double DwiEchoTime { get; init; } = 30;
    public double DwiRepetitionTime { get; init; } = 400;
    public double GradientDuration { get; init; } = 4;
    public double GradientSeparation { get; init; } = 12;
    /// <summary>T2-weighted RARE: TE/TR 50/3000 ms.</summary>
    public double T2wEchoTime { get; init; } = 50;
    public double T2wRepetitionTime { get; init; } = 3000;
    /// <summary>MT RARE: TE/TR 8/800 ms (M0 and Mt at -3 kHz).</summary>
    public double MtEchoTime { get; init; } = 8;
    public double MtRepetitionTime { get; init; } = 800;
    /// <summary>The true (acquired) resolution, mm; finer grids are blurred to it.</summary>
    public double AcquisitionResolution { get; init; } = 0.1;
    /// <summary>Point-spread FWHM in units of the acquired voxel (k-space truncation gives ~1.2).</summary>
    public double PsfFwhmVoxels { get; init; } = 1.2;
    /// <summary>SNR of a typical cortical voxel in a b0 image, the T2W image and the MT-off image (noise sigma = cortex signal / SNR).</summary>
    public double SnrB0 { get; init; } = 40;
    public double SnrT2w { get; init; } = 60;
    public double SnrMt { get; init; } = 60;
    /// <summary>Image units of a unit-gain, fully relaxed free-water voxel (so cortex b0 is a few hundred).</summary>
    public double ScannerScale { get; init; } = 3000;
    /// <summary>Standard deviation of the log of each image series' receiver gain between animals.</summary>
    public double GainLogSd { get; init; } = 0.08;
    /// <summary>Add Rician noise (false gives the noise-free signal, for tests and ground truth).</summary>
    public bool AddNoise { get; init; } = true;
}
