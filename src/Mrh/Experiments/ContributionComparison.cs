using Mrh.Analysis;
using Mrh.Data;

namespace Mrh.Experiments;

/// <summary>One image group's contribution in two regions over animals, and the paired t-test between them.</summary>
public sealed record GroupContributionTest(string Group, string FirstRegion, string SecondRegion, double[] First, double[] Second, TTestResult Test);

/// <summary>
/// Fig. 3H: contributions of the image groups (<see cref="ProtocolChannel.Group"/>: T2W, MT, DWI-low,
/// DWI-high) of several animals, per region, and paired t-tests (over animals) of a group's contribution
/// in one region against another.
/// </summary>
public static class ContributionComparison
{
    /// <summary>The paper's order of the 67-image groups; other protocols keep their own order.</summary>
    public static readonly IReadOnlyList<string> PaperOrder = ["T2W", "MT", "DWI-low", "DWI-high"];

    /// <summary>The groups of a protocol, in the paper's order where they are the paper's.</summary>
    public static IReadOnlyList<string> Groups(Protocol protocol)
    {
        var groups = protocol.Channels.Select(c => c.Group).Distinct().ToList();
        return PaperOrder.Where(groups.Contains).Concat(groups.Where(g => !PaperOrder.Contains(g))).ToArray();
    }

    /// <summary>Each animal's contribution of <paramref name="group"/> in <paramref name="region"/> (fractions of 1).</summary>
    public static double[] Values(IReadOnlyList<ContributionResult> animals, Protocol protocol, string region, string group) =>
        animals.Select(a => a[region].ByGroup(protocol).TryGetValue(group, out var v) ? v : 0).ToArray();

    /// <summary>
    /// For every group, the paired t-test over animals of its contribution in <paramref name="first"/> against
    /// <paramref name="second"/> (p = 1 when the two regions' values are identical).
    /// </summary>
    public static IReadOnlyList<GroupContributionTest> Paired(IReadOnlyList<ContributionResult> animals, Protocol protocol, string first, string second)
    {
        if (animals.Count < 2) throw new MrhException($"a paired t-test of contributions needs at least 2 animals (got {animals.Count})");
        return Groups(protocol).Select(g =>
        {
            var a = Values(animals, protocol, first, g);
            var b = Values(animals, protocol, second, g);
            // identical values in both regions (e.g. a group the network ignores): no difference at all, p = 1
            var test = a.SequenceEqual(b) ? new TTestResult(TTestKind.Paired, 0, a.Length - 1, 1, 0, 0) : TTest.Paired(a, b);
            return new GroupContributionTest(g, first, second, a, b, test);
        }).ToArray();
    }
}
