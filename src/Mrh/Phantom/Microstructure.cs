using Mrh.Imaging;

namespace Mrh.Phantom;

/// <summary>
/// The ground truth of one animal on the phantom grid: per-voxel maps (x fastest), dimensionless 0..1
/// unless stated. These are what the MRI and histology forward models see; they are also exported for
/// analyses that need the truth (e.g. axon vs myelin specificity).
/// </summary>
public sealed class Microstructure
{
    public Microstructure(PhantomGrid grid, AnimalSpec animal)
    {
        Grid = grid; Animal = animal;
        int n = grid.VoxelCount;
        Inside = new float[n]; Axon = new float[n]; Myelin = new float[n]; Cell = new float[n]; Csf = new float[n];
        Iron = new float[n]; SomaRadius = new float[n]; FibreX = new float[n]; FibreY = new float[n]; FibreZ = new float[n];
        Tau = new float[n]; DiffusivityFactor = new float[n]; R2Factor = new float[n]; Labels = new byte[n];
    }

    public PhantomGrid Grid { get; }
    public AnimalSpec Animal { get; }
    /// <summary>Fraction of the voxel inside the brain (ventricles included).</summary>
    public float[] Inside { get; }
    /// <summary>Neurofilament-stainable axon (and dendrite) density; dense white matter ~0.8.</summary>
    public float[] Axon { get; }
    /// <summary>Compact myelin content; dense white matter ~0.8, shiverer ~0.05.</summary>
    public float[] Myelin { get; }
    /// <summary>Cell (soma) density; granule layers ~1, cortex ~0.3-0.5, white matter ~0.07.</summary>
    public float[] Cell { get; }
    /// <summary>Free fluid (ventricular CSF / PBS) volume fraction.</summary>
    public float[] Csf { get; }
    /// <summary>The T2/MT confounder that is neither axon nor myelin (iron-like).</summary>
    public float[] Iron { get; }
    /// <summary>Mean soma radius, µm.</summary>
    public float[] SomaRadius { get; }
    /// <summary>Principal fibre direction (unit vector in the atlas frame).</summary>
    public float[] FibreX { get; }
    public float[] FibreY { get; }
    public float[] FibreZ { get; }
    /// <summary>Fibre coherence: mean squared cosine to the principal direction (1/3 isotropic .. 1 parallel).</summary>
    public float[] Tau { get; }
    /// <summary>This animal's local factor on all tissue diffusivities (fixation, temperature), ~1.</summary>
    public float[] DiffusivityFactor { get; }
    /// <summary>This animal's local factor on tissue R2, ~1.</summary>
    public float[] R2Factor { get; }
    /// <summary>Structure label of each voxel (<see cref="StructureLabel"/> values).</summary>
    public byte[] Labels { get; }
    /// <summary>This animal's factor on the bound (macromolecular) pool.</summary>
    public double MtFactor { get; set; } = 1;

    /// <summary>Names of the maps in <see cref="ToVolume"/>.</summary>
    public static readonly string[] MapNames =
        ["inside", "axon", "myelin", "cell", "csf", "iron", "soma_radius_um", "fibre_x", "fibre_y", "fibre_z", "fibre_tau", "label"];

    /// <summary>All maps as one multi-channel volume (the label as a float channel).</summary>
    public Volume ToVolume() => Grid.CreateVolume(
        [Inside, Axon, Myelin, Cell, Csf, Iron, SomaRadius, FibreX, FibreY, FibreZ, Tau, LabelsAsFloat()], MapNames);

    /// <summary>The label map as floats.</summary>
    public float[] LabelsAsFloat()
    {
        var f = new float[Labels.Length];
        for (int i = 0; i < f.Length; i++) f[i] = Labels[i];
        return f;
    }

    /// <summary>The brain mask (1 where at least half the voxel is brain, ventricles included).</summary>
    public float[] Mask()
    {
        var m = new float[Inside.Length];
        for (int i = 0; i < m.Length; i++) m[i] = Inside[i] >= 0.5f ? 1 : 0;
        return m;
    }
}
