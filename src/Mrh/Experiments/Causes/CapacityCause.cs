using Mrh.Model;
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
    public static readonly IReadOnlyList<string> Claims = ["auc-i", "auc-ii", TrainingSizeCauseRows.LinearClaim];

    /// <summary>The changes tried, each a training setup (the settings' own with only the network or trainer changed).</summary>
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
        var cases = standard.Cases().Where(c => c.Id is "i" or "ii" && c.Repeat == 0).ToArray();
        status?.Report($"the standard networks: cases {string.Join(", ", cases.Select(c => c.Id))}");
        var before = cases.Select(c => standard.Run(c, epochs)).ToArray();
        status?.Report("fitting the linear baseline on case (ii)'s patches");
        var linear = TrainingSizeCauseRows.LinearBaseline(standard);
        var rows = new List<CauseTest>();
        foreach (var (change, training) in Changes(settings, paperEpochs))
        {
            var changed = standard.With(settings with { Training = training });
            var after = cases.Select(c =>
            {
                status?.Report($"{change}: case ({c.Id})");
                return changed.Run(c, epochs);
            }).ToArray();
            rows.AddRange(TrainingSizeCauseRows.Rows(Cause, change, Claims, before, linear, after, linear));
        }
        return rows;
    }
}
