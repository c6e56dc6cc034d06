namespace Mrh.Experiments;

/// <summary>
/// The measured numbers behind Fig. 1's "paper vs this run" table (<see cref="TrainingSizeClaims.Table"/>): per
/// training case ("i" to "v"), the AUC and RMSE averaged over every held-out animal (and, for case iii, over the
/// repeats with different single animals), and R² of case (i) on the first held-out animal.
/// </summary>
public sealed record TrainingSizeFindings(IReadOnlyDictionary<string, double> Auc, IReadOnlyDictionary<string, double> Rmse, double RSquaredCaseI)
{
    /// <summary>Fig. 1's "paper vs this run" table.</summary>
    public ClaimTable Claims() => TrainingSizeClaims.Table(this);

    /// <summary>The numbers of a set of runs (every case of <see cref="TrainingSizeExperiment.Cases"/>).</summary>
    public static TrainingSizeFindings Of(IReadOnlyList<CaseRun> runs)
    {
        ArgumentNullException.ThrowIfNull(runs);
        var byCase = runs.GroupBy(r => r.Case.Id).ToDictionary(g => g.Key, g => g.SelectMany(r => r.PerTestAnimal).ToArray());
        var first = runs.FirstOrDefault(r => r.Case.Id == "i" && r.PerTestAnimal.Count > 0)
            ?? throw new MrhException("Fig. 1's claims need a run of case (i) evaluated on at least one animal");
        return new TrainingSizeFindings(
            byCase.ToDictionary(kv => kv.Key, kv => kv.Value.Average(e => e.Auc)),
            byCase.ToDictionary(kv => kv.Key, kv => kv.Value.Average(e => e.Rmse)),
            first.PerTestAnimal[0].RSquared);
    }
}
