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
    IReadOnlyList<ProtocolPoint> Curve,
    IReadOnlyList<InputUsefulness>? Usefulness = null,
    NoiseControl? Noise = null,
    IReadOnlyList<InputUsefulness>? AcquisitionUsefulness = null)
{
    /// <summary>The candidates' entries of <see cref="Usefulness"/> (empty when it was not measured).</summary>
    public IReadOnlyList<InputUsefulness> CandidateUsefulness => Usefulness?.Where(i => i.IsCandidate).ToArray() ?? [];

    /// <summary>
    /// The pure-noise control's two ranks: <see cref="Noise"/> when given, else from <see cref="Inputs"/> and
    /// <see cref="Usefulness"/> (and <see cref="AcquisitionUsefulness"/>) when a candidate is the noise; null when neither.
    /// </summary>
    public NoiseControl? NoiseRanks => Noise ?? NoiseControl.From(Inputs, Usefulness, AcquisitionUsefulness);

    /// <summary>The candidates' entries of <see cref="Inputs"/>.</summary>
    public IReadOnlyList<InputContribution> CandidateRanks => Inputs.Where(i => i.IsCandidate).ToArray();
    /// <summary>The curve's point at the user's budget.</summary>
    public ProtocolPoint? AtBudget => Curve.FirstOrDefault(p => p.BudgetMinutes == BudgetMinutes);
}
