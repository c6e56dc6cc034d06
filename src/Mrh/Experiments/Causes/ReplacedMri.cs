using Mrh.Data;
using Mrh.Imaging;
using Mrh.Phantom;

namespace Mrh.Experiments.Causes;

/// <summary>
/// The digital mouse brain with the MRI of some animals simulated with other MRI physics (<see cref="TissueParameters"/>),
/// as a cause test's change: the same animals, microstructure, random draws, histology and masks, only those animals'
/// images made otherwise (<see cref="Cohort.Mri(int, TissueParameters)"/>). The other animals keep the study's MRI.
/// </summary>
public sealed class ReplacedMri : StudyData
{
    readonly PhantomStudyData _inner;
    readonly HashSet<string> _animals;
    readonly TissueParameters _tissue;
    readonly string _how;

    public ReplacedMri(PhantomStudyData inner, IEnumerable<string> animals, TissueParameters tissue)
    {
        _inner = inner ?? throw new ArgumentNullException(nameof(inner));
        _tissue = tissue ?? throw new ArgumentNullException(nameof(tissue));
        _animals = [.. animals];
        foreach (var a in _animals)
            if (!_inner.Study.Locate(a).Cohort.HasMri) throw new MrhException($"animal '{a}' of the digital mouse brain has no MRI to simulate otherwise");
        _how = "mri-" + inner.Study.Config.Hash("tissue-parameters", tissue)[..12];
    }

    /// <summary>The study with every mouse's MRI simulated with <paramref name="tissue"/> (a change to the MRI physics itself).</summary>
    public static ReplacedMri EveryMouse(PhantomStudyData inner, TissueParameters tissue) =>
        new(inner, inner.Study.Cohorts.Where(c => c.HasMri).SelectMany(c => c.Animals.Select(a => a.Id)), tissue);

    public override string Description => $"{_inner.Description}, MRI of {_animals.Count} animals simulated with other tissue physics";
    public override string Origin => _inner.Origin + $" Here the MRI of {_animals.Count} animals is simulated with other tissue physics ({_how}; a cause test).";
    /// <summary>The study's identity and what was replaced (so that anything cached from it is kept apart).</summary>
    public override string Identity => $"{_inner.Identity} {_how}:{string.Join(",", _animals.Order(StringComparer.Ordinal))}";
    public override Protocol Protocol => _inner.Protocol;
    protected override IReadOnlyList<string> Animals(string group) => _inner.HasGroup(group) ? _inner.Group(group) : [];
    protected override string MissingGroup(string group) => $"the digital mouse brain has no animals in group '{group}'";
    public override Protocol ProtocolOf(string animal) => _inner.ProtocolOf(animal);
    public override bool[] Mask(string animal) => _inner.Mask(animal);
    public override Volume Histology(string animal, string stain) => _inner.Histology(animal, stain);
    public override Volume AfReference() => _inner.AfReference();
    public override Volume? Labels() => _inner.Labels();

    public override Volume Mri(string animal)
    {
        if (!_animals.Contains(animal)) return _inner.Mri(animal);
        var (cohort, index) = _inner.Study.Locate(animal);
        return cohort.Mri(index, _tissue);
    }
}
