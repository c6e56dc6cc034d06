using Mrh.Data;
using Mrh.Imaging;

namespace Mrh.Experiments;

/// <summary>
/// The study's roles read from a dataset manifest by subject group (see data/README.md and
/// <see cref="StudyGroups"/>): e.g. "mri-train" and "mri-test" (MRI animals with inputs and masks), "af"
/// (animals with an "AF" target) and "af-reference" (one subject whose "AF" target is the reference
/// average). A manifest has one protocol, so the PGSE + OGSE animals of Fig. 4 live in a manifest of their own.
/// </summary>
public sealed class DatasetStudyData(Dataset dataset) : StudyData
{
    public Dataset Dataset { get; } = dataset;

    public override string Description => $"dataset {Dataset.Name} ({Dataset.ManifestPath})";
    public override string Origin => $"These data are your data set '{Dataset.Name}' ({Dataset.ManifestPath}), not the built-in synthetic brain: " +
                                     "the numbers below are measured on it, and the paper's numbers are given beside them for comparison.";
    string? _identity;

    /// <summary>The SHA-256 of the names and contents of every file the manifest names (hashed once per instance).</summary>
    public override string Identity => _identity ??= HashFiles(Dataset);

    static string HashFiles(Dataset dataset)
    {
        using var all = System.Security.Cryptography.IncrementalHash.CreateHash(System.Security.Cryptography.HashAlgorithmName.SHA256);
        foreach (var file in dataset.ReferencedFiles())
        {
            if (!File.Exists(file)) throw new MrhException($"{dataset.ManifestPath}: {file} is missing");
            using var stream = File.OpenRead(file);
            var digest = System.Security.Cryptography.SHA256.HashData(stream);
            all.AppendData(System.Text.Encoding.UTF8.GetBytes(Path.GetRelativePath(dataset.Root, file) + "\n"));
            all.AppendData(digest);
        }
        return "dataset " + Convert.ToHexStringLower(all.GetHashAndReset());
    }

    public override Protocol Protocol => Dataset.Protocol;

    protected override IReadOnlyList<string> Animals(string group) => Dataset.SubjectsInGroup(group);
    protected override string MissingGroup(string group) =>
        $"{Dataset.ManifestPath}: no subjects in group '{group}' (this figure needs that group; see data/README.md for the groups of each figure)";

    public override Volume Mri(string animal) => Dataset.LoadInputs(animal);
    public override Protocol ProtocolOf(string animal) => Dataset.Protocol;
    public override bool[] Mask(string animal) =>
        VolumeMask.FromVolume(Dataset.LoadMask(animal) ?? throw new MrhException($"{Dataset.ManifestPath}: subject '{animal}' has no mask"));
    public override Volume Histology(string animal, string stain) => Dataset.LoadTarget(animal, stain);
    public override Volume? Labels() => Animals(StudyGroups.MriTest).Select(Dataset.LoadLabels).FirstOrDefault(l => l is not null);
}
