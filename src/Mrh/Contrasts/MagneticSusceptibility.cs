using Mrh.Phantom;

namespace Mrh.Contrasts;

/// <summary>
/// Quantitative susceptibility map (QSM) from a 3D multi-echo gradient echo (~30 min, the same scan as
/// <see cref="EffectiveT2"/>). Myelin lipids are diamagnetic (χ below the fluid reference), iron is paramagnetic
/// (above it): the two confounders of T2* have opposite signs here, which is what QSM adds. χ in ppb relative to the
/// ventricular fluid, with noise of the dipole inversion; fibre orientation (susceptibility anisotropy) is ignored.
/// </summary>
public sealed class MagneticSusceptibility : ContrastModel
{
    public override string Name => "QSM";
    public override string Title => "magnetic susceptibility (QSM, multi-echo GRE)";
    public override string Physics =>
        "χ = tissue fraction × (χ_myelin · myelin + χ_iron · iron), χ_myelin < 0 (diamagnetic lipids), χ_iron > 0 (paramagnetic); ppb vs fluid.";
    public override double ScanMinutes => 30;
    public override string Unit => "ppb";

    /// <summary>Susceptibility per unit myelin concentration (dense white matter ≈ -50 ppb) and per unit iron-like confounder, ppb.</summary>
    public const double ChiPerMyelin = -60, ChiPerIron = 90;
    /// <summary>Noise of the reconstructed map, ppb.</summary>
    public const double NoisePpb = 4;

    /// <summary>The susceptibility (ppb) of tissue filling <paramref name="tissueFraction"/> of a voxel.</summary>
    public static double Chi(double tissueFraction, double myelinConcentration, double ironConcentration) =>
        tissueFraction * (ChiPerMyelin * myelinConcentration + ChiPerIron * ironConcentration);

    protected override double Voxel(VoxelTissue v, TissueParameters tp, Rng? noise) =>
        Chi(1 - v.FluidWater, v.MyelinConcentration, v.IronConcentration) + (noise is null ? 0 : NoisePpb * noise.NextGaussian());
}
