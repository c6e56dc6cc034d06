namespace Mrh.Contrasts;

/// <summary>A candidate as the report lists it.</summary>
public sealed record CandidateInfo(string Name, string Description, double ScanMinutes);

/// <summary>Every answer of <see cref="ContrastExperiment.Run"/>: added value, where, rank, and the protocol for the budget.</summary>
public sealed record ContrastReport(
    string Data,
    string Stain,
    IReadOnlyList<CandidateInfo> Candidates,
    AddedValue AddedValue,
    IReadOnlyList<RegionGain> Regions,
    IReadOnlyList<InputContribution> Inputs,
    double BudgetMinutes,
    IReadOnlyList<ProtocolPoint> Curve)
{
    /// <summary>The candidates' entries of <see cref="Inputs"/>.</summary>
    public IReadOnlyList<InputContribution> CandidateRanks => Inputs.Where(i => i.IsCandidate).ToArray();
    /// <summary>The curve's point at the user's budget.</summary>
    public ProtocolPoint? AtBudget => Curve.FirstOrDefault(p => p.BudgetMinutes == BudgetMinutes);
}
