using Mrh.Phantom;

namespace Mrh.Contrasts;

/// <summary>
/// T2* map from a 3D multi-echo gradient echo (6 echoes, 3-18 ms, ~30 min; the same scan as QSM). Gradient echoes
/// add to R2 the dephasing R2' of mesoscopic field inhomogeneity, which grows with the magnitude of the
/// susceptibility of both myelin and iron: unlike χ, both shorten T2*. The map is a mono-exponential fit of the
/// noisy echoes, in ms.
/// </summary>
public sealed class EffectiveT2 : ContrastModel
{
    public override string Name => "T2star";
    public override string Title => "T2* map (multi-echo GRE)";
    public override string Physics =>
        "S(TE) = Σ PD e^(-TE (R2 + R2')), R2' ∝ |χ_myelin| myelin + |χ_iron| iron (both shorten T2*); log-linear fit.";
    public override double ScanMinutes => 30;
    public override string Unit => "ms";

    /// <summary>R2' per ppb of |χ| contributed by myelin or iron, 1/ms.</summary>
    public const double R2PrimePerPpb = 0.0006;
    public const double RepetitionTime = 100, FlipAngleSaturation = 0.5;
    /// <summary>SNR of the first echo in cortex.</summary>
    public const double Snr = 80;
    public static IReadOnlyList<double> EchoTimes { get; } = [3, 6, 9, 12, 15, 18];

    protected override double Voxel(VoxelTissue v, TissueParameters tp, Rng? noise)
    {
        double tissue = 1 - v.FluidWater;
        double r2Prime = R2PrimePerPpb * tissue * (Math.Abs(MagneticSusceptibility.ChiPerMyelin) * v.MyelinConcentration
                                                   + Math.Abs(MagneticSusceptibility.ChiPerIron) * v.IronConcentration);
        double sigma = Sigma(tp, Snr) * FlipAngleSaturation;
        var te = EchoTimes;
        var s = new double[te.Count];
        for (int k = 0; k < s.Length; k++)
            s[k] = FlipAngleSaturation * (v.TissueWater * Math.Exp(-te[k] * (v.R2 + r2Prime))
                                          + v.MyelinWater * Math.Exp(-te[k] * (1 / tp.MyelinWaterT2 + r2Prime))
                                          + v.FluidWater * Math.Exp(-te[k] / tp.CsfT2))
                   + (noise is null ? 0 : sigma * noise.NextGaussian());
        var (_, rate) = ExponentialFit.LogLinear(te, s);
        return rate > 0 ? Math.Min(1 / rate, 500) : 500;
    }
}
