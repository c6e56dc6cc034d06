namespace Mrh.Contrasts;

/// <summary>
/// Question 4, protocol design: the inputs chosen for one scan-time budget (best contribution per minute first),
/// their time and share of the contribution, and the retrained network's quality on the held-out animals.
/// </summary>
public sealed record ProtocolPoint(double BudgetMinutes, IReadOnlyList<string> Inputs, double Minutes, double Share,
    double Rmse, double Auc, double RSquared)
{
    public int Count => Inputs.Count;
}
