namespace Mrh.Phantom;

/// <summary>
/// How one mouse differs from the atlas after registration: a small smooth deformation, smooth random
/// fields on the microstructure (correlation length about <see cref="FieldCorrelationMm"/>), and global
/// per-animal shifts (fixation, age). SDs are of the log of a multiplicative factor unless stated.
/// </summary>
public sealed record VariationParameters
{
    /// <summary>RMS of each component of the residual deformation, mm; its correlation length, mm.</summary>
    public double DeformationMm { get; init; } = 0.04;
    public double DeformationCorrelationMm { get; init; } = 2.0;
    /// <summary>SD of the overall brain size factor left after affine registration.</summary>
    public double BrainScaleSd { get; init; } = 0.01;
    public double FieldCorrelationMm { get; init; } = 1.5;
    /// <summary>Smooth-field SDs (log factors) for axon density, myelin, cell density, iron, diffusivity, T2.</summary>
    public double AxonFieldSd { get; init; } = 0.06;
    public double MyelinFieldSd { get; init; } = 0.07;
    public double CellFieldSd { get; init; } = 0.05;
    public double IronFieldSd { get; init; } = 0.30;
    public double DiffusivityFieldSd { get; init; } = 0.03;
    public double T2FieldSd { get; init; } = 0.03;
    /// <summary>Global (whole-animal) SDs (log factors).</summary>
    public double AxonGlobalSd { get; init; } = 0.03;
    public double MyelinGlobalSd { get; init; } = 0.05;
    public double CellGlobalSd { get; init; } = 0.03;
    public double IronGlobalSd { get; init; } = 0.10;
    public double DiffusivityGlobalSd { get; init; } = 0.04;
    public double T2GlobalSd { get; init; } = 0.03;
    public double MtGlobalSd { get; init; } = 0.03;
}

/// <summary>How many animals each cohort of the study has (the paper's numbers by default).</summary>
public sealed record CohortSizes
{
    public int MriTraining { get; init; } = 6;
    public int MriTest { get; init; } = 4;
    public int Shiverer { get; init; } = 5;
    public int ShivererControls { get; init; } = 5;
    public int Sas4 { get; init; } = 4;
    public int Sas4Controls { get; init; } = 4;
    public int AutoFluorescence { get; init; } = 100;
    /// <summary>Animals averaged into the reference AF (the Allen template averages 1,675).</summary>
    public int AfReferenceAverage { get; init; } = 40;
}
