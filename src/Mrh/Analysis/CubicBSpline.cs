namespace Mrh.Analysis;

/// <summary>The uniform cubic B-spline basis.</summary>
public static class CubicBSpline
{
    /// <summary>
    /// The four weights of the control points at knots i - 1, i, i + 1, i + 2 for a position i + t
    /// (0 &lt;= t &lt; 1): (1-t)^3/6, (3t^3 - 6t^2 + 4)/6, (-3t^3 + 3t^2 + 3t + 1)/6, t^3/6. They are
    /// non-negative and sum to 1.
    /// </summary>
    public static void Weights(double t, Span<double> weights)
    {
        if (weights.Length < 4) throw new ArgumentException("four weights needed");
        double t2 = t * t, t3 = t2 * t, s = 1 - t;
        weights[0] = s * s * s / 6;
        weights[1] = (3 * t3 - 6 * t2 + 4) / 6;
        weights[2] = (-3 * t3 + 3 * t2 + 3 * t + 1) / 6;
        weights[3] = t3 / 6;
    }
}
