namespace Mrh.Contrasts;

/// <summary>
/// Where the pure-noise control (<see cref="CandidateContrasts.Noise"/>) ranks among <see cref="Count"/> inputs of one
/// network by the perturbation of Fig. 2 (sensitivity) and by permutation importance (usefulness), which inputs rank
/// below it by usefulness (<see cref="Below"/>, most useful first), and, when measured, where it ranks among whole
/// acquisitions (<see cref="Acquisitions"/>: each acquisition's images shuffled together).
/// </summary>
public sealed record NoiseControl(int Count, InputContribution Perturbation, InputUsefulness Usefulness,
    IReadOnlyList<InputUsefulness>? Below = null, IReadOnlyList<InputUsefulness>? Acquisitions = null)
{
    /// <summary>The noise's entry among <see cref="Acquisitions"/> (null when they were not measured).</summary>
    public InputUsefulness? AmongAcquisitions => Acquisitions?.FirstOrDefault(i => i.IsCandidate && i.Name == CandidateContrasts.Noise);

    /// <summary>The noise's entries of the rankings of one network; null when the noise is not an input of both.</summary>
    public static NoiseControl? From(IReadOnlyList<InputContribution>? perturbation, IReadOnlyList<InputUsefulness>? usefulness,
        IReadOnlyList<InputUsefulness>? acquisitions = null)
    {
        var p = perturbation?.FirstOrDefault(i => i.IsCandidate && i.Name == CandidateContrasts.Noise);
        var u = usefulness?.FirstOrDefault(i => i.IsCandidate && i.Name == CandidateContrasts.Noise);
        if (p is null || u is null) return null;
        var below = usefulness!.Where(i => i.Rank > u.Rank).OrderBy(i => i.Rank).ToArray();
        return new NoiseControl(usefulness!.Count, p, u, below, acquisitions);
    }
}

/// <summary>The three rankings of <see cref="ContrastExperiment.RanksWithNoiseControl"/> on one network with the noise control.</summary>
public sealed record NoiseControlRanks(
    IReadOnlyList<InputContribution> Perturbation,
    IReadOnlyList<InputUsefulness> Usefulness,
    IReadOnlyList<InputUsefulness> Acquisitions)
{
    /// <summary>The noise control's place in the three rankings.</summary>
    public NoiseControl Noise => NoiseControl.From(Perturbation, Usefulness, Acquisitions)
        ?? throw new InvalidOperationException("the noise control is missing from its own rankings");
}
