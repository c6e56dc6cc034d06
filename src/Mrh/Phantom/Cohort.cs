using Mrh.Data;
using Mrh.Imaging;

namespace Mrh.Phantom;

/// <summary>
/// A group of animals of the study with the data that exists for them: MRI with a protocol, histology
/// with some stains, or both. Everything is generated on first request (and taken from the disk cache
/// afterwards); indices run from 0 to <see cref="Count"/> - 1.
/// </summary>
public sealed class Cohort
{
    readonly PhantomStudy _study;

    internal Cohort(PhantomStudy study, string name, string description, IReadOnlyList<AnimalSpec> animals, Protocol? protocol, IReadOnlyList<Stain> stains)
    {
        _study = study; Name = name; Description = description; Animals = animals; Protocol = protocol; Stains = stains;
    }

    /// <summary>Short identifier ("mri-train", "shiverer", "af" ...).</summary>
    public string Name { get; }
    public string Description { get; }
    public IReadOnlyList<AnimalSpec> Animals { get; }
    /// <summary>The MRI protocol of these animals, or null if they have no MRI.</summary>
    public Protocol? Protocol { get; }
    /// <summary>The histology these animals have.</summary>
    public IReadOnlyList<Stain> Stains { get; }
    public int Count => Animals.Count;
    public bool HasMri => Protocol is not null;

    /// <summary>All MRI images of animal <paramref name="index"/> in protocol order (with Rician noise unless <paramref name="noise"/> is false).</summary>
    public Volume Mri(int index, bool noise = true) => _study.Mri(this, Check(index), noise);

    /// <summary>
    /// The MRI of animal <paramref name="index"/> simulated with other MRI physics (<paramref name="tissue"/>, e.g. radial
    /// diffusion that does not depend on myelin): the same microstructure and the same random draws (seed) as <see cref="Mri(int, bool)"/>.
    /// </summary>
    public Volume Mri(int index, TissueParameters tissue) => _study.Mri(this, Check(index), true, tissue ?? throw new ArgumentNullException(nameof(tissue)));

    /// <summary>A histology image of animal <paramref name="index"/>.</summary>
    public Volume Histology(int index, Stain stain) => _study.Histology(this, Check(index), stain);

    /// <summary>
    /// The histology image of animal <paramref name="index"/> imaged with other <paramref name="parameters"/> (e.g. without
    /// section-to-section gain): the same tissue and the same random draws (seed) as <see cref="Histology(int, Stain)"/>.
    /// </summary>
    public Volume Histology(int index, Stain stain, HistologyParameters parameters) => _study.Histology(this, Check(index), stain, parameters);

    /// <summary>The histology image of animal <paramref name="index"/> when the cohort has exactly one stain.</summary>
    public Volume Histology(int index) => Stains.Count == 1
        ? Histology(index, Stains[0])
        : throw new MrhException($"cohort '{Name}' has {Stains.Count} stains; name one ({string.Join(", ", Stains.Select(s => s.ShortName()))})");

    /// <summary>The animal's ground-truth microstructure.</summary>
    public Microstructure Truth(int index) => _study.Truth(Animals[Check(index)]);

    /// <summary>The animal's structure labels (<see cref="StructureLabel"/> values as floats).</summary>
    public Volume Labels(int index) { var m = Truth(index); return m.Grid.CreateVolume(m.LabelsAsFloat(), "label"); }

    /// <summary>The animal's brain mask (1 inside, ventricles included).</summary>
    public Volume Mask(int index) { var m = Truth(index); return m.Grid.CreateVolume(m.Mask(), "mask"); }

    int Check(int index) => index >= 0 && index < Count
        ? index
        : throw new MrhException($"cohort '{Name}' has animals 0..{Count - 1}, not {index}");

    public override string ToString() => $"{Name}: {Count} x {Description}";
}
