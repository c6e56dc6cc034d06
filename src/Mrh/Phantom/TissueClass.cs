namespace Mrh.Phantom;

/// <summary>
/// Microstructure of one kind of tissue, dimensionless 0..1 unless stated: axon density (neurofilament-
/// stainable axons and dendrites), myelin content, cell (soma) density, CSF fraction, iron-like confounder,
/// soma radius (µm) and fibre coherence Tau = mean squared cosine between fibres and their mean direction
/// (1/3 isotropic, 1 perfectly parallel).
/// </summary>
readonly record struct TissueClass(float Axon, float Myelin, float Cell, float Iron, float Tau,
    float SomaRadius = 5.5f, float Csf = 0)
{
    // Values are relative: dense white matter has axon ~0.8 and myelin ~0.8; granule layers have cell 1.
    // Axon and myelin deliberately differ: unmyelinated parallel fibres (cerebellar molecular layer), the
    // olfactory nerve layer, neurofilament-rich dendrites in cortex layer 5 and stratum radiatum; thick
    // myelin on few large axons in the pallidum and the hindbrain.
    public static readonly TissueClass CoreGrey = new(0.25f, 0.15f, 0.30f, 0.20f, 0.36f);
    public static readonly TissueClass WhiteMatter = new(0.80f, 0.80f, 0.07f, 0.25f, 0.90f);
    public static readonly TissueClass AnteriorCommissure = new(0.85f, 0.62f, 0.06f, 0.20f, 0.94f);
    public static readonly TissueClass CapsuleFascicle = new(0.75f, 0.82f, 0.06f, 0.25f, 0.90f);
    public static readonly TissueClass Peduncle = new(0.72f, 0.85f, 0.06f, 0.30f, 0.88f);
    public static readonly TissueClass Striatum = new(0.18f, 0.12f, 0.33f, 0.25f, 0.36f);
    public static readonly TissueClass Pallidum = new(0.40f, 0.58f, 0.12f, 0.85f, 0.45f, 7f);
    public static readonly TissueClass Septum = new(0.20f, 0.12f, 0.36f, 0.20f, 0.40f);
    public static readonly TissueClass Thalamus = new(0.42f, 0.38f, 0.30f, 0.45f, 0.42f);
    public static readonly TissueClass Hypothalamus = new(0.16f, 0.08f, 0.42f, 0.20f, 0.36f);
    public static readonly TissueClass Midbrain = new(0.38f, 0.36f, 0.26f, 0.40f, 0.48f, 6f);
    public static readonly TissueClass Colliculus = new(0.28f, 0.18f, 0.34f, 0.25f, 0.38f);
    public static readonly TissueClass SubstantiaNigra = new(0.25f, 0.20f, 0.30f, 1.00f, 0.38f, 7f);
    public static readonly TissueClass Hindbrain = new(0.48f, 0.62f, 0.20f, 0.35f, 0.55f, 7f);
    public static readonly TissueClass Ventricle = new(0f, 0f, 0f, 0f, 1f / 3, 5.5f, 1f);
    // hippocampus, from the alveus inwards
    public static readonly TissueClass Alveus = new(0.70f, 0.72f, 0.07f, 0.20f, 0.85f);
    public static readonly TissueClass Oriens = new(0.30f, 0.20f, 0.12f, 0.15f, 0.40f);
    public static readonly TissueClass Pyramidal = new(0.14f, 0.05f, 0.85f, 0.10f, 0.36f, 6f);
    public static readonly TissueClass Radiatum = new(0.36f, 0.10f, 0.06f, 0.10f, 0.55f);
    public static readonly TissueClass LacunosumMoleculare = new(0.30f, 0.34f, 0.05f, 0.15f, 0.50f);
    public static readonly TissueClass DentateMolecular = new(0.26f, 0.12f, 0.06f, 0.12f, 0.42f);
    public static readonly TissueClass Granule = new(0.10f, 0.03f, 1.00f, 0.10f, 0.34f, 3.5f);
    public static readonly TissueClass Hilus = new(0.30f, 0.18f, 0.30f, 0.15f, 0.36f);
    // cerebellum
    public static readonly TissueClass CerebellarMolecular = new(0.48f, 0.03f, 0.07f, 0.10f, 0.82f);
    public static readonly TissueClass CerebellarGranular = new(0.24f, 0.26f, 1.00f, 0.15f, 0.36f, 3.5f);
    public static readonly TissueClass CerebellarWhite = new(0.72f, 0.86f, 0.08f, 0.45f, 0.80f);
    // olfactory bulb, from the surface inwards
    public static readonly TissueClass OlfactoryNerve = new(0.62f, 0.02f, 0.10f, 0.05f, 0.70f);
    public static readonly TissueClass Glomerular = new(0.30f, 0.03f, 0.50f, 0.10f, 0.36f, 4f);
    public static readonly TissueClass ExternalPlexiform = new(0.18f, 0.05f, 0.12f, 0.10f, 0.40f);
    public static readonly TissueClass Mitral = new(0.20f, 0.06f, 0.55f, 0.10f, 0.36f, 7f);
    public static readonly TissueClass OlfactoryGranule = new(0.18f, 0.14f, 0.92f, 0.10f, 0.36f, 3.5f);
    public static readonly TissueClass OlfactoryCore = new(0.50f, 0.50f, 0.25f, 0.15f, 0.75f);
    // sas4-/-p53-/-: densely packed undifferentiated neurons under the cortex
    public static readonly TissueClass Heterotopia = new(0.14f, 0.04f, 0.88f, 0.10f, 0.35f, 4.5f);

    /// <summary>
    /// The six cortical layers as a continuous profile of normalised depth rho (0 = pia, 1 = white matter):
    /// L1 0-0.10, L2/3 0.10-0.38, L4 0.38-0.50, L5 0.50-0.72, L6 0.72-1. Transitions are blurred over
    /// <paramref name="blur"/> (in rho) so thin layers are partial-volumed like real voxels.
    /// </summary>
    public static TissueClass Cortex(float rho, float blur)
    {
        // layer boundaries and per-layer values
        ReadOnlySpan<float> edges = [0.10f, 0.38f, 0.50f, 0.72f];
        ReadOnlySpan<float> cell = [0.09f, 0.42f, 0.55f, 0.28f, 0.40f];
        ReadOnlySpan<float> axon = [0.26f, 0.22f, 0.26f, 0.38f, 0.40f];
        ReadOnlySpan<float> myelin = [0.07f, 0.07f, 0.12f, 0.18f, 0.28f];
        ReadOnlySpan<float> tau = [0.38f, 0.42f, 0.42f, 0.50f, 0.52f];
        ReadOnlySpan<float> soma = [5f, 5f, 4f, 7f, 5f];
        float c = cell[0], a = axon[0], m = myelin[0], t = tau[0], s = soma[0];
        float b = MathF.Max(blur, 0.02f);
        for (int i = 0; i < edges.Length; i++)
        {
            float w = Math.Clamp((rho - edges[i]) / b + 0.5f, 0f, 1f);
            c += w * (cell[i + 1] - cell[i]);
            a += w * (axon[i + 1] - axon[i]);
            m += w * (myelin[i + 1] - myelin[i]);
            t += w * (tau[i + 1] - tau[i]);
            s += w * (soma[i + 1] - soma[i]);
        }
        return new TissueClass(a, m, c, 0.12f, t, s);
    }
}
