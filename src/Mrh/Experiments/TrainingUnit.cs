using Mrh.Jobs;

namespace Mrh.Experiments;

/// <summary>
/// One network that a figure's notebook trains, as the experiments declare it (their <c>Units</c>): a stable id
/// ("fig1-ii", "fig1-iii-r2", "fig3-nf", "supp-k5", ...), the figure, a label, and its recipe, whose key addresses
/// it in the cache. A unit whose inputs come from another network (Fig. 2's top-ranked subsets need the standard
/// network's contributions) has no recipe before that network is trained; <see cref="DependsOn"/> names it.
/// </summary>
public sealed record TrainingUnit(string Id, string Figure, string Label, NetworkRecipe? Recipe, IReadOnlyList<string> DependsOn)
{
    public TrainingUnit(string id, string figure, string label, NetworkRecipe recipe) : this(id, figure, label, recipe, []) { }

    /// <summary>The cache key, or null while it depends on another network.</summary>
    public string? Key => Recipe?.Key;
}
