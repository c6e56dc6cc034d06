namespace Mrh.Experiments;

/// <summary>
/// One metric of an MRH network and of a baseline on the same held-out animals, in the same order (e.g. Fig. 1: MRH-AF
/// and the linear regression, AUC per test animal). What <see cref="BaselineClaims"/> judges.
/// </summary>
public sealed record BaselineScore(string Network, string Baseline, string Metric, IReadOnlyList<double> Mrh, IReadOnlyList<double> BaselineValues)
{
    /// <summary>The scores of one network and one baseline, paired by animal; an animal missing on either side is an error.</summary>
    public static BaselineScore Paired(string network, string baseline, string metric, IReadOnlyDictionary<string, double> mrh, IReadOnlyDictionary<string, double> other)
    {
        if (!mrh.Keys.Order().SequenceEqual(other.Keys.Order()))
            throw new MrhException($"{network} and the {baseline} baseline were evaluated on different animals");
        var animals = mrh.Keys.Order(StringComparer.Ordinal).ToArray();
        return new BaselineScore(network, baseline, metric, animals.Select(a => mrh[a]).ToArray(), animals.Select(a => other[a]).ToArray());
    }
}
