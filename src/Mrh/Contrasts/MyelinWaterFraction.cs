using Mrh.Phantom;

namespace Mrh.Contrasts;

/// <summary>
/// Myelin water fraction from a multi-echo spin-echo train (3D, 24 echoes 6 ms apart, ~60 min). Water trapped
/// between myelin lamellae decays with T2 ≈ 12 ms, the rest of the tissue with 25-50 ms and fluid with ~250 ms, so the
/// echo train is a sum of exponentials. The map is estimated as labs do with a two-pool fit: the long component from
/// the late echoes (TE ≥ 60 ms, mono-exponential on the log), the short one (T2 fixed at the myelin-water value)
/// from what remains of the first three echoes; MWF = short / (short + long).
/// </summary>
public sealed class MyelinWaterFraction : ContrastModel
{
    public override string Name => "MWF";
    public override string Title => "myelin water fraction (multi-echo T2)";
    public override string Physics =>
        "S(TE) = Σ compartments PD e^(-TE/T2); myelin water has T2 ≈ 12 ms; two-pool fit: long pool from TE ≥ 60 ms, short pool from the first echoes.";
    public override double ScanMinutes => 60;
    public override string Unit => "fraction";

    public const int Echoes = 24;
    public const double EchoSpacing = 6, RepetitionTime = 2000, LateEchoes = 60;
    /// <summary>SNR of a fully relaxed cortex voxel in one echo image.</summary>
    public const double Snr = 150;

    /// <summary>The echo times, ms.</summary>
    public static IReadOnlyList<double> EchoTimes { get; } = Enumerable.Range(1, Echoes).Select(k => k * EchoSpacing).ToArray();

    /// <summary>The two-pool estimate (MWF, T2 of the long pool in ms) of an echo train with myelin water T2 <paramref name="myelinT2"/>.</summary>
    public static (double Fraction, double LongT2) Fit(IReadOnlyList<double> te, IReadOnlyList<double> s, double myelinT2)
    {
        var (aLong, rLong) = ExponentialFit.LogLinear(te, s, LateEchoes);
        if (!(aLong > 0) || !(rLong > 0)) return (0, 0);
        var residual = new double[te.Count];
        for (int k = 0; k < te.Count; k++) residual[k] = s[k] - aLong * Math.Exp(-te[k] * rLong);
        double aShort = Math.Max(ExponentialFit.AmplitudeAt(te, residual, myelinT2, 3), 0);
        return (aShort / (aShort + aLong), 1 / rLong);
    }

    protected override double Voxel(VoxelTissue v, TissueParameters tp, Rng? noise)
    {
        double sigma = Sigma(tp, Snr);
        var te = EchoTimes;
        var s = new double[te.Count];
        for (int k = 0; k < s.Length; k++)
            s[k] = v.SpinEcho(te[k], RepetitionTime, tp) + (noise is null ? 0 : sigma * noise.NextGaussian());
        return Math.Clamp(Fit(te, s, tp.MyelinWaterT2).Fraction, 0, 1);
    }
}
