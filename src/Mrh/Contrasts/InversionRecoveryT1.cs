using Mrh.Phantom;

namespace Mrh.Contrasts;

/// <summary>
/// T1 map from inversion recovery. Each compartment's longitudinal magnetisation after a 180° pulse recovers as
/// M(TI) = M0 (1 - 2 e^(-TI/T1) + e^(-TR/T1)); myelin shortens tissue T1 (R1 rises with myelin and, less, with the
/// iron-like confounder), fixative in the ventricles has a long T1. Four inversion times (3D RARE, ~25 min each)
/// with Gaussian noise on the phase-sensitive signal; the map is the T1 of the best mono-exponential fit
/// (grid search over T1 with the amplitude by least squares), in ms.
/// </summary>
public sealed class InversionRecoveryT1 : ContrastModel
{
    public override string Name => "T1";
    public override string Title => "T1 map (inversion recovery, 4 TI)";
    public override string Physics =>
        "M(TI) = M0 (1 - 2 exp(-TI/T1) + exp(-TR/T1)) per compartment; myelin and iron shorten tissue T1; fit of a single T1.";
    public override double ScanMinutes => 100;
    public override string Unit => "ms";

    /// <summary>Inversion times, ms; repetition time and echo time, ms.</summary>
    public static IReadOnlyList<double> InversionTimes { get; } = [100, 400, 1000, 2500];
    public const double RepetitionTime = 6000, EchoTime = 8;
    /// <summary>SNR of a fully relaxed cortex voxel in one inversion image.</summary>
    public const double Snr = 60;

    /// <summary>The inversion-recovery signal of magnetisation <paramref name="m0"/> with relaxation time <paramref name="t1"/>.</summary>
    public static double Signal(double m0, double t1, double ti, double tr = RepetitionTime) =>
        m0 * (1 - 2 * Math.Exp(-ti / t1) + Math.Exp(-tr / t1));

    /// <summary>The T1 (ms, 50..5000) of the single-compartment curve that fits the signals best.</summary>
    public static double FitT1(IReadOnlyList<double> ti, IReadOnlyList<double> signal, double tr = RepetitionTime)
    {
        double best = double.PositiveInfinity, bestT1 = 0;
        Span<double> shape = stackalloc double[ti.Count];
        // coarse log grid, then a finer one around the best
        foreach (var (lo, hi, steps) in new[] { (50.0, 5000.0, 120), (0.0, 0.0, 60) })
        {
            double a = lo, b = hi;
            if (steps == 60) { a = bestT1 / 1.05; b = bestT1 * 1.05; }
            for (int s = 0; s <= steps; s++)
            {
                double t1 = a * Math.Pow(b / a, (double)s / steps);
                double num = 0, den = 0;
                for (int k = 0; k < ti.Count; k++) { shape[k] = Signal(1, t1, ti[k], tr); num += shape[k] * signal[k]; den += shape[k] * shape[k]; }
                double m0 = num / den, r = 0;
                for (int k = 0; k < ti.Count; k++) { double e = signal[k] - m0 * shape[k]; r += e * e; }
                if (r < best) { best = r; bestT1 = t1; }
            }
        }
        return bestT1;
    }

    protected override double Voxel(VoxelTissue v, TissueParameters tp, Rng? noise)
    {
        double sigma = Sigma(tp, Snr);
        var s = new double[InversionTimes.Count];
        double t1Tissue = 1 / v.R1;
        double tissue = v.TissueWater * Math.Exp(-EchoTime * v.R2) + v.MyelinWater * Math.Exp(-EchoTime / tp.MyelinWaterT2);
        double fluid = v.FluidWater * Math.Exp(-EchoTime / tp.CsfT2);
        for (int k = 0; k < s.Length; k++)
        {
            double ti = InversionTimes[k];
            s[k] = Signal(tissue, t1Tissue, ti) + Signal(fluid, tp.CsfT1, ti) + (noise is null ? 0 : sigma * noise.NextGaussian());
        }
        return FitT1(InversionTimes, s);
    }
}
