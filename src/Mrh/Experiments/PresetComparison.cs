using System.Globalization;
using Mrh.Presets;

namespace Mrh.Experiments;

/// <summary>One setting of a preset next to the paper's (the paper preset's value).</summary>
public sealed record PresetDifference(string Setting, string ThisPreset, string Paper, bool Differs);

/// <summary>
/// How a preset's training differs from the paper's: patches per network, network depth and width, epochs,
/// repeats of the single-animal case and evaluation sections, read from <see cref="ExperimentSettings.For"/> (the
/// paper preset holds the paper's numbers), so that the notebooks never restate them by hand.
/// </summary>
public static class PresetComparison
{
    /// <summary>
    /// One sentence for a notebook's text: the settings in which the preset differs from the paper, with both values
    /// (without the rows of Fig. 1's single-animal cases unless <paramref name="singleAnimalCases"/>).
    /// </summary>
    public static string Sentence(ExperimentSettings settings, bool singleAnimalCases = true)
    {
        var differ = Rows(settings).Where(r => r.Differs && (singleAnimalCases || !r.Setting.Contains("case", StringComparison.Ordinal))).ToArray();
        string name = settings.Preset.Name();
        return differ.Length == 0
            ? $"The {name} preset uses the paper's sizes."
            : $"How the {name} preset differs from the paper: " + string.Join("; ", differ.Select(r => $"{r.Setting}: {r.ThisPreset} here, {r.Paper} in the paper")) + ".";
    }

    public static IReadOnlyList<PresetDifference> Rows(ExperimentSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var paper = ExperimentSettings.For(Preset.Paper);
        static string N(int v) => v.ToString("N0", CultureInfo.InvariantCulture);
        static string Sections(int v) => v == 0 ? "all" : N(v);
        (string, string, string)[] rows =
        [
            ("training patches per network", N(settings.PatchesPerModel), N(paper.PatchesPerModel)),
            ("network: residual blocks x width (channels)", $"{settings.Training.Network.Blocks} x {settings.Training.Network.Width}",
                $"{paper.Training.Network.Blocks} x {paper.Training.Network.Width}"),
            ("patches of one animal in cases (iv) and (v)", $"{N(settings.FewPatches)} / {N(settings.FewestPatches)}", $"{N(paper.FewPatches)} / {N(paper.FewestPatches)}"),
            ("training epochs (at most; training stops early when validation stops improving)", N(settings.Training.Trainer.MaxEpochs), N(paper.Training.Trainer.MaxEpochs)),
            ("single-animal case (iii): repeats with different animals", N(settings.SingleAnimalRepeats), N(paper.SingleAnimalRepeats)),
            ("coronal sections evaluated per held-out animal", Sections(settings.EvaluationSections), Sections(paper.EvaluationSections)),
        ];
        return rows.Select(r => new PresetDifference(r.Item1, r.Item2, r.Item3, r.Item2 != r.Item3)).ToArray();
    }
}
