using Mrh.Data;
using Mrh.Imaging;
using Mrh.Presets;

namespace Mrh.Experiments;

/// <summary>
/// The data of the study, by role, whatever its source: the built-in digital mouse brain
/// (<see cref="PhantomStudyData"/>) or real data described by a dataset manifest
/// (<see cref="DatasetStudyData"/>). All volumes are in one atlas space; animal identifiers are the
/// source's own.
/// </summary>
public abstract class StudyData
{
    /// <summary>One line saying what the data is.</summary>
    public abstract string Description { get; }
    /// <summary>
    /// A sentence for a reader saying where the data come from: synthetic (the built-in digital mouse brain) or the
    /// user's data set, and what that means for the results.
    /// </summary>
    public abstract string Origin { get; }

    /// <summary>
    /// The note at the top of each notebook: <see cref="Origin"/>, where the claims that fail are explained, and
    /// where the terms are explained (<paramref name="fromTour"/>: the note is in the tour, whose glossary is below).
    /// </summary>
    public Plots.Note OriginNote(bool fromTour = false) => new("Where these data come from",
    [
        new Plots.NoteLine(Origin),
        new Plots.NoteLine("Claims of the paper that do not hold on these data are explained in", "docs/findings.md", FindingsLinks.Document),
        fromTour
            ? new Plots.NoteLine("Terms (ROC, AUC, Otsu threshold, patch, t-SNE, ...) are explained in the glossary at the end of this notebook.")
            : new Plots.NoteLine("Terms (ROC, AUC, Otsu threshold, patch, t-SNE, ...) are explained in", "the glossary of the tour", FindingsLinks.Glossary),
    ]);
    /// <summary>
    /// What identifies the data's content for the cache of trained networks (<see cref="Jobs.NetworkKey"/>): the
    /// phantom's generator version, configuration and seed, or the SHA-256 of every file a manifest names.
    /// </summary>
    public abstract string Identity { get; }
    /// <summary>The MRI protocol of the MRI animals (the network's input channels, in order).</summary>
    public abstract Protocol Protocol { get; }
    /// <summary>MRI animals whose scans train the networks (the paper's n = 6).</summary>
    public IReadOnlyList<string> TrainingAnimals => Group(StudyGroups.MriTraining);
    /// <summary>Held-out MRI animals on which the networks are evaluated (the paper's n = 4).</summary>
    public IReadOnlyList<string> TestAnimals => Group(StudyGroups.MriTest);
    /// <summary>Animals with an auto-fluorescence image (the paper's 100 Allen animals).</summary>
    public IReadOnlyList<string> AfAnimals => Group(StudyGroups.AutoFluorescence);

    /// <summary>
    /// The animals of a group (<see cref="StudyGroups"/>: "mri-train", "nf", "shiverer", "sas4-control", ...);
    /// a clear error naming the group when the data has none.
    /// </summary>
    public IReadOnlyList<string> Group(string group)
    {
        var ids = Animals(group);
        if (ids.Count == 0) throw new MrhException(MissingGroup(group));
        return ids;
    }

    /// <summary>True when the data has animals in <paramref name="group"/>.</summary>
    public bool HasGroup(string group) => Animals(group).Count > 0;

    /// <summary>The animals of a group, empty when it has none.</summary>
    protected abstract IReadOnlyList<string> Animals(string group);
    /// <summary>The message for a group the data does not have.</summary>
    protected abstract string MissingGroup(string group);

    /// <summary>All MRI channels of an MRI animal, in the order of <see cref="ProtocolOf"/>.</summary>
    public abstract Volume Mri(string animal);
    /// <summary>The MRI protocol of an animal (the 67-image protocol, or PGSE + OGSE for the sas4 cohorts).</summary>
    public abstract Protocol ProtocolOf(string animal);
    /// <summary>The brain mask of an MRI animal.</summary>
    public abstract bool[] Mask(string animal);
    /// <summary>A histology image of an animal: <paramref name="stain"/> is "AF", "NF", "MBP" or "Nissl".</summary>
    public abstract Volume Histology(string animal, string stain);
    /// <summary>The auto-fluorescence image of an AF animal.</summary>
    public Volume Af(string animal) => Histology(animal, "AF");
    /// <summary>
    /// The reference AF (the average of many animals) that predictions are compared with: by default the AF
    /// target of the first subject of group "af-reference".
    /// </summary>
    public virtual Volume AfReference() => Histology(Group(StudyGroups.AfReference)[0], "AF");
    /// <summary>The atlas structure labels (for regional analyses), or null if the data has none.</summary>
    public abstract Volume? Labels();

    /// <summary>
    /// The built-in phantom for a preset when <paramref name="dataset"/> is empty, else the manifest at
    /// <paramref name="dataset"/> (a folder with dataset.json, or the file).
    /// </summary>
    public static StudyData Open(string preset, string dataset = "", ulong seed = 1) =>
        string.IsNullOrWhiteSpace(dataset)
            ? new PhantomStudyData(Phantom.PhantomStudy.For(PresetNames.Parse(preset), seed))
            : new DatasetStudyData(Dataset.Load(dataset));

    /// <summary>
    /// The data of Fig. 4 (PGSE + OGSE MRI with Nissl). The phantom when <paramref name="dataset"/> is empty; a manifest
    /// whose protocol has oscillating-gradient images as it is; otherwise the manifest in the <see cref="Phantom.PhantomDatasetExport.OgseFolder"/>
    /// folder next to it, so that one <c>--dataset</c> serves every notebook of <c>mrh reproduce</c>.
    /// </summary>
    public static StudyData OpenOgse(string preset, string dataset = "", ulong seed = 1)
    {
        if (string.IsNullOrWhiteSpace(dataset)) return Open(preset, dataset, seed);
        var main = Dataset.Load(dataset);
        if (main.Protocol.Channels.Any(c => c.OgseFrequencyHz > 0)) return new DatasetStudyData(main);
        string sibling = Path.Combine(Path.GetDirectoryName(main.ManifestPath) ?? ".", Phantom.PhantomDatasetExport.OgseFolder, Dataset.ManifestFileName);
        if (File.Exists(sibling)) return new DatasetStudyData(Dataset.Load(sibling));
        throw new MrhException($"{main.ManifestPath}: its protocol has no OGSE images and there is no {Phantom.PhantomDatasetExport.OgseFolder}/{Dataset.ManifestFileName} next to it (Fig. 4 needs PGSE + OGSE MRI; data/README.md, \"Fig. 4\")");
    }
}
