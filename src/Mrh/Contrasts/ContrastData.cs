using Mrh.Data;
using Mrh.Imaging;

namespace Mrh.Contrasts;

/// <summary>
/// The animals a candidate contrast is judged on: MRI animals that also have the chosen stain, split into training
/// and held-out animals, with their protocol images, the stain, masks and labels, and the candidates that can be
/// added to their inputs. Sources: the digital mouse brain (<see cref="PhantomContrastData"/>) or a dataset manifest
/// (<see cref="DatasetContrastData"/>).
/// </summary>
public abstract class ContrastData
{
    protected ContrastData(string stain) => Stain = stain;

    /// <summary>The stain mapped ("AF", "NF", "MBP", "Nissl").</summary>
    public string Stain { get; }
    /// <summary>One line saying what the data is.</summary>
    public abstract string Description { get; }
    /// <summary>The protocol of the MRI animals (the inputs every candidate is added to).</summary>
    public abstract Protocol Protocol { get; }
    public abstract IReadOnlyList<string> TrainingAnimals { get; }
    public abstract IReadOnlyList<string> TestAnimals { get; }
    /// <summary>The protocol images of an animal.</summary>
    public abstract Volume Mri(string animal);
    /// <summary>The stain of an animal, in its MRI's space.</summary>
    public abstract Volume Target(string animal);
    public abstract bool[] Mask(string animal);
    /// <summary>The animal's structure labels (<see cref="Phantom.StructureLabel"/> values), or null.</summary>
    public abstract Volume? Labels(string animal);
    /// <summary>Names of the candidates this source offers besides files and the noise control.</summary>
    public abstract IReadOnlyList<string> CandidateNames { get; }
    /// <summary>Whether stain intensity that is high marks the structures (NF, MBP, Nissl) or low (AF).</summary>
    public bool HyperIntense => !string.Equals(Stain, "AF", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// A candidate by name: the noise control ("noise"), a contrast this source offers (a forward model on the phantom,
    /// a map of the manifest), or a volume file (a path; "{id}" in it is the animal) in the data's space.
    /// <paramref name="minutes"/> is the scan time of a file or manifest map (a forward model has its own).
    /// </summary>
    public ContrastCandidate Candidate(string nameOrFile, double minutes = 30, int seed = 1)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(nameOrFile);
        if (string.Equals(nameOrFile, Contrasts.CandidateContrasts.Noise, StringComparison.OrdinalIgnoreCase))
            return new(Contrasts.CandidateContrasts.Noise, "pure Gaussian noise (negative control)", Contrasts.CandidateContrasts.NoiseMinutes,
                a => NoiseChannel.For(Mri(a), Mask(a), a, seed));
        if (LooksLikeFile(nameOrFile))
        {
            string pattern = Path.GetFullPath(nameOrFile);
            string name = Path.GetFileName(nameOrFile).Replace("{id}", "").Split('.')[0].Trim('_', '-');
            if (name.Length == 0) name = "user";
            CheckFiles(pattern);
            return new(name, $"user volume {nameOrFile}", minutes, a => VolumeFile.Read(pattern.Replace("{id}", a)));
        }
        return Offered(nameOrFile, minutes)
            ?? throw new MrhException($"no candidate contrast '{nameOrFile}' (known: {string.Join(", ", CandidateNames.Append(Contrasts.CandidateContrasts.Noise))}, or a volume file)");
    }

    /// <summary>
    /// The data of the notebook: the built-in digital mouse brain when <paramref name="dataset"/> is empty or its MRI
    /// animals have no <paramref name="stain"/> target (the figures' manifests have none: the paper's MRI animals were
    /// not stained; then <c>Note</c> says so), else the manifest.
    /// </summary>
    public static (ContrastData Data, string? Note) Open(string preset, string dataset, string stain, int seed = 1)
    {
        ContrastData Phantom() => new PhantomContrastData(Mrh.Phantom.PhantomStudy.For(Presets.PresetNames.Parse(preset), (ulong)seed), stain);
        if (string.IsNullOrWhiteSpace(dataset)) return (Phantom(), null);
        var d = Dataset.Load(dataset);
        var mri = d.SubjectsInGroup(Experiments.StudyGroups.MriTraining).Concat(d.SubjectsInGroup(Experiments.StudyGroups.MriTest)).ToArray();
        if (mri.Length > 0 && mri.All(a => d.TargetNames(a).Any(t => string.Equals(t, stain, StringComparison.OrdinalIgnoreCase))))
            return (new DatasetContrastData(d, stain), null);
        return (Phantom(), $"{d.ManifestPath}: its MRI animals have no {stain} target, so this runs on the built-in digital mouse brain");
    }

    /// <summary>A candidate this source offers by name, or null.</summary>
    protected abstract ContrastCandidate? Offered(string name, double minutes);

    static bool LooksLikeFile(string s) =>
        s.Contains('/') || s.Contains('\\') || s.EndsWith(".nii", StringComparison.OrdinalIgnoreCase) || s.EndsWith(".nii.gz", StringComparison.OrdinalIgnoreCase)
        || s.EndsWith(".hdr", StringComparison.OrdinalIgnoreCase) || s.EndsWith(".mha", StringComparison.OrdinalIgnoreCase) || s.EndsWith(".nrrd", StringComparison.OrdinalIgnoreCase);

    void CheckFiles(string pattern)
    {
        foreach (var a in TrainingAnimals.Concat(TestAnimals))
        {
            string f = pattern.Replace("{id}", a);
            if (!File.Exists(f)) throw new MrhException($"{f}: candidate volume not found (animal '{a}'{(pattern.Contains("{id}") ? "" : "; put {id} in the path for one file per animal")})");
        }
    }
}
