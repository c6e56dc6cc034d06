namespace Mrh.Experiments;

/// <summary>
/// One claim of the paper next to this run's number: e.g. Fig. 1, "AUC with 60 animals", paper "> 0.94",
/// this run "0.951", holds = true. <see cref="Holds"/> is null where the comparison is not a yes/no
/// question (a number shown for reference). Notes say why a claim does not hold where that is known.
/// </summary>
public sealed record Claim(string Figure, string Id, string Statement, string Paper, string ThisRun, bool? Holds, string Note = "")
{
    /// <summary>"holds", "does not hold" or "—" (not a yes/no claim).</summary>
    public string Verdict => Holds switch { true => "holds", false => "does not hold", null => "—" };
}
