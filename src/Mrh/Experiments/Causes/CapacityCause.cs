using Mrh.Model;
using Mrh.Model.Baselines;
using Mrh.Presets;

namespace Mrh.Experiments.Causes;

/// <summary>
/// Tests the cause given for Fig. 1's AUC below 0.94 at quick and for "MRH-AF beats the linear baseline" failing: the quick
/// network's capacity (5 blocks of width 48 against the paper's 30 x 64) and its training length (8 epochs against up to
/// 60 with early stopping). Only the network changes: the same data, MRI/AF pairs, patches (sampler and seed), held-out
/// animals and evaluation sections as the standard cases (i) and (ii). Two changes, each one row per claim: the paper's
/// network at the quick epochs, and the paper's network with the paper's trainer.
/// </summary>
public sealed class CapacityCause(StudyData data, ExperimentSettings settings, int paperEpochs = CapacityCause.PaperEpochs)
{
    /// <summary>The paper's trainer: up to 60 epochs, early stopping on the validation loss (<see cref="TrainerOptions.Patience"/>).</summary>
    public const int PaperEpochs = 60;

    /// <summary>The cause these rows test, as the findings name it.</summary>
    public const string Cause = "the quick network's capacity and training length";

    /// <summary>The claims whose cause is tested, by id (Fig. 1's table).</summary>
    public static readonly IReadOnlyList<string> Claims = ["auc-i", "auc-ii", LinearClaim];

    /// <summary>Fig. 1's "MRH-AF beats the linear baseline" row.</summary>
    public const string LinearClaim = "baseline-mrh-af-linear";

    /// <summary>The changes tried, each a training setup (the quick settings' own with only the network or trainer changed).</summary>
    public static IReadOnlyList<(string Change, TrainingSetup Training)> Changes(ExperimentSettings settings, int paperEpochs = PaperEpochs)
    {
        var paper = NetworkConfig.For(Preset.Paper);
        var bigger = settings.Training with { Network = settings.Training.Network with { Blocks = paper.Blocks, Width = paper.Width } };
        string size = $"{paper.Blocks} x {paper.Width}";
        return
        [
            ($"network {size} (paper), {settings.Training.Trainer.MaxEpochs} epochs", bigger),
            ($"network {size} (paper), up to {paperEpochs} epochs with early stopping",
                bigger with { Trainer = bigger.Trainer with { MaxEpochs = paperEpochs } }),
        ];
    }

    /// <summary>
    /// Trains and evaluates the standard cases (i) and (ii) (from the cache of trained networks when it has them), fits the
    /// linear baseline on case (ii)'s patches, then each change; returns one row per claim and change.
    /// </summary>
    public IReadOnlyList<CauseTest> Run(IProgress<string>? status = null, IProgress<EpochReport>? epochs = null)
    {
        var standard = new TrainingSizeExperiment(data, settings);
        var cases = standard.Cases().Where(c => c.Id is "i" or "ii").ToArray();
        status?.Report($"the standard quick networks: cases {string.Join(", ", cases.Select(c => c.Id))}");
        var before = cases.Select(c => standard.Run(c, epochs)).ToArray();
        status?.Report("fitting the linear baseline on case (ii)'s patches");
        var baselineCase = standard.BaselineCase();
        var setup = standard.Recipe(baselineCase).Setup;
        var linear = BaselineModel.Of(PatchRegression.FitOnPatches(ModelTraining.Sample(standard.Pairs(baselineCase), setup), setup, PatchTerms.Linear));
        var (linearResults, linearFirst) = standard.EvaluateHeldOut(linear);
        var baseline = new BaselineRun(linear, data.TestAnimals, linearResults, linearFirst);

        var rows = new List<CauseTest>();
        foreach (var (change, training) in Changes(settings, paperEpochs))
        {
            var changed = standard.With(settings with { Training = training });
            var after = cases.Select(c =>
            {
                status?.Report($"{change}: case ({c.Id})");
                return changed.Run(c, epochs);
            }).ToArray();
            rows.AddRange(Rows(change, before, after, baseline));
        }
        return rows;
    }

    /// <summary>The rows of one change: each claim re-judged by Fig. 1's own rules on the changed networks.</summary>
    public static IReadOnlyList<CauseTest> Rows(string change, IReadOnlyList<CaseRun> before, IReadOnlyList<CaseRun> after, BaselineRun linear)
    {
        var claimsBefore = TrainingSizeFindings.Of(before, [linear]).Claims();
        var claimsAfter = TrainingSizeFindings.Of(after, [linear]).Claims();
        var rows = new List<CauseTest>();
        foreach (var claim in Claims)
        {
            string caseId = claim == LinearClaim ? "ii" : claim["auc-".Length..];
            var b = before.Single(r => r.Case.Id == caseId);
            var a = after.Single(r => r.Case.Id == caseId);
            if (!b.TestAnimals.SequenceEqual(a.TestAnimals)) throw new InvalidOperationException("before and after were evaluated on different animals");
            rows.Add(CauseTest.Of("Fig. 1", claim, Cause, change, "AUC", b.TestAnimals,
                b.PerTestAnimal.Select(e => e.Auc).ToArray(), a.PerTestAnimal.Select(e => e.Auc).ToArray(),
                Holds(claimsBefore, claim), Holds(claimsAfter, claim), higherPasses: true));
        }
        return rows;
    }

    static bool? Holds(ClaimTable table, string id) =>
        (table.Rows.FirstOrDefault(r => r.Id == id) ?? throw new InvalidOperationException($"Fig. 1's table has no claim '{id}'")).Holds;
}
