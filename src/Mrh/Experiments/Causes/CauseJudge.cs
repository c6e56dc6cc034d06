using Mrh.Analysis;

namespace Mrh.Experiments.Causes;

/// <summary>
/// Judges a cause test: a claim that does not hold, re-measured after changing only the suspected cause. The claim is
/// re-judged by its own rule (never loosened); the movement is judged by a paired two-sided t-test over the same held-out
/// animals, before against after, at <see cref="Alpha"/> (our rule, the same level as <see cref="BaselineClaims"/>).
/// </summary>
public static class CauseJudge
{
    /// <summary>Significance level of the paired test of the movement (ours).</summary>
    public const double Alpha = 0.05;

    /// <summary>
    /// With the per-animal values moved in the direction that passes (<paramref name="higherPasses"/>) at p &lt; <see cref="Alpha"/>:
    /// Confirmed when the claim failed before and holds after, Contributes when it still fails. Without such a move:
    /// Inconclusive when the claim holds after anyway (it sat at its threshold), Rejected when it still fails. NotJudged when
    /// the claim held before, either verdict is unknown, fewer than 2 animals are paired, or a value is not finite.
    /// </summary>
    public static (CauseVerdict Verdict, double PValue) Judge(bool? holdsBefore, bool? holdsAfter,
        IReadOnlyList<double> before, IReadOnlyList<double> after, bool higherPasses)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        if (before.Count != after.Count)
            throw new ArgumentException($"a cause test pairs the same animals before and after (got {before.Count} and {after.Count} values)");
        bool paired = before.Count >= 2 && before.Concat(after).All(double.IsFinite);
        double p = double.NaN, moved = double.NaN;
        if (paired)
        {
            moved = after.Zip(before, (a, b) => a - b).Average();
            p = moved == 0 && after.SequenceEqual(before) ? 1 : TTest.Paired(after, before).PValue;
        }
        if (holdsBefore is not false || holdsAfter is null || !paired) return (CauseVerdict.NotJudged, p);
        bool significant = (higherPasses ? moved > 0 : moved < 0) && p < Alpha;
        if (holdsAfter == true) return (significant ? CauseVerdict.Confirmed : CauseVerdict.Inconclusive, p);
        return (significant ? CauseVerdict.Contributes : CauseVerdict.Rejected, p);
    }
}
