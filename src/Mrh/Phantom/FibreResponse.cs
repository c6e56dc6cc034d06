namespace Mrh.Phantom;

/// <summary>
/// Closed-form signals of axially symmetric compartments (sticks and zeppelins) whose axes follow a
/// Watson distribution around a mean direction: S(g) = exp(-b Dperp) * sum_l K_l(b (Dpar - Dperp)) <P_l>
/// P_l(g . mu), even l up to <see cref="MaxDegree"/>, where K_l are the Legendre coefficients of
/// exp(-beta t^2) and <P_l> the Watson moments (Funk-Hecke). Both factors come from precomputed tables, and
/// the series is turned into a polynomial in u = (g . mu)^2, so each gradient direction costs a few
/// multiply-adds and no exponential.
/// </summary>
public static class FibreResponse
{
    public const int MaxDegree = 16;
    public const int Terms = MaxDegree / 2 + 1; // even degrees 0, 2, ..., MaxDegree
    public const double MaxBeta = 14;
    const int BetaSteps = 2048, TauSteps = 1024;
    public const double MinTau = 1.0 / 3, MaxTau = 0.995;

    static readonly double[] KTable = BuildKernelTable();   // [step * Terms + j]
    static readonly double[] PTable = BuildWatsonTable();   // [step * Terms + j]
    /// <summary>Monomial coefficients: P_{2j}(t) = sum_i LegendreToU[j * Terms + i] u^i with u = t^2.</summary>
    static readonly double[] LegendreToU = BuildLegendreToU();

    /// <summary>Legendre coefficients K_l(beta) of exp(-beta t^2) on [-1, 1], for l = 0, 2, ..., MaxDegree.</summary>
    public static void Kernel(double beta, Span<double> k)
    {
        double x = Math.Clamp(beta, 0, MaxBeta) / MaxBeta * (BetaSteps - 1);
        int i = Math.Min((int)x, BetaSteps - 2);
        double f = x - i;
        for (int j = 0; j < Terms; j++) k[j] = KTable[i * Terms + j] * (1 - f) + KTable[(i + 1) * Terms + j] * f;
    }

    /// <summary>Watson moments <P_l(n . mu)> for the distribution whose mean squared cosine is <paramref name="tau"/>.</summary>
    public static void WatsonMoments(double tau, Span<double> p)
    {
        double x = (Math.Clamp(tau, MinTau, MaxTau) - MinTau) / (MaxTau - MinTau) * (TauSteps - 1);
        int i = Math.Min((int)x, TauSteps - 2);
        double f = x - i;
        for (int j = 0; j < Terms; j++) p[j] = PTable[i * Terms + j] * (1 - f) + PTable[(i + 1) * Terms + j] * f;
    }

    /// <summary>
    /// Adds weight * exp(-b Dperp) * sum_l K_l(b (Dpar - Dperp)) moments_l P_l(t) to the polynomial
    /// <paramref name="poly"/> (coefficients of u^0 .. u^(Terms-1)). b in ms/µm², diffusivities in µm²/ms.
    /// </summary>
    public static void AddCompartment(Span<double> poly, double weight, double b, double dPar, double dPerp, ReadOnlySpan<double> moments)
    {
        if (weight == 0) return;
        Span<double> k = stackalloc double[Terms];
        Kernel(b * Math.Max(dPar - dPerp, 0), k);
        double scale = weight * Math.Exp(-b * dPerp);
        for (int j = 0; j < Terms; j++)
        {
            double c = scale * k[j] * moments[j];
            if (c == 0) continue;
            for (int i = 0; i <= j; i++) poly[i] += c * LegendreToU[j * Terms + i];
        }
    }

    /// <summary>Evaluates the polynomial at u = t^2 (Horner).</summary>
    public static double Evaluate(ReadOnlySpan<double> poly, double u)
    {
        double s = poly[Terms - 1];
        for (int i = Terms - 2; i >= 0; i--) s = s * u + poly[i];
        return s;
    }

    /// <summary>Mean squared cosine of a Watson distribution with concentration kappa (the density is proportional to exp(kappa t^2)).</summary>
    public static double WatsonTau(double kappa) => WatsonTau(kappa, GaussLegendre(400));

