namespace Mrh.Analysis;

/// <summary>Count, mean and sample standard deviation (n - 1 denominator, as in the paper's bar graphs).</summary>
public sealed record SampleSummary(int Count, double Mean, double StandardDeviation)
{
    /// <summary>Standard error of the mean, SD / sqrt(n).</summary>
    public double StandardError => StandardDeviation / Math.Sqrt(Count);
}

/// <summary>Descriptive statistics of a sample.</summary>
public static class Descriptive
{
    public static double Mean(IReadOnlyList<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Count == 0) throw new ArgumentException("the mean of an empty sample is undefined");
        double s = 0;
        for (int i = 0; i < values.Count; i++) s += values[i];
        return s / values.Count;
    }

    /// <summary>Sample variance with the n - 1 denominator (two-pass); 0 for a single value.</summary>
    public static double Variance(IReadOnlyList<double> values)
    {
        double m = Mean(values);
        if (values.Count < 2) return 0;
        double s = 0;
        for (int i = 0; i < values.Count; i++) { double d = values[i] - m; s += d * d; }
        return s / (values.Count - 1);
    }

    /// <summary>Sample standard deviation (n - 1 denominator); 0 for a single value.</summary>
    public static double StandardDeviation(IReadOnlyList<double> values) => Math.Sqrt(Variance(values));

    public static SampleSummary Summarize(IReadOnlyList<double> values) =>
        new(values.Count, Mean(values), StandardDeviation(values));
}
