namespace Mrh.Experiments;

/// <summary>
/// Everything Fig. 4 measures on its three networks, taken once so that each figure of the notebook can show, under
/// it, the paper's claim next to this run's number (<see cref="Claims"/>): the PGSE + OGSE network, its feature-space
/// embedding and separation, the frequency signals, the set contributions, the heterotopia region and comparison.
/// </summary>
public sealed record NisslMeasurements(IReadOnlyList<NisslRun> Runs, NisslRun Both, FeatureEmbedding Embedding, EmbeddingSeparation Separation,
    IReadOnlyList<FrequencySignal> Signals, IReadOnlyList<SetContribution> Contributions, HeterotopiaRegion Region, HeterotopiaComparison Heterotopia)
{
    /// <summary>Measures every panel of Fig. 4 on <paramref name="runs"/> (the networks of <see cref="NisslExperiment.RunAll"/>).</summary>
    public static NisslMeasurements Of(NisslExperiment fig4, IReadOnlyList<NisslRun> runs)
    {
        ArgumentNullException.ThrowIfNull(fig4);
        var both = runs.FirstOrDefault(r => r.Inputs.Id == NisslInputs.Both) ?? throw new MrhException("no Fig. 4 network on the PGSE + OGSE inputs");
        var embedding = fig4.Embedding(both);
        var separation = EmbeddingSeparation.Compute(embedding.X, embedding.Y, embedding.Categories, FeatureEmbedding.Hyper, FeatureEmbedding.Hypo);
        var region = fig4.Heterotopia();
        return new NisslMeasurements(runs, both, embedding, separation, fig4.FrequencySignals(), fig4.Contributions(both), region,
            fig4.CompareHeterotopia(both, region));
    }

    /// <summary>Fig. 4's "paper vs this run" table (<see cref="NisslClaims.Table"/>).</summary>
    public ClaimTable Claims(NisslExperiment fig4) => fig4.Claims(Runs, Separation, Signals, Contributions, Heterotopia);
}
