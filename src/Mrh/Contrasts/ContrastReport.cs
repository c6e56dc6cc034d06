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
    NoiseControl? Noise = null)
{
    /// <summary>The candidates' entries of <see cref="Usefulness"/> (empty when it was not measured).</summary>
    public IReadOnlyList<InputUsefulness> CandidateUsefulness => Usefulness?.Where(i => i.IsCandidate).ToArray() ?? [];

    /// <summary>
    /// The pure-noise control's two ranks: <see cref="Noise"/> when given, else from <see cref="Inputs"/> and
    /// <see cref="Usefulness"/> when a candidate is the noise; null when neither.
    /// </summary>
    public NoiseControl? NoiseRanks => Noise ?? NoiseControl.From(Inputs, Usefulness);

    /// <summary>The candidates' entries of <see cref="Inputs"/>.</summary>
    public IReadOnlyList<InputContribution> CandidateRanks => Inputs.Where(i => i.IsCandidate).ToArray();
    /// <summary>The curve's point at the user's budget.</summary>
    public ProtocolPoint? AtBudget => Curve.FirstOrDefault(p => p.BudgetMinutes == BudgetMinutes);
}

/// <summary>
/// Where the pure-noise control (<see cref="CandidateContrasts.Noise"/>) ranks among <see cref="Count"/> inputs of one
/// network by the perturbation of Fig. 2 (sensitivity) and by permutation importance (usefulness).
/// </summary>
public sealed record NoiseControl(int Count, InputContribution Perturbation, InputUsefulness Usefulness)
{
    /// <summary>The noise's entries of the two rankings of one network; null when the noise is not an input of both.</summary>
    public static NoiseControl? From(IReadOnlyList<InputContribution>? perturbation, IReadOnlyList<InputUsefulness>? usefulness)
    {
        var p = perturbation?.FirstOrDefault(i => i.IsCandidate && i.Name == CandidateContrasts.Noise);
        var u = usefulness?.FirstOrDefault(i => i.IsCandidate && i.Name == CandidateContrasts.Noise);
        return p is null || u is null ? null : new NoiseControl(usefulness!.Count, p, u);
    }
}
