namespace Mrh.Contrasts;

/// <summary>
/// One arm of <see cref="ContrastExperiment.RunArm"/>: a held-out run per training repeat and, when measured, the mean
/// over the repeats of the inputs' perturbation shares, their usefulness, and the usefulness of whole acquisitions.
/// </summary>
public sealed record ArmResult(
    IReadOnlyList<HeldOutRun> Runs,
    IReadOnlyList<InputContribution>? Contributions,
    IReadOnlyList<InputUsefulness>? Usefulness,
    IReadOnlyList<InputUsefulness>? AcquisitionUsefulness)
{
    /// <summary>The runs, the perturbation shares and the usefulness of the inputs (without the acquisitions).</summary>
    public void Deconstruct(out IReadOnlyList<HeldOutRun> runs, out IReadOnlyList<InputContribution>? contributions, out IReadOnlyList<InputUsefulness>? usefulness)
    {
        runs = Runs; contributions = Contributions; usefulness = Usefulness;
    }
}
