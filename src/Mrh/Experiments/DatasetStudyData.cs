using Mrh.Data;
using Mrh.Imaging;

namespace Mrh.Experiments;

/// <summary>
/// The study's roles read from a dataset manifest by subject group (see data/README.md): "mri-train" and
/// "mri-test" (MRI animals with inputs and masks), "af" (animals with an "AF" target) and "af-reference"
/// (one subject whose "AF" target is the reference average).
/// </summary>
public sealed class DatasetStudyData(Dataset dataset) : StudyData
{
    public const string TrainingGroup = "mri-train", TestGroup = "mri-test", AfGroup = "af", ReferenceGroup = "af-reference", AfTarget = "AF";

    public Dataset Dataset { get; } = dataset;

    public override string Description => $"dataset {Dataset.Name} ({Dataset.ManifestPath})";
    public override Protocol Protocol => Dataset.Protocol;
    public override IReadOnlyList<string> TrainingAnimals => Group(TrainingGroup);
    public override IReadOnlyList<string> TestAnimals => Group(TestGroup);
    public override IReadOnlyList<string> AfAnimals => Group(AfGroup);

    public override Volume Mri(string animal) => Dataset.LoadInputs(animal);
    public override bool[] Mask(string animal) =>
        (Dataset.LoadMask(animal) ?? throw new MrhException($"{Dataset.ManifestPath}: subject '{animal}' has no mask"))
        .Channels[0].Select(v => v > 0.5f).ToArray();
    public override Volume Af(string animal) => Dataset.LoadTarget(animal, AfTarget);
    public override Volume AfReference() => Dataset.LoadTarget(Group(ReferenceGroup)[0], AfTarget);
    public override Volume? Labels() => TestAnimals.Select(Dataset.LoadLabels).FirstOrDefault(l => l is not null);

    IReadOnlyList<string> Group(string name)
    {
        var ids = Dataset.SubjectsInGroup(name);
        if (ids.Count == 0) throw new MrhException($"{Dataset.ManifestPath}: no subjects in group '{name}' (the figure notebooks need groups {TrainingGroup}, {TestGroup}, {AfGroup}, {ReferenceGroup})");
        return ids;
    }
}
