using Mrh.Data;
using Mrh.Experiments;
using Mrh.Imaging;

namespace Mrh.Contrasts;

/// <summary>
/// A dataset manifest's MRI animals (groups "mri-train" and "mri-test") with the stain as a target of each. The
/// user's own contrast is one line in the manifest: a map of the subjects, e.g. in "defaults"
/// <c>"maps": {"MWF": "mwf/{id}.nii.gz"}</c> (one map per channel); <c>--add MWF</c> then adds it to the inputs.
/// </summary>
public sealed class DatasetContrastData : ContrastData
{
    public DatasetContrastData(Dataset dataset, string stain) : base(stain)
    {
        Dataset = dataset;
        foreach (var a in TrainingAnimals.Concat(TestAnimals))
            if (!dataset.TargetNames(a).Any(t => string.Equals(t, stain, StringComparison.OrdinalIgnoreCase)))
                throw new MrhException($"{dataset.ManifestPath}: subject '{a}' has no target '{stain}' (it has {string.Join(", ", dataset.TargetNames(a).DefaultIfEmpty("none"))}); every MRI animal needs the stain");
    }

    public Dataset Dataset { get; }
    public override string Description => $"dataset {Dataset.Name} ({Dataset.ManifestPath}), target {Stain}";
    public override Protocol Protocol => Dataset.Protocol;
    public override IReadOnlyList<string> TrainingAnimals => Needed(StudyGroups.MriTraining);
    public override IReadOnlyList<string> TestAnimals => Needed(StudyGroups.MriTest);
    public override IReadOnlyList<string> CandidateNames =>
        TrainingAnimals.Select(a => (IEnumerable<string>)Dataset.MapNames(a)).Aggregate((x, y) => x.Intersect(y)).ToArray();

    public override Volume Mri(string animal) => Dataset.LoadInputs(animal);
    public override Volume Target(string animal) => Dataset.LoadTarget(animal, Stain);
    public override bool[] Mask(string animal) =>
        VolumeMask.FromVolume(Dataset.LoadMask(animal) ?? throw new MrhException($"{Dataset.ManifestPath}: subject '{animal}' has no mask"));
    public override Volume? Labels(string animal) => Dataset.LoadLabels(animal);

    protected override ContrastCandidate? Offered(string name, double minutes)
    {
        var all = TrainingAnimals.Concat(TestAnimals).ToArray();
        if (!all.All(a => Dataset.MapNames(a).Any(m => string.Equals(m, name, StringComparison.OrdinalIgnoreCase)))) return null;
        return new ContrastCandidate(name, $"map '{name}' of the manifest", minutes, a => Dataset.LoadMap(a, name));
    }

    IReadOnlyList<string> Needed(string group)
    {
        var ids = Dataset.SubjectsInGroup(group);
        if (ids.Count == 0) throw new MrhException($"{Dataset.ManifestPath}: no subjects in group '{group}' (the contrast analysis trains on 'mri-train' and evaluates on 'mri-test')");
        return ids;
    }
}
