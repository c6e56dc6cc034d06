namespace Mrh.Experiments;

/// <summary>
/// The measured numbers behind Fig. 1's "paper vs this run" table (<see cref="TrainingSizeClaims.Table"/>): per
/// training case ("i" to "v"), the AUC and RMSE averaged over every held-out animal (and, for case iii, over the
/// repeats with different single animals), R² of case (i) on the first held-out animal, and the AUC per held-out animal
/// of the standard MRH-AF (case ii) beside each baseline trained on its patches (<see cref="BaselineModel"/>; none when
/// the baselines were not run).
/// </summary>
public sealed record TrainingSizeFindings(IReadOnlyDictionary<string, double> Auc, IReadOnlyDictionary<string, double> Rmse, double RSquaredCaseI,
    IReadOnlyList<BaselineScore>? Baselines = null)
{
    /// <summary>The network the baselines are compared with, as the claims name it.</summary>
    public const string BaselineNetwork = "MRH-AF";

    /// <summary>Fig. 1's "paper vs this run" table.</summary>
    public ClaimTable Claims() => TrainingSizeClaims.Table(this);

    /// <summary>The numbers of a set of runs (every case of <see cref="TrainingSizeExperiment.Cases"/>).</summary>
    public static TrainingSizeFindings Of(IReadOnlyList<CaseRun> runs, IReadOnlyList<BaselineRun>? baselines = null)
    {
        ArgumentNullException.ThrowIfNull(runs);
        var byCase = runs.GroupBy(r => r.Case.Id).ToDictionary(g => g.Key, g => g.SelectMany(r => r.PerTestAnimal).ToArray());
        var first = runs.FirstOrDefault(r => r.Case.Id == "i" && r.PerTestAnimal.Count > 0)
            ?? throw new MrhException("Fig. 1's claims need a run of case (i) evaluated on at least one animal");
        return new TrainingSizeFindings(
            byCase.ToDictionary(kv => kv.Key, kv => kv.Value.Average(e => e.Auc)),
            byCase.ToDictionary(kv => kv.Key, kv => kv.Value.Average(e => e.Rmse)),
            first.PerTestAnimal[0].RSquared,
            baselines is null ? null : BaselineScores(runs, baselines));
    }

    /// <summary>AUC per held-out animal of case (ii) (the first repeat) and of each baseline, paired by animal.</summary>
    static IReadOnlyList<BaselineScore> BaselineScores(IReadOnlyList<CaseRun> runs, IReadOnlyList<BaselineRun> baselines)
    {
        if (baselines.Count == 0) return [];
        var standard = runs.FirstOrDefault(r => r.Case.Id == "ii" && r.Case.Repeat == 0)
            ?? throw new MrhException("the baselines are compared with case (ii), which was not run");
        static Dictionary<string, double> ByAnimal(IReadOnlyList<string> animals, IReadOnlyList<Analysis.EvaluationResult> results) =>
            animals.Select((a, i) => (a, results[i].Auc)).ToDictionary(x => x.a, x => x.Auc);
        var mrh = ByAnimal(standard.TestAnimals, standard.PerTestAnimal);
        return baselines.Select(b => BaselineScore.Paired(BaselineNetwork, b.Name, "AUC", mrh, ByAnimal(b.TestAnimals, b.PerTestAnimal))).ToArray();
    }
}
