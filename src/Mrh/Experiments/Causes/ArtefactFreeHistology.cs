using Mrh.Data;
using Mrh.Imaging;
using Mrh.Phantom;

namespace Mrh.Experiments.Causes;

/// <summary>
/// The digital mouse brain with one stain of some animals replaced by an ideal image (<see cref="HistologySimulator.Ideal"/>:
/// the stain's response to tissue, with none of the imaging and registration steps: no misregistration, per-animal scale,
/// shading, section gain, noise or artefacts). The tissue is the animal's own, or another animal's where
/// <c>tissueOf</c> says so (e.g. the MRI animal a histology animal is paired with). Everything else, including the
/// reference AF, is the study's. A cause test's change: the same animals and patches, only the training targets changed.
/// </summary>
public sealed class ArtefactFreeHistology(PhantomStudyData inner, Stain stain, IReadOnlyDictionary<string, string> tissueOf) : StudyData
{
    readonly Dictionary<string, string> _tissueOf = new(tissueOf);

    /// <summary>Each named animal's stain from its own tissue.</summary>
    public ArtefactFreeHistology(PhantomStudyData inner, Stain stain, IEnumerable<string> animals)
        : this(inner, stain, animals.ToDictionary(a => a, a => a)) { }

    readonly Dictionary<string, Volume> _ideal = [];
    readonly Lock _lock = new();

    public override string Description => $"{inner.Description}, ideal {stain.ShortName()} for {_tissueOf.Count} animals";
    public override string Origin => inner.Origin + $" Here the {stain.ShortName()} of {_tissueOf.Count} animals is an ideal image, without histology artefacts (a cause test).";
    /// <summary>The study's identity and what was replaced (so that networks trained on it are cached apart).</summary>
    public override string Identity =>
        $"{inner.Identity} ideal-{stain.ShortName()}:{string.Join(",", _tissueOf.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => p.Key == p.Value ? p.Key : $"{p.Key}<-{p.Value}"))}";
    public override Protocol Protocol => inner.Protocol;
    protected override IReadOnlyList<string> Animals(string group) => inner.HasGroup(group) ? inner.Group(group) : [];
    protected override string MissingGroup(string group) => $"the digital mouse brain has no animals in group '{group}'";
    public override Volume Mri(string animal) => inner.Mri(animal);
    public override Protocol ProtocolOf(string animal) => inner.ProtocolOf(animal);
    public override bool[] Mask(string animal) => inner.Mask(animal);
    public override Volume AfReference() => inner.AfReference();
    public override Volume? Labels() => inner.Labels();

    public override Volume Histology(string animal, string name)
    {
        if (StainNames.Parse(name) != stain || !_tissueOf.TryGetValue(animal, out var tissue)) return inner.Histology(animal, name);
        lock (_lock)
        {
            if (_ideal.TryGetValue(animal, out var v)) return v;
            var (own, _) = Find(animal);
            if (!own.Stains.Contains(stain)) throw new MrhException($"animal '{animal}' of the digital mouse brain has no {stain.ShortName()} histology");
            var (cohort, index) = Find(tissue);
            return _ideal[animal] = inner.Study.Grid.CreateVolume(HistologySimulator.Ideal(cohort.Truth(index), stain), stain.ShortName());
        }
    }

    (Cohort Cohort, int Index) Find(string animal)
    {
        foreach (var c in inner.Study.Cohorts)
            for (int i = 0; i < c.Count; i++)
                if (c.Animals[i].Id == animal) return (c, i);
        throw new MrhException($"no animal '{animal}' in the digital mouse brain study");
    }
}
