using MathNet.Numerics.Distributions;

namespace Mrh.Analysis;

/// <summary>Which t-test was run.</summary>
public enum TTestKind
{
    /// <summary>Unpaired, equal variances (Student; pooled variance, n1 + n2 - 2 degrees of freedom).</summary>
    Student,
    /// <summary>Unpaired, unequal variances (Welch; Welch-Satterthwaite degrees of freedom).</summary>
    Welch,
    /// <summary>Paired (one-sample t-test of the differences, n - 1 degrees of freedom).</summary>
    Paired,
}

/// <summary>
/// Result of a two-sided t-test of equal means. <see cref="MeanDifference"/> is mean(a) - mean(b)
/// (for a paired test the mean of a_i - b_i), <see cref="T"/> = MeanDifference / StandardError.
/// </summary>
public sealed record TTestResult(TTestKind Kind, double T, double DegreesOfFreedom, double PValue,
    double MeanDifference, double StandardError)
{
    /// <summary>p below alpha (0.05, the paper's threshold).</summary>
    public bool IsSignificant(double alpha = 0.05) => PValue < alpha;
}

/// <summary>
/// Student's and Welch's unpaired t-tests and the paired t-test, two-sided, with p-values from the
/// Student t distribution of MathNet.Numerics (regularised incomplete beta function). The paper used
/// the unpaired Student test (GraphPad Prism) with a 0.05 threshold.
/// </summary>
public static class TTest
{
    /// <summary>Unpaired t-test; Student's (pooled variance) unless <paramref name="equalVariance"/> is false (Welch).</summary>
    public static TTestResult Unpaired(IReadOnlyList<double> a, IReadOnlyList<double> b, bool equalVariance = true)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        int n1 = a.Count, n2 = b.Count;
        if (n1 < 2 || n2 < 2) throw new ArgumentException($"an unpaired t-test needs at least 2 values per group (got {n1} and {n2})");
        double m1 = Descriptive.Mean(a), m2 = Descriptive.Mean(b);
        double v1 = Descriptive.Variance(a), v2 = Descriptive.Variance(b);
        double se, df;
        if (equalVariance)
        {
            df = n1 + n2 - 2;
            double pooled = ((n1 - 1) * v1 + (n2 - 1) * v2) / df;
            se = Math.Sqrt(pooled * (1.0 / n1 + 1.0 / n2));
        }
        else
        {
            double q1 = v1 / n1, q2 = v2 / n2;
            se = Math.Sqrt(q1 + q2);
            df = (q1 + q2) * (q1 + q2) / (q1 * q1 / (n1 - 1) + q2 * q2 / (n2 - 1));
        }
        return Finish(equalVariance ? TTestKind.Student : TTestKind.Welch, m1 - m2, se, df);
    }

    /// <summary>Welch's unpaired t-test (unequal variances).</summary>
    public static TTestResult Welch(IReadOnlyList<double> a, IReadOnlyList<double> b) => Unpaired(a, b, equalVariance: false);

    /// <summary>Paired t-test of a_i against b_i.</summary>
    public static TTestResult Paired(IReadOnlyList<double> a, IReadOnlyList<double> b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (a.Count != b.Count) throw new ArgumentException($"a paired t-test needs equal-length samples (got {a.Count} and {b.Count})");
        if (a.Count < 2) throw new ArgumentException($"a paired t-test needs at least 2 pairs (got {a.Count})");
        var d = new double[a.Count];
        for (int i = 0; i < d.Length; i++) d[i] = a[i] - b[i];
        double m = Descriptive.Mean(d);
        double se = Descriptive.StandardDeviation(d) / Math.Sqrt(d.Length);
        return Finish(TTestKind.Paired, m, se, d.Length - 1);
    }

    static TTestResult Finish(TTestKind kind, double diff, double se, double df)
    {
        if (!(se > 0))
        {
            if (diff == 0) throw new ArgumentException("the t-test is undefined: both samples are constant and equal");
            return new TTestResult(kind, Math.CopySign(double.PositiveInfinity, diff), df, 0, diff, 0);
        }
        double t = diff / se;
        return new TTestResult(kind, t, df, TwoSidedP(t, df), diff, se);
    }

    /// <summary>P(|T| >= |t|) for T ~ Student t with <paramref name="degreesOfFreedom"/>.</summary>
    public static double TwoSidedP(double t, double degreesOfFreedom)
    {
        if (!(degreesOfFreedom > 0)) throw new ArgumentException($"degrees of freedom must be positive (got {degreesOfFreedom})");
        if (double.IsNaN(t)) return double.NaN;
        if (double.IsInfinity(t)) return 0;
        // the lower tail at -|t| is accurate far out, where 1 - CDF(|t|) would cancel
        return Math.Min(1, 2 * StudentT.CDF(0, 1, degreesOfFreedom, -Math.Abs(t)));
    }

    /// <summary>The two-sided critical value t* with P(|T| >= t*) = alpha.</summary>
    public static double CriticalValue(double degreesOfFreedom, double alpha = 0.05)
    {
        if (!(alpha > 0 && alpha < 1)) throw new ArgumentException($"alpha must be in (0, 1) (got {alpha})");
        return StudentT.InvCDF(0, 1, degreesOfFreedom, 1 - alpha / 2);
    }
}
