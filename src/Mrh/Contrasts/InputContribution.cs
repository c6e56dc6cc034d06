namespace Mrh.Contrasts;

/// <summary>
/// Question 3, the candidate's rank: one input of the network with the candidate, its share of the noise-perturbation
/// contribution (Fig. 2's analysis; all inputs sum to one), its rank (1 = largest), scan time and share per minute.
/// </summary>
public sealed record InputContribution(string Name, bool IsCandidate, double Share, int Rank, double Minutes)
{
    public double SharePerMinute => Minutes > 0 ? Share / Minutes : double.PositiveInfinity;
}
