namespace Mrh.Phantom;

/// <summary>
/// Physical parameters that turn microstructure (axon density, myelin, cells, CSF, the iron-like confounder;
/// all dimensionless 0..1 maps) into MRI properties of fixed tissue at room temperature, 7 T. Starting values
/// from ex vivo mouse MRI (see reference/tissue-parameters.md); each property says which quantity it stands for.
/// Diffusivities in µm²/ms (= 1e-3 mm²/s), times in ms, rates in 1/ms unless stated.
/// </summary>
public sealed record TissueParameters
{
    // ---- diffusion compartments ----
    /// <summary>Axial diffusivity inside axons (the "stick"), µm²/ms.</summary>
    public double IntraAxonalDiffusivity { get; init; } = 0.70;
    /// <summary>
    /// Radial diffusivity inside axons whose membrane is not wrapped by myelin (exchange, leak), µm²/ms; scaled by 1 -
    /// myelination. 0 (the default since generator phantom-3): axon membranes alone restrict radial diffusion, anisotropy
    /// does not need myelin (Beaulieu 2002), and the shiverer's corpus callosum gains about the published +13% radial
    /// diffusivity (Song et al. 2002; Nair et al. 2005). Phantom-2 used 0.10, which with <see cref="ExtraHindrancePerMyelin"/>
    /// made radial diffusion depend on myelin twice (shiverer +58-85%).
    /// </summary>
    public double UnmyelinatedAxonRadialDiffusivity { get; init; } = 0;
    /// <summary>Axial diffusivity of the extra-axonal (hindered) space, µm²/ms.</summary>
    public double ExtraAxonalDiffusivity { get; init; } = 0.68;
    /// <summary>Fraction by which cell membranes alone reduce the extra-axonal radial diffusivity, dimensionless.</summary>
    public double ExtraHindranceBase { get; init; } = 0.20;
    /// <summary>
    /// Additional reduction of the extra-axonal radial diffusivity per unit axon density (packed axon membranes),
    /// dimensionless. 0.63 since phantom-3: phantom-2's 0.25 per axon plus its 0.38 per myelin, so that control white
    /// matter, where myelin and axon densities are about equal, keeps its hindrance.
    /// </summary>
    public double ExtraHindrancePerAxon { get; init; } = 0.63;
    /// <summary>
    /// Additional reduction per unit myelin content (myelin sheaths making the packing tighter and less permeable),
    /// dimensionless. 0 since phantom-3 (see <see cref="UnmyelinatedAxonRadialDiffusivity"/>); phantom-2 used 0.38.
    /// </summary>
    public double ExtraHindrancePerMyelin { get; init; } = 0;
    /// <summary>
    /// Volume fraction of dendrites (and other unmyelinated neurites of the neuropil) in tissue without axon bundles, taken
    /// from the extra-axonal space and scaled by 1 - axon density (none in dense white matter): sticks (axial diffusivity
    /// <see cref="IntraAxonalDiffusivity"/>, no radial diffusion) with the voxel's fibre orientation distribution. Published
    /// neurite volume fractions of grey matter are about 0.3-0.5 (Jespersen et al. 2007; NODDI, Zhang et al. 2012); 0.4 since
    /// generator phantom-3 (cortex FA ~0.2, MD ~0.34 µm²/ms, kurtosis ~0.8, as published ex vivo). 0: no dendrite compartment,
    /// as in phantom-2 (cortex FA ~0.1 at the noise floor, MD ~0.45, the two shells nearly scaled copies).
    /// </summary>
    public double DendriteVolumeFraction { get; init; } = 0.4;
    /// <summary>
    /// Rise of the extra-cellular (hindered) diffusivity with OGSE frequency caused by the packing of cell bodies: short-range
    /// structural disorder makes D(ω) − D(0) grow as ω^½ (Novikov et al. 2014), here D_ex(f) = D_ex (1 + k c √(f / 100 Hz))
    /// with c the cell density and k this value (0 for PGSE). The restricted somata alone saturate by 50 Hz (radii 4-7 µm);
    /// published ex vivo mouse spectra keep rising from 50 to 150 Hz, by roughly 10-30% in the dense cell layers and
    /// little in white matter (Aggarwal et al. 2012). 0.4 since generator phantom-3; 0: no dispersion outside the somata, as in
    /// phantom-2 (cortex +3%, granule layers +8-12% from 50 to 150 Hz).
    /// </summary>
    public double ExtraCellularDispersionPerCell { get; init; } = 0.4;
    /// <summary>Intrinsic diffusivity inside cell bodies (the restricted "soma" compartment), µm²/ms.</summary>
    public double SomaDiffusivity { get; init; } = 0.8;
    /// <summary>Diffusivity of free water (ventricles, PBS) at about 20 °C, µm²/ms.</summary>
    public double FreeWaterDiffusivity { get; init; } = 2.0;

