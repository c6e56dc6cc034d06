using Mrh.Analysis;

namespace Mrh.Experiments;

/// <summary>
/// Fig. 4E: the share of a network's output change caused by one set of images (b0, PGSE, OGSE 50/100/150 Hz):
/// the sum of the set's channel contributions (<see cref="RegionContributions.ByGroup(IReadOnlyList{string})"/>)
/// and its standard deviation over the noise repeats (each repeat's summed RMSE over the same total).
/// </summary>
public sealed record SetContribution(string Set, int Images, double Share, double Sd)
{
    /// <summary>The sets in order of first appearance in <paramref name="setOfChannel"/>.</summary>
    public static IReadOnlyList<SetContribution> BySet(RegionContributions result, IReadOnlyList<string> setOfChannel)
    {
        if (setOfChannel.Count != result.Contributions.Length)
            throw new MrhException($"{setOfChannel.Count} set names for {result.Contributions.Length} channels");
        var shares = result.ByGroup(setOfChannel);
        double total = result.Rmse.Sum(r => r.Average());
        int repeats = result.Rmse[0].Length;
        return setOfChannel.Distinct().Select(set =>
        {
            var members = Enumerable.Range(0, setOfChannel.Count).Where(c => setOfChannel[c] == set).ToArray();
            var perRepeat = Enumerable.Range(0, repeats).Select(r => members.Sum(c => result.Rmse[c][r]) / total).ToArray();
            return new SetContribution(set, members.Length, shares[set], repeats > 1 ? Descriptive.StandardDeviation(perRepeat) : 0);
        }).ToArray();
    }
}
