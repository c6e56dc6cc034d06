namespace Mrh.Contrasts;

/// <summary>
/// One metric with and without the candidate over the held-out animals: the means, the gain (positive = the
/// candidate helps: lower RMSE, higher AUC or R²), the paired t-test's p of the per-animal differences and the
/// bootstrap interval of the mean gain.
/// </summary>
public sealed record MetricGain(string Metric, double Without, double With, double Gain, double PValue, ConfidenceInterval Interval)
{
    /// <summary>p below 0.05 and an interval that excludes zero.</summary>
    public bool IsSignificant => PValue < 0.05 && Interval.Excludes(0);
}
