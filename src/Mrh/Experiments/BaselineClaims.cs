using System.Globalization;
using Mrh.Analysis;

namespace Mrh.Experiments;

/// <summary>The verdict on one network against one baseline: the mean difference (network - baseline), its paired t-test, and whether the network wins.</summary>
public sealed record BaselineVerdict(bool? Holds, double MeanDifference, double PValue, int Animals);

/// <summary>
/// "MRH beats the linear baseline": the first question a reviewer asks of a deep network, not a claim of the paper.
/// Our rule: the network's metric (AUC for MRH-AF, R² for MRH-NF / MRH-MBP) is higher on average over the held-out
/// animals and a paired two-sided t-test over those animals gives p &lt; <see cref="Alpha"/>. The polynomial and the
/// 1 x 1 network are shown with the same numbers, for reference.
/// </summary>
public static class BaselineClaims
{
    /// <summary>Significance level of the paired test (ours, the paper's usual 0.05).</summary>
    public const double Alpha = 0.05;

    /// <summary>The paper column of these rows.</summary>
    public const string NotInPaper = "— (not in the paper; our rule: higher mean, paired t-test p < 0.05)";

    /// <summary>
    /// The verdict on paired per-animal scores: null (not judged) with fewer than 2 animals or a value that is not a number;
    /// false when the network is not higher on average or p &gt;= <see cref="Alpha"/>; identical scores are "not better".
    /// </summary>
    public static BaselineVerdict Judge(IReadOnlyList<double> mrh, IReadOnlyList<double> baseline)
    {
        ArgumentNullException.ThrowIfNull(mrh);
        ArgumentNullException.ThrowIfNull(baseline);
        if (mrh.Count != baseline.Count) throw new ArgumentException($"paired scores need equal counts (got {mrh.Count} and {baseline.Count})");
        int n = mrh.Count;
        double diff = n == 0 ? double.NaN : mrh.Zip(baseline, (a, b) => a - b).Average();
        if (n < 2 || mrh.Concat(baseline).Any(v => !double.IsFinite(v))) return new BaselineVerdict(null, diff, double.NaN, n);
        if (mrh.Zip(baseline).All(p => p.First == p.Second)) return new BaselineVerdict(false, 0, 1, n);
        var t = TTest.Paired(mrh, baseline);
        return new BaselineVerdict(t.MeanDifference > 0 && t.PValue < Alpha, t.MeanDifference, t.PValue, n);
    }

    /// <summary>
    /// Adds one row per baseline (<see cref="BaselineModel.Names"/>) for <paramref name="network"/>: the linear one judged,
    /// the others for reference; a baseline without scores is "not measured".
    /// </summary>
    public static void AddRows(ClaimTable table, string network, string metric, IReadOnlyList<BaselineScore>? scores)
    {
        foreach (var name in BaselineModel.Names)
        {
            var s = scores?.FirstOrDefault(x => x.Network == network && x.Baseline == name);
            string id = $"baseline-{network.ToLowerInvariant()}-{name.Split(' ')[0]}";
            string statement = $"{network} beats the {name} baseline on the same patches ({metric}, paired t-test over the held-out animals)";
            bool judged = name == BaselineModel.Linear;
            if (s is null)
            {
                table.Add(id, statement, judged ? NotInPaper : "— (for reference)", "not measured", null);
                continue;
            }
            var v = Judge(s.Mrh, s.BaselineValues);
            string thisRun = string.Create(CultureInfo.InvariantCulture,
                $"{s.Mrh.Average():0.000} vs {s.BaselineValues.Average():0.000} (difference {v.MeanDifference:+0.000;-0.000;0.000}, p = {v.PValue:G2}, n = {v.Animals})");
            table.Add(id, statement, judged ? NotInPaper : "— (for reference)", thisRun, judged ? v.Holds : null);
        }
    }
}
