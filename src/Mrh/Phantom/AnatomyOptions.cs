namespace Mrh.Phantom;

/// <summary>
/// Genotype-dependent changes of the anatomy itself (not of tissue composition): the sas4-/-p53-/- cortex
/// is thinner and carries a band of heterotopic neurons beneath it.
/// </summary>
public sealed record AnatomyOptions
{
    /// <summary>Factor on cortical thickness (1 = normal).</summary>
    public double CortexThicknessScale { get; init; } = 1.0;
    /// <summary>Thickness of the subcortical heterotopia band at its centre, mm (0 = none).</summary>
    public double HeterotopiaThicknessMm { get; init; }

    public static AnatomyOptions Normal { get; } = new();
}
