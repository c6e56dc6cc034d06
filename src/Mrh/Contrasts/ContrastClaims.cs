using Mrh.Experiments;

namespace Mrh.Contrasts;

/// <summary>
/// The paper's closing promise, judged on a <see cref="ContrastReport"/> by fixed rules: the candidate's added value
/// (R² gain significant: paired t-test p &lt; 0.05 over the repeats and a bootstrap interval above zero), its rank
/// among all inputs by the perturbation of Fig. 2 and by usefulness (reported), the pure-noise control's rank by
/// usefulness (it holds when the noise ranks last, the rule of issue 16's "a channel of pure noise ranks last among
/// inputs"; its perturbation rank is shown for reference, as that ranking measures sensitivity, and the inputs below it
/// are named), the same rule asked of whole acquisitions (each acquisition's images shuffled together: the experiment
/// that tests whether images ranked below the noise are only redundant), and the protocol for the budget (it holds when its R² is within 0.02 of the network
/// on every input, the generalisation of "38 of 67 images, 57% of the time, comparable quality").
/// </summary>
public static class ContrastClaims
{
    public const string Figure = "Contrast";
    /// <summary>How far below the R² of all inputs a budget protocol may be and still count as comparable.</summary>
    public const double ComparableRSquared = 0.02;

    public static ClaimTable Table(ContrastReport r)
    {
        ArgumentNullException.ThrowIfNull(r);
        var t = new ClaimTable(Figure);
        var v = r.AddedValue;
        string names = string.Join(" + ", v.Candidates);
        t.Add("added-value", $"{names} improves the {r.Stain} map (R² gain, {v.With.Count} paired units)",
            "a new contrast's value can be evaluated",
            $"{v.RSquared.Without:0.000} -> {v.RSquared.With:0.000} (gain {v.RSquared.Gain:+0.000;-0.000;0.000}, p {v.RSquared.PValue:0.000}, 95% CI {v.RSquared.Interval.Low:+0.000;-0.000;0.000}..{v.RSquared.Interval.High:+0.000;-0.000;0.000})",
            v.IsSignificant);
        foreach (var c in r.CandidateRanks)
            t.Add($"rank-{c.Name}", $"{c.Name}'s rank among the {r.Inputs.Count} inputs (noise perturbation)", "—",
                $"{c.Rank} of {r.Inputs.Count} ({c.Share:0.0%})", null);
        foreach (var u in r.CandidateUsefulness.Where(u => u.Name != CandidateContrasts.Noise))
            t.Add($"usefulness-{u.Name}", $"{u.Name}'s rank among the {r.Usefulness!.Count} inputs (usefulness: permutation importance on the held-out animals)", "—",
                $"{u.Rank} of {r.Usefulness.Count} (error +{u.RelativeIncrease:0.0%}); perturbation rank {r.Inputs.FirstOrDefault(i => i.Name == u.Name)?.Rank}", null);
        if (r.NoiseRanks is { } n)
        {
            t.Add("noise-last", $"the pure-noise control ranks last among the {n.Count} inputs by usefulness (permutation importance on the held-out animals)",
                "issue 16: a channel of pure noise ranks last among inputs (not a claim of the paper)",
                $"usefulness rank {n.Usefulness.Rank} of {n.Count} (error {n.Usefulness.ErrorIncrease:+0.0E+0;-0.0E+0;0}, {n.Usefulness.RelativeIncrease:+0.00%;-0.00%;0%}); perturbation rank {n.Perturbation.Rank} of {n.Count} ({n.Perturbation.Share:0.0%}, for reference)"
                + Below(n.Below),
                n.Usefulness.Rank == n.Count);
            if (n.AmongAcquisitions is { } a)
                t.Add("noise-last-acquisitions", $"the pure-noise control ranks last among the {n.Acquisitions!.Count} acquisitions by usefulness (each acquisition's images shuffled together)",
                    "issue 16's control asked of acquisitions: tests whether the images ranked below the noise are redundant with the rest of their acquisition",
                    $"rank {a.Rank} of {n.Acquisitions.Count} (error {a.RelativeIncrease:+0.00%;-0.00%;0%}); "
                    + string.Join(", ", n.Acquisitions.Where(x => x != a).OrderBy(x => x.Rank).Select(x => $"{x.Name} {x.RelativeIncrease:+0.0%;-0.0%;0%}")),
                    a.Rank == n.Acquisitions.Count);
        }
        var all = r.Curve[^1];
        if (r.AtBudget is { } b && b != all)
            t.Add("budget", $"the best inputs for {r.BudgetMinutes:0} min map {r.Stain} about as well as all {all.Count} inputs ({all.Minutes:0} min)",
                "top 38 of 67 images: 57% of the time, comparable",
                $"{b.Count} inputs, {b.Minutes / all.Minutes:0%} of the time: R² {b.RSquared:0.000} vs {all.RSquared:0.000}",
                b.RSquared >= all.RSquared - ComparableRSquared);
        return t;
    }

    /// <summary>The inputs ranked below the noise by usefulness, the first few named (empty when none).</summary>
    static string Below(IReadOnlyList<InputUsefulness>? below)
    {
        if (below is null || below.Count == 0) return "";
        const int shown = 6;
        return $"; below it: {string.Join(", ", below.Take(shown).Select(b => $"{b.Name} {b.RelativeIncrease:+0.00%;-0.00%;0%}"))}"
               + (below.Count > shown ? $" and {below.Count - shown} more" : "");
    }
}
