namespace Mrh.Phantom;

/// <summary>The mouse lines of the study.</summary>
public enum Genotype
{
    /// <summary>C57BL/6 (and littermate controls).</summary>
    WildType,
    /// <summary>rag2-/- shiverer: no compact myelin (MBP absent), axons kept.</summary>
    Shiverer,
    /// <summary>sas4-/-p53-/-: a band of densely packed undifferentiated neurons under a thinner cortex.</summary>
    Sas4P53,
}

/// <summary>
/// One animal of the study: its identity, random seed, genotype and age (days). The same spec always gives
/// the same mouse.
/// </summary>
public sealed record AnimalSpec(string Id, ulong Seed, Genotype Genotype = Genotype.WildType, int AgeDays = 60)
{
    /// <summary>Myelination relative to an adult (P60) mouse: about 0.87 at P28, 0.98 at P50.</summary>
    public double MyelinMaturity => Math.Min(1.0, (1 - 0.8 * Math.Exp(-AgeDays / 17.0)) / (1 - 0.8 * Math.Exp(-60 / 17.0)));

    /// <summary>Changes of the anatomy for this genotype.</summary>
    public AnatomyOptions Anatomy => Genotype == Genotype.Sas4P53
        ? new AnatomyOptions { CortexThicknessScale = 0.88, HeterotopiaThicknessMm = 0.38 }
        : AnatomyOptions.Normal;
}
