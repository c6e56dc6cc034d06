using Mrh.Analysis;

namespace Mrh.Contrasts;

/// <summary>
/// Question 1, does the candidate add anything: the same network (same seed, animals and patch positions) trained
/// without and with the candidate channel(s), scored on the held-out animals. The paired units are the training
/// repeats (each a pair of networks sharing seed and patches, scored as the mean over the held-out animals): two
/// networks differ by more than their inputs (their initial weights and the order of the batches follow the input
/// count), and that spread, not the animals', is what a gain must beat. With one repeat the units are the animals
/// (optimistic: one network's luck counts for every animal).
/// </summary>
public sealed record AddedValue(IReadOnlyList<string> Candidates, string Stain, IReadOnlyList<HeldOutScore> Without, IReadOnlyList<HeldOutScore> With,
    MetricGain Rmse, MetricGain Auc, MetricGain RSquared)
{
    /// <summary>
    /// The verdict, on R² (the voxel-wise fit, blind to the map's overall intensity scale): at the smoke sizes any added
    /// input shifted the RMSE of MBP by 0.004-0.017 whatever it carried (pure noise and the myelin water fraction alike),
    /// a calibration change of short trainings, while R² moved only with information (docs/contrasts.md).
    /// </summary>
    public bool IsSignificant => RSquared.IsSignificant && RSquared.Gain > 0;

    /// <summary>
    /// The comparison of paired scores (same units in the same order): for each metric the gain per
    /// unit, the paired t-test (<see cref="TTest.Paired"/>; p = 1 when every difference is zero) and the seeded
    /// bootstrap interval of the mean gain.
    /// </summary>
    public static AddedValue Compare(IReadOnlyList<string> candidates, string stain, IReadOnlyList<HeldOutScore> without, IReadOnlyList<HeldOutScore> with,
        int resamples = 2000, int seed = 1)
    {
        if (without.Count != with.Count || without.Count < 2)
            throw new MrhException($"the comparison needs the same units (repeats or animals), at least two, with and without the candidate (got {without.Count} and {with.Count})");
        for (int i = 0; i < with.Count; i++)
            if (without[i].Unit != with[i].Unit) throw new MrhException($"unit {i} is '{without[i].Unit}' without the candidate and '{with[i].Unit}' with it");
        MetricGain Gain(string metric, Func<HeldOutScore, double> value, bool lowerIsBetter, int k)
        {
            var a = with.Select(value).ToArray();
            var b = without.Select(value).ToArray();
            var gains = a.Zip(b, (x, y) => lowerIsBetter ? y - x : x - y).ToArray();
            double p = gains.All(g => g == 0) ? 1 : TTest.Paired(a, b).PValue;
            return new MetricGain(metric, b.Average(), a.Average(), gains.Average(), p, BootstrapInterval.OfMean(gains, resamples, Seeds.Int(seed, "bootstrap", k)));
        }
        return new AddedValue(candidates, stain, without, with,
            Gain("RMSE", s => s.Rmse, true, 1), Gain("AUC", s => s.Auc, false, 2), Gain("R²", s => s.RSquared, false, 3));
    }
}
