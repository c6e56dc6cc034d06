using Mrh.Analysis;

namespace Mrh.Contrasts;

/// <summary>A percentile bootstrap confidence interval of a mean.</summary>
public sealed record ConfidenceInterval(double Low, double High, double Level)
{
    public bool Excludes(double value) => value < Low || value > High;
}

/// <summary>
/// The seeded percentile bootstrap of the mean of a sample (e.g. paired per-animal differences): resample with
/// replacement <c>resamples</c> times, take the (1-level)/2 and (1+level)/2 quantiles of the resampled means.
/// Same seed, same interval.
/// </summary>
public static class BootstrapInterval
{
    public static ConfidenceInterval OfMean(IReadOnlyList<double> values, int resamples, int seed, double level = 0.95)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Count == 0) throw new MrhException("the bootstrap needs at least one value");
        if (resamples < 10) throw new MrhException($"the bootstrap needs at least 10 resamples (got {resamples})");
        if (!(level > 0 && level < 1)) throw new MrhException($"the confidence level must be between 0 and 1 (got {level})");
        var rng = new Random(seed);
        var means = new double[resamples];
        for (int r = 0; r < resamples; r++)
        {
            double sum = 0;
            for (int k = 0; k < values.Count; k++) sum += values[rng.Next(values.Count)];
            means[r] = sum / values.Count;
        }
        Array.Sort(means);
        return new ConfidenceInterval(Quantile(means, (1 - level) / 2), Quantile(means, (1 + level) / 2), level);
    }

    /// <summary>Linear-interpolation quantile of sorted values.</summary>
    static double Quantile(double[] sorted, double q)
    {
        double x = q * (sorted.Length - 1);
        int i = (int)Math.Floor(x);
        if (i >= sorted.Length - 1) return sorted[^1];
        return sorted[i] + (x - i) * (sorted[i + 1] - sorted[i]);
    }
}
