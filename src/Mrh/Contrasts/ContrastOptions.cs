using Mrh.Presets;

namespace Mrh.Contrasts;

/// <summary>
/// Sizes of the contrast analysis (the networks themselves follow the preset's <see cref="Experiments.ExperimentSettings"/>).
/// Smoke trains longer than the figures' smoke networks (8,000 patches, 6 epochs instead of 3,000 and 2): with 2 epochs
/// the spread between training repeats (R² 0.46 vs 0.74 at 10,000 patches) hid even the positive control. Quick uses the
/// same sizes on its finer grid so that notebook 06 stays near its time (12,000 patches and 8 epochs took 11.8 min on 2
/// loaded cores).
/// </summary>
public sealed record ContrastOptions
{
    /// <summary>Training patches of each network (spread over the training animals).</summary>
    public int Patches { get; init; } = 20_000;
    /// <summary>Training epochs of each network (null: the preset's).</summary>
    public int? Epochs { get; init; }
    /// <summary>Training repeats of each arm (seeds; the paired units of the added-value test).</summary>
    public int Repeats { get; init; } = 3;
    /// <summary>Permutations of each input in the usefulness ranking (<see cref="InputUsefulness"/>), averaged.</summary>
    public int Permutations { get; init; } = 5;
    /// <summary>Bootstrap resamples of the confidence intervals.</summary>
    public int Resamples { get; init; } = 2000;
    /// <summary>Scan-time budgets of the protocol curve, as fractions of the time of all inputs (the user's budget is added).</summary>
    public IReadOnlyList<double> BudgetFractions { get; init; } = [0.1, 0.25, 0.5];

    public static ContrastOptions For(Preset preset) => preset switch
    {
        Preset.Smoke => new ContrastOptions { Patches = 8000, Epochs = 6, Repeats = 3, Resamples = 1000, BudgetFractions = [0.1, 0.3], Permutations = 3 },
        Preset.Quick => new ContrastOptions { Patches = 8000, Epochs = 6, BudgetFractions = [0.1, 0.3], Permutations = 3 },
        _ => new ContrastOptions { Patches = 40_000 },
    };
}
