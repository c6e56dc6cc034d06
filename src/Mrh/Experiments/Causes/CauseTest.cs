namespace Mrh.Experiments.Causes;

/// <summary>
/// One row of the tested causes (issue 18): a claim that does not hold, the cause suspected, the one change that tests
/// it, the claim's metric per held-out animal before and after (same animals, same order), the claim's verdict by its
/// own rule before and after, and what that says about the cause (<see cref="CauseJudge"/>).
/// </summary>
public sealed record CauseTest(string Figure, string Claim, string Cause, string Change, string Metric,
    IReadOnlyList<string> Animals, IReadOnlyList<double> Before, IReadOnlyList<double> After,
    bool? HoldsBefore, bool? HoldsAfter, double PValue, CauseVerdict Verdict)
{
    public double BeforeMean => Before.Count == 0 ? double.NaN : Before.Average();
    public double AfterMean => After.Count == 0 ? double.NaN : After.Average();

    /// <summary>A row with its verdict: <paramref name="higherPasses"/> says which way the metric must move for the claim.</summary>
    public static CauseTest Of(string figure, string claim, string cause, string change, string metric, IReadOnlyList<string> animals,
        IReadOnlyList<double> before, IReadOnlyList<double> after, bool? holdsBefore, bool? holdsAfter, bool higherPasses)
    {
        if (animals.Count != before.Count)
            throw new ArgumentException($"{animals.Count} animals for {before.Count} values");
        var (verdict, p) = CauseJudge.Judge(holdsBefore, holdsAfter, before, after, higherPasses);
        return new CauseTest(figure, claim, cause, change, metric, animals, before, after, holdsBefore, holdsAfter, p, verdict);
    }
}
