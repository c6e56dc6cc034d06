namespace Mrh.Phantom;

/// <summary>
/// Apparent diffusivity of water trapped in a sphere (a cell body) of radius R with intrinsic diffusivity D:
/// for pulsed gradients (Murday-Cotts, Gaussian phase approximation) and for cosine oscillating gradients
/// (the long-waveform limit of the velocity-autocorrelation spectrum). Units: µm, ms, µm²/ms; frequency in Hz.
/// Both sums use the roots mu_k of j1'(mu) = 0 (reflecting sphere).
/// </summary>
public static class RestrictedDiffusion
{
    /// <summary>The first 60 roots of the derivative of the spherical Bessel function j1.</summary>
    public static readonly double[] SphereRoots = ComputeRoots(60);

    /// <summary>PGSE: gradient pulses of duration <paramref name="delta"/> separated by <paramref name="separation"/> (ms).</summary>
    public static double SpherePgse(double radius, double diffusivity, double delta, double separation)
    {
        if (radius <= 0 || diffusivity <= 0) return 0;
        double sum = 0;
        foreach (double mu in SphereRoots)
        {
            double a2 = mu * mu / (radius * radius), ad = a2 * diffusivity;
            double bracket = 2 * delta / ad
                - (2 + Math.Exp(-ad * (separation - delta)) - 2 * Math.Exp(-ad * delta) - 2 * Math.Exp(-ad * separation) + Math.Exp(-ad * (separation + delta))) / (ad * ad);
            sum += bracket / (a2 * (mu * mu - 2));
        }
        return 2 * sum / (delta * delta * (separation - delta / 3));
    }

    /// <summary>Cosine OGSE at <paramref name="frequencyHz"/>: D(w) = sum_k B_k a_k D w^2 / ((a_k D)^2 + w^2), B_k = 2 / (mu_k^2 - 2), a_k = mu_k^2 / R^2.</summary>
    public static double SphereOgse(double radius, double diffusivity, double frequencyHz)
    {
        if (radius <= 0 || diffusivity <= 0) return 0;
        double w = 2 * Math.PI * frequencyHz / 1000; // rad/ms
        double sum = 0, weight = 0;
        foreach (double mu in SphereRoots)
        {
            double b = 2 / (mu * mu - 2), ad = mu * mu / (radius * radius) * diffusivity;
            sum += b * w * w / (ad * ad + w * w);
            weight += b;
        }
        // the omitted roots carry weight 1 - sum(B_k); at these frequencies they behave as free diffusion is
        // approached only for large k, where w << a_k D, so they contribute ~0
        _ = weight;
        return diffusivity * sum;
    }

    /// <summary>Apparent soma diffusivity for a protocol image: PGSE timing when the frequency is 0, cosine OGSE otherwise.</summary>
    public static double Soma(double radius, double diffusivity, double ogseFrequencyHz, double delta, double separation) =>
        ogseFrequencyHz > 0 ? SphereOgse(radius, diffusivity, ogseFrequencyHz) : SpherePgse(radius, diffusivity, delta, separation);

    static double[] ComputeRoots(int count)
    {
        var roots = new double[count];
        for (int k = 1; k <= count; k++)
        {
            double lo = (k - 0.5) * Math.PI + 1e-9, hi = k * Math.PI;
            double flo = J1Prime(lo);
            for (int it = 0; it < 200; it++)
            {
                double mid = 0.5 * (lo + hi), fm = J1Prime(mid);
                if (Math.Sign(fm) == Math.Sign(flo)) { lo = mid; flo = fm; } else hi = mid;
            }
            roots[k - 1] = 0.5 * (lo + hi);
        }
        return roots;
    }

    /// <summary>d/dx j1(x) = sin x / x + 2 cos x / x^2 - 2 sin x / x^3.</summary>
    static double J1Prime(double x) => Math.Sin(x) / x + 2 * Math.Cos(x) / (x * x) - 2 * Math.Sin(x) / (x * x * x);
}
