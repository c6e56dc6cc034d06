using Mrh.Data;

namespace Mrh.Analysis;

/// <summary>A named subset of the patches (e.g. cortex, hippocampus): one flag per patch.</summary>
public sealed record PatchRegion(string Name, bool[] Members);

/// <summary>
/// Contributions of the input images in one region.
/// <see cref="Rmse"/>[c][r] is the RMSE of the output with channel c perturbed (repeat r) against the
/// noise-free output, over the region's patches. <see cref="Contributions"/>[c] =
/// mean_r Rmse[c][r] / sum_c' mean_r Rmse[c'][r] (they sum to 1); <see cref="StandardDeviations"/>[c] is
/// the standard deviation over repeats, divided by the same total.
/// </summary>
public sealed record RegionContributions(string Region, int Patches, double[][] Rmse, double[] Contributions, double[] StandardDeviations)
{
    /// <summary>Channels ranked by contribution, largest first.</summary>
    public int[] Ranking() => ContributionRanking.Ranking(Contributions);

    /// <summary>Cumulative contribution of the top 1, 2, ... channels.</summary>
    public double[] Cumulative() => ContributionRanking.Cumulative(Contributions);

    /// <summary>The number of top channels needed to reach each fraction (e.g. 0.28, 0.5, 0.75).</summary>
    public int[] ImagesToReach(params double[] fractions) => ContributionRanking.ImagesToReach(Contributions, fractions);

    /// <summary>Contributions summed by <see cref="ProtocolChannel.Group"/> (needs one protocol channel per input).</summary>
    public IReadOnlyDictionary<string, double> ByGroup(Protocol protocol)
    {
        ArgumentNullException.ThrowIfNull(protocol);
        return ContributionRanking.ByGroup(Contributions, protocol.Channels.Select(c => c.Group).ToArray());
    }

    /// <summary>Contributions summed by group names given per channel.</summary>
    public IReadOnlyDictionary<string, double> ByGroup(IReadOnlyList<string> groupOfChannel) =>
        ContributionRanking.ByGroup(Contributions, groupOfChannel);
}

/// <summary>Result of a contribution analysis: the whole patch set ("all") first, then each region given.</summary>
public sealed record ContributionResult(double[] NoiseSigma, IReadOnlyList<RegionContributions> Regions)
{
    /// <summary>The region with this name ("all" for every patch).</summary>
    public RegionContributions this[string region] =>
        Regions.FirstOrDefault(r => r.Region == region)
        ?? throw new KeyNotFoundException($"no region '{region}' (regions: {string.Join(", ", Regions.Select(r => r.Region))})");

    /// <summary>The whole patch set.</summary>
    public RegionContributions All => Regions[0];
}
