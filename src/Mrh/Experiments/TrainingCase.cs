namespace Mrh.Experiments;

/// <summary>
/// One training condition of Fig. 1: which AF animals give the targets and how many patches train the
/// network. <see cref="Repeat"/> numbers the repeats of one condition (case iii over different animals).
/// </summary>
public sealed record TrainingCase(string Id, string Label, IReadOnlyList<string> AfAnimals, int Patches, int Repeat = 0)
{
    public override string ToString() => $"{Label}: {AfAnimals.Count} AF animal(s), {Patches:N0} patches";
}
