namespace Mrh.Phantom;

/// <summary>
/// The labelled structures of the digital mouse brain, like the fourteen major structures segmented in the
/// paper's atlas (label volumes store these integer values; 0 is outside the brain).
/// </summary>
public enum StructureLabel : byte
{
    Background = 0,
    /// <summary>Isocortex and other cortical areas (six layers, as a depth coordinate).</summary>
    Cortex = 1,
    /// <summary>Corpus callosum and external capsule (with the alveus-like subcortical sheet).</summary>
    CorpusCallosum = 2,
    AnteriorCommissure = 3,
    /// <summary>Internal capsule: its fascicles through the striatum, the capsule proper and the cerebral peduncle.</summary>
    InternalCapsule = 4,
    /// <summary>Striatum and the other cerebral nuclei (pallidum, septum).</summary>
    Striatum = 5,
    /// <summary>Hippocampal formation (Ammon's horn strata and dentate gyrus).</summary>
    Hippocampus = 6,
    Thalamus = 7,
    Hypothalamus = 8,
    /// <summary>Midbrain, including the superior and inferior colliculi.</summary>
    Midbrain = 9,
    /// <summary>Pons and medulla.</summary>
    Hindbrain = 10,
    /// <summary>Cerebellum: molecular and granular layers and white matter.</summary>
    Cerebellum = 11,
    OlfactoryBulb = 12,
    LateralVentricle = 13,
    ThirdVentricle = 14,
}

/// <summary>Display names of <see cref="StructureLabel"/> values.</summary>
public static class StructureNames
{
    /// <summary>All labelled structures (background excluded), in label order.</summary>
    public static IReadOnlyList<StructureLabel> All { get; } =
        Enum.GetValues<StructureLabel>().Where(l => l != StructureLabel.Background).ToArray();

    /// <summary>A readable name ("corpus callosum").</summary>
    public static string Name(this StructureLabel label) => label switch
    {
        StructureLabel.Background => "background",
        StructureLabel.Cortex => "cortex",
        StructureLabel.CorpusCallosum => "corpus callosum / external capsule",
        StructureLabel.AnteriorCommissure => "anterior commissure",
        StructureLabel.InternalCapsule => "internal capsule",
        StructureLabel.Striatum => "striatum",
        StructureLabel.Hippocampus => "hippocampus",
        StructureLabel.Thalamus => "thalamus",
        StructureLabel.Hypothalamus => "hypothalamus",
        StructureLabel.Midbrain => "midbrain",
        StructureLabel.Hindbrain => "hindbrain",
        StructureLabel.Cerebellum => "cerebellum",
        StructureLabel.OlfactoryBulb => "olfactory bulb",
        StructureLabel.LateralVentricle => "lateral ventricle",
        StructureLabel.ThirdVentricle => "third ventricle",
        _ => label.ToString(),
    };

    /// <summary>True for the fibre-tract labels (white matter).</summary>
    public static bool IsWhiteMatter(this StructureLabel label) =>
        label is StructureLabel.CorpusCallosum or StructureLabel.AnteriorCommissure or StructureLabel.InternalCapsule;

    /// <summary>True for the ventricles (CSF).</summary>
    public static bool IsVentricle(this StructureLabel label) =>
        label is StructureLabel.LateralVentricle or StructureLabel.ThirdVentricle;
}
