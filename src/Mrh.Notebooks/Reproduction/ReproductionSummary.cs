using Mrh.Experiments;

namespace Mrh.Notebooks.Reproduction;

/// <summary>The outcome of `mrh reproduce`: each notebook's run and every claim next to the paper.</summary>
public sealed record ReproductionSummary(
    string Preset,
    string Dataset,
    DateTimeOffset Started,
    double Seconds,
    IReadOnlyList<NotebookReport> Notebooks,
    IReadOnlyList<Claim> Claims)
{
    public bool Succeeded => Notebooks.Count > 0 && Notebooks.All(n => n.Succeeded);
    public int ClaimsHolding => Claims.Count(c => c.Holds == true);
    public int ClaimsNotHolding => Claims.Count(c => c.Holds == false);
}
