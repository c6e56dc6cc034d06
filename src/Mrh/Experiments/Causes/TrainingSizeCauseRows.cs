using Mrh.Model;
using Mrh.Model.Baselines;

namespace Mrh.Experiments.Causes;

/// <summary>
/// Fig. 1's cause-test rows: each claim re-judged by Fig. 1's own rules (<see cref="TrainingSizeClaims"/>) on the
/// networks before and after a change. The AUC claims carry the case's AUC per held-out animal; "MRH-AF beats the linear
/// baseline" carries the AUC difference network - linear baseline per animal (both fitted on the same patches).
/// </summary>
public static class TrainingSizeCauseRows
{
    /// <summary>Fig. 1's "MRH-AF beats the linear baseline" row.</summary>
    public const string LinearClaim = "baseline-mrh-af-linear";

    /// <summary>The linear baseline fitted on case (ii)'s patches of <paramref name="experiment"/> and evaluated on the held-out animals.</summary>
    public static BaselineRun LinearBaseline(TrainingSizeExperiment experiment)
    {
        var c = experiment.BaselineCase();
        var setup = experiment.Recipe(c).Setup;
        var model = BaselineModel.Of(PatchRegression.FitOnPatches(ModelTraining.Sample(experiment.Pairs(c), setup), setup, PatchTerms.Linear));
        var (results, first) = experiment.EvaluateHeldOut(model);
        return new BaselineRun(model, experiment.Data.TestAnimals, results, first);
    }

    /// <summary>One row per claim in <paramref name="claims"/> ("auc-i", "auc-ii", <see cref="LinearClaim"/>).</summary>
    public static IReadOnlyList<CauseTest> Rows(string cause, string change, IReadOnlyList<string> claims,
        IReadOnlyList<CaseRun> before, BaselineRun linearBefore, IReadOnlyList<CaseRun> after, BaselineRun linearAfter)
    {
        var judgedBefore = WithCaseI(before, linearBefore).Claims();
        var judgedAfter = WithCaseI(after, linearAfter).Claims();
        var rows = new List<CauseTest>();
        foreach (var claim in claims)
        {
            bool linear = claim == LinearClaim;
            string caseId = linear ? "ii" : claim.StartsWith("auc-", StringComparison.Ordinal) ? claim["auc-".Length..]
                : throw new ArgumentException($"no cause test for Fig. 1's claim '{claim}'");
            var b = before.Single(r => r.Case.Id == caseId && r.Case.Repeat == 0);
            var a = after.Single(r => r.Case.Id == caseId && r.Case.Repeat == 0);
            if (!b.TestAnimals.SequenceEqual(a.TestAnimals) || linear && !(b.TestAnimals.SequenceEqual(linearBefore.TestAnimals) && b.TestAnimals.SequenceEqual(linearAfter.TestAnimals)))
                throw new InvalidOperationException("before and after were evaluated on different animals");
            double[] Values(CaseRun run, BaselineRun baseline) =>
                run.PerTestAnimal.Select((e, i) => linear ? e.Auc - baseline.PerTestAnimal[i].Auc : e.Auc).ToArray();
            rows.Add(CauseTest.Of("Fig. 1", claim, cause, change, linear ? "AUC difference to the linear baseline" : "AUC", b.TestAnimals,
                Values(b, linearBefore), Values(a, linearAfter), Holds(judgedBefore, claim), Holds(judgedAfter, claim), higherPasses: true));
        }
        return rows;
    }

    /// <summary>Fig. 1's findings need case (i) for its reference row; a run without it borrows case (ii) there (that row is not judged).</summary>
    static TrainingSizeFindings WithCaseI(IReadOnlyList<CaseRun> runs, BaselineRun linear) =>
        TrainingSizeFindings.Of(runs.Any(r => r.Case.Id == "i") ? runs : [.. runs, runs.First() with { Case = runs.First().Case with { Id = "i" } }], [linear]);

    static bool? Holds(ClaimTable table, string id) =>
        (table.Rows.FirstOrDefault(r => r.Id == id) ?? throw new InvalidOperationException($"Fig. 1's table has no claim '{id}'")).Holds;
}