    static double WatsonTau(double kappa, (double[] Nodes, double[] Weights) rule)
    {
        // integrate over t in [0, 1] (symmetric), weights exp(kappa (t^2 - 1)) to avoid overflow
        double num = 0, den = 0;
        for (int i = 0; i < rule.Nodes.Length; i++)
        {
            double t = 0.5 * (rule.Nodes[i] + 1), w = 0.5 * rule.Weights[i] * Math.Exp(kappa * (t * t - 1));
            num += w * t * t; den += w;
        }
        return num / den;
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    static double[] BuildKernelTable()
    {
        var (nodes, weights) = GaussLegendre(96);
        var table = new double[BetaSteps * Terms];
        Span<double> p = stackalloc double[MaxDegree + 1];
        for (int s = 0; s < BetaSteps; s++)
        {
            double beta = MaxBeta * s / (BetaSteps - 1);
            for (int q = 0; q < nodes.Length; q++)
            {
                double t = nodes[q], e = Math.Exp(-beta * t * t) * weights[q];
                Legendre(t, p);
                for (int j = 0; j < Terms; j++) table[s * Terms + j] += (4 * j + 1) / 2.0 * e * p[2 * j];
            }
        }
        return table;
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    static double[] BuildWatsonTable()
    {
        // moments on a dense grid of concentrations, then resampled on a regular grid of tau
        const int kappaSteps = 3000;
        var rule = GaussLegendre(400);
        var tauAt = new double[kappaSteps];
        var momentsAt = new double[kappaSteps * Terms];
        Span<double> p = stackalloc double[MaxDegree + 1];
        for (int s = 0; s < kappaSteps; s++)
        {
            double r = s / (double)(kappaSteps - 1), kappa = 2500 * r * r;
            double den = 0, tau = 0;
            for (int q = 0; q < rule.Nodes.Length; q++)
            {
                double t = 0.5 * (rule.Nodes[q] + 1), w = 0.5 * rule.Weights[q] * Math.Exp(kappa * (t * t - 1));
                Legendre(t, p);
                for (int j = 0; j < Terms; j++) momentsAt[s * Terms + j] += w * p[2 * j];
                tau += w * t * t;
                den += w;
            }
            tauAt[s] = tau / den;
            for (int j = 0; j < Terms; j++) momentsAt[s * Terms + j] /= den;
        }
        var table = new double[TauSteps * Terms];
        int k = 0;
        for (int s = 0; s < TauSteps; s++)
        {
            double tau = MinTau + (MaxTau - MinTau) * s / (TauSteps - 1);
            while (k < kappaSteps - 2 && tauAt[k + 1] < tau) k++;
            double f = Math.Clamp((tau - tauAt[k]) / (tauAt[k + 1] - tauAt[k]), 0, 1);
            for (int j = 0; j < Terms; j++)
                table[s * Terms + j] = momentsAt[k * Terms + j] * (1 - f) + momentsAt[(k + 1) * Terms + j] * f;
        }
        return table;
    }

    static double[] BuildLegendreToU()
    {
        // polynomial coefficients of P_n(t) in t by the three-term recurrence, then keep the even powers
        var coef = new double[MaxDegree + 1][];
        coef[0] = new double[MaxDegree + 1]; coef[0][0] = 1;
        coef[1] = new double[MaxDegree + 1]; coef[1][1] = 1;
        for (int n = 1; n < MaxDegree; n++)
        {
            var next = new double[MaxDegree + 1];
            for (int i = 0; i < MaxDegree; i++) next[i + 1] += (2 * n + 1) * coef[n][i] / (n + 1);
            for (int i = 0; i <= MaxDegree; i++) next[i] -= n * coef[n - 1][i] / (double)(n + 1);
            coef[n + 1] = next;
        }
        var table = new double[Terms * Terms];
        for (int j = 0; j < Terms; j++)
            for (int i = 0; i <= j; i++) table[j * Terms + i] = coef[2 * j][2 * i];
        return table;
    }

    /// <summary>P_0(t) .. P_n(t) into p (n = p.Length - 1).</summary>
    static void Legendre(double t, Span<double> p)
    {
        p[0] = 1;
        if (p.Length > 1) p[1] = t;
        for (int n = 1; n + 1 < p.Length; n++) p[n + 1] = ((2 * n + 1) * t * p[n] - n * p[n - 1]) / (n + 1);
    }

    /// <summary>Gauss-Legendre nodes and weights on [-1, 1] (Newton iteration on P_n).</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    internal static (double[] Nodes, double[] Weights) GaussLegendre(int n)
    {
        var x = new double[n];
        var w = new double[n];
        for (int i = 0; i < n; i++)
        {
            double z = Math.Cos(Math.PI * (i + 0.75) / (n + 0.5)), dp = 0;
            for (int it = 0; it < 100; it++)
            {
                double p0 = 1, p1 = z;
                for (int k = 1; k < n; k++) { double p2 = ((2 * k + 1) * z * p1 - k * p0) / (k + 1); p0 = p1; p1 = p2; }
                dp = n * (z * p1 - p0) / (z * z - 1);
                double dz = p1 / dp;
                z -= dz;
                if (Math.Abs(dz) < 1e-15) break;
            }
            x[i] = z;
            w[i] = 2 / ((1 - z * z) * dp * dp);
        }
        return (x, w);
    }
}
