namespace Mrh.Experiments;

/// <summary>
/// The roles of animals in the study. They are the cohort names of the built-in phantom and the subject
/// groups of a dataset manifest (data/README.md), so a figure asks for a group by one name whatever the source.
/// </summary>
public static class StudyGroups
{
    /// <summary>MRI animals whose scans train the networks (the paper's n = 6).</summary>
    public const string MriTraining = "mri-train";
    /// <summary>Held-out MRI animals on which the networks are evaluated (n = 4).</summary>
    public const string MriTest = "mri-test";
    /// <summary>Animals with an auto-fluorescence image (the paper's 100 Allen animals).</summary>
    public const string AutoFluorescence = "af";
    /// <summary>One subject whose AF target is the reference average.</summary>
    public const string AfReference = "af-reference";
    /// <summary>Histology-only animals stained for neurofilament (target "NF").</summary>
    public const string Neurofilament = "nf";
    /// <summary>Histology-only animals stained for myelin basic protein (target "MBP").</summary>
    public const string MyelinBasicProtein = "mbp";
    /// <summary>Histology-only animals with Nissl (target "Nissl").</summary>
    public const string Nissl = "nissl";
    /// <summary>Shiverer mice (67-image MRI + MBP) and their littermate controls.</summary>
    public const string Shiverer = "shiverer", ShivererControls = "shiverer-control";
    /// <summary>sas4-/-p53-/- mice (PGSE + OGSE MRI + Nissl) and their littermate controls.</summary>
    public const string Sas4 = "sas4", Sas4Controls = "sas4-control";

    /// <summary>Every group, in the order the phantom lists its cohorts.</summary>
    public static readonly IReadOnlyList<string> All =
        [MriTraining, MriTest, Shiverer, ShivererControls, Sas4, Sas4Controls, AutoFluorescence, AfReference, Neurofilament, MyelinBasicProtein, Nissl];
}
