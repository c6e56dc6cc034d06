namespace Mrh.Contrasts;

/// <summary>Fits of relaxation curves shared by the candidate contrasts.</summary>
public static class ExponentialFit
{
    /// <summary>
    /// Mono-exponential S = A exp(-t R) through the points with t ≥ <paramref name="from"/>, by least squares on
    /// log S weighted by S² (the usual correction for the log transform); points with S ≤ 0 are skipped. Exact for
    /// noise-free mono-exponential data. Returns (A, R); (0, 0) when fewer than two points are usable.
    /// </summary>
    public static (double Amplitude, double Rate) LogLinear(IReadOnlyList<double> t, IReadOnlyList<double> s, double from = double.NegativeInfinity)
    {
        double sw = 0, sx = 0, sy = 0, sxx = 0, sxy = 0;
        int used = 0;
        for (int k = 0; k < t.Count; k++)
        {
            if (t[k] < from || !(s[k] > 0)) continue;
            double w = s[k] * s[k], y = Math.Log(s[k]);
            sw += w; sx += w * t[k]; sy += w * y; sxx += w * t[k] * t[k]; sxy += w * t[k] * y;
            used++;
        }
        double det = sw * sxx - sx * sx;
        if (used < 2 || !(Math.Abs(det) > 1e-300)) return (0, 0);
        double slope = (sw * sxy - sx * sy) / det, intercept = (sy - slope * sx) / sw;
        return (Math.Exp(intercept), -slope);
    }

    /// <summary>The amplitude A of S = A exp(-t / T2) with a known T2 through the given points (least squares).</summary>
    public static double AmplitudeAt(IReadOnlyList<double> t, IReadOnlyList<double> s, double t2, int count)
    {
        double num = 0, den = 0;
        for (int k = 0; k < Math.Min(count, t.Count); k++)
        {
            double e = Math.Exp(-t[k] / t2);
            num += s[k] * e; den += e * e;
        }
        return den > 0 ? num / den : 0;
    }
}
