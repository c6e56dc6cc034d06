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
    /// <summary>The MRI protocol of the MRI animals (the network's input channels, in order).</summary>
    public abstract Protocol Protocol { get; }
    /// <summary>MRI animals whose scans train the networks (the paper's n = 6).</summary>
    public abstract IReadOnlyList<string> TrainingAnimals { get; }
    /// <summary>Held-out MRI animals on which the networks are evaluated (the paper's n = 4).</summary>
    public abstract IReadOnlyList<string> TestAnimals { get; }
    /// <summary>Animals with an auto-fluorescence image (the paper's 100 Allen animals).</summary>
    public abstract IReadOnlyList<string> AfAnimals { get; }

    /// <summary>All MRI channels of an MRI animal, in protocol order.</summary>
    public abstract Volume Mri(string animal);
    /// <summary>The brain mask of an MRI animal.</summary>
    public abstract bool[] Mask(string animal);
    /// <summary>The auto-fluorescence image of an AF animal.</summary>
    public abstract Volume Af(string animal);
    /// <summary>The reference AF (the average of many animals) that predictions are compared with.</summary>
    public abstract Volume AfReference();
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
}