    // ---- volume fractions from the microstructure maps ----
    /// <summary>Intra-axonal volume fraction per unit axon density (dense white matter, axon 0.8, gives ~0.34).</summary>
    public double AxonVolumePerDensity { get; init; } = 0.42;
    /// <summary>Myelin volume fraction per unit myelin content (compact white matter ~0.26).</summary>
    public double MyelinVolumePerContent { get; init; } = 0.32;
    /// <summary>Cell-body volume fraction per unit cell density (granule layers, density 1, are ~45% somata).</summary>
    public double SomaVolumePerDensity { get; init; } = 0.45;
    /// <summary>Water content of each compartment (proton density relative to free water).</summary>
    public double AxonWater { get; init; } = 0.85;
    public double SomaWater { get; init; } = 0.80;
    public double ExtraWater { get; init; } = 0.95;
    public double MyelinWater { get; init; } = 0.40;

    // ---- relaxation ----
    /// <summary>T2 of tissue water with no myelin, iron or cells, ms.</summary>
    public double TissueT2 { get; init; } = 50;
    /// <summary>Added R2 per unit myelin, per unit iron-like confounder and per unit cell density, 1/ms.</summary>
    public double R2PerMyelin { get; init; } = 0.013;
    public double R2PerIron { get; init; } = 0.010;
    public double R2PerCell { get; init; } = 0.003;
    /// <summary>T2 of the water trapped between myelin lamellae, ms (nearly invisible at TE 30-50 ms).</summary>
    public double MyelinWaterT2 { get; init; } = 12;
    /// <summary>T2 and T1 of the fluid in the ventricles (fixative/PBS), ms.</summary>
    public double CsfT2 { get; init; } = 250;
    public double CsfT1 { get; init; } = 2500;
    /// <summary>T1 of tissue with no myelin or iron, ms; added R1 per unit myelin and iron, 1/ms.</summary>
    public double TissueT1 { get; init; } = 1150;
    public double R1PerMyelin { get; init; } = 0.00045;
    public double R1PerIron { get; init; } = 0.00015;

    // ---- magnetisation transfer ----
    /// <summary>Macromolecular (bound) pool size relative to free water with no myelin: proteins, membranes.</summary>
    public double BoundPoolBase { get; init; } = 0.055;
    /// <summary>Added bound pool per unit myelin, per unit iron-like confounder, per unit axon density.</summary>
    public double BoundPoolPerMyelin { get; init; } = 0.13;
    public double BoundPoolPerIron { get; init; } = 0.035;
    public double BoundPoolPerAxon { get; init; } = 0.02;
    /// <summary>
    /// Saturation rate of the bound pool by the off-resonance pulse times exchange, 1/s. The steady-state MT
    /// ratio is F W / (F W + R1) with F the bound pool and R1 in 1/s (grey matter ~0.4, white matter ~0.5).
    /// </summary>
    public double MtSaturationRate { get; init; } = 8.0;

    // Soma radii belong to the tissue classes of the anatomy (granule cells ~4 µm, most neurons 5-7 µm).
}
