namespace Mrh.Contrasts;

/// <summary>
/// The protocol for a scan-time budget: inputs in decreasing contribution per minute, each taken when it still
/// fits in the budget (a greedy knapsack; the paper's Fig. 2 ranking, generalised from images to minutes).
/// </summary>
public static class ProtocolDesign
{
    /// <summary>Indices (into <paramref name="inputs"/>, ascending) of the inputs chosen for <paramref name="budgetMinutes"/>.</summary>
    public static int[] Choose(IReadOnlyList<InputContribution> inputs, double budgetMinutes)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        if (!(budgetMinutes > 0)) throw new MrhException($"the scan-time budget must be positive minutes (got {budgetMinutes})");
        var order = Enumerable.Range(0, inputs.Count)
            .OrderByDescending(i => inputs[i].SharePerMinute).ThenByDescending(i => inputs[i].Share).ThenBy(i => i);
        var chosen = new List<int>();
        double used = 0;
        foreach (int i in order)
        {
            if (used + inputs[i].Minutes > budgetMinutes + 1e-9) continue;
            chosen.Add(i);
            used += inputs[i].Minutes;
        }
        return chosen.Order().ToArray();
    }

    /// <summary>The budgets of the quality-vs-time curve: fractions of the whole time and the user's budget, ascending, distinct.</summary>
    public static double[] Budgets(double totalMinutes, IReadOnlyList<double> fractions, double? budget) =>
        fractions.Select(f => Math.Round(f * totalMinutes)).Concat(budget is { } b ? [b] : []).Where(b => b > 0 && b <= totalMinutes)
            .Distinct().Order().ToArray();
}
