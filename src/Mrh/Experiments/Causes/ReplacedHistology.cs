using Mrh.Data;
using Mrh.Imaging;
using Mrh.Phantom;

namespace Mrh.Experiments.Causes;

/// <summary>
/// The digital mouse brain with one stain of some animals replaced, as a cause test's change: the same animals, MRI,
/// patches and reference AF, only those histology images made otherwise. <see cref="Ideal(PhantomStudyData, Stain, IEnumerable{string})"/>:
/// the ideal image (<see cref="HistologySimulator.Ideal"/>, the stain's response to tissue with none of the imaging and
/// registration steps: no misregistration, per-animal scale, shading, section gain, noise or artefacts), from the
/// animal's own tissue or another animal's. <see cref="Imaged"/>: the same tissue and random draws imaged with other
/// <see cref="HistologyParameters"/> (e.g. without section-to-section gain).
/// </summary>
public sealed class ReplacedHistology : StudyData
{
    readonly PhantomStudyData _inner;
    readonly HashSet<Stain> _stains;
    readonly string _stainNames;
    readonly Dictionary<string, string> _tissueOf;
    readonly HistologyParameters? _parameters;
    readonly string _how;
    readonly Dictionary<string, Volume> _images = [];
    readonly Lock _lock = new();

    ReplacedHistology(PhantomStudyData inner, IEnumerable<Stain> stains, IReadOnlyDictionary<string, string> tissueOf, HistologyParameters? parameters, string how)
    {
        _inner = inner;
        _stains = [.. stains];
        _stainNames = string.Join("+", _stains.Order().Select(x => x.ShortName()));
        _tissueOf = new(tissueOf);
        _parameters = parameters;
        _how = how;
    }

    /// <summary>Each named animal's stain as the ideal image of its own tissue.</summary>
    public static ReplacedHistology Ideal(PhantomStudyData inner, Stain stain, IEnumerable<string> animals) =>
        Ideal(inner, stain, animals.ToDictionary(a => a, a => a));

    /// <summary>The named animals' stains (those they have of <paramref name="stains"/>) as the ideal images of their own tissue.</summary>
    public static ReplacedHistology Ideal(PhantomStudyData inner, IEnumerable<Stain> stains, IEnumerable<string> animals) =>
        new(inner, stains, animals.ToDictionary(a => a, a => a), null, "ideal");

    /// <summary>Each animal's (key) stain as the ideal image of another animal's (value) tissue.</summary>
    public static ReplacedHistology Ideal(PhantomStudyData inner, Stain stain, IReadOnlyDictionary<string, string> tissueOf) =>
        new(inner, [stain], tissueOf, null, "ideal");

    /// <summary>The named animals' stains (those they have of <paramref name="stains"/>) imaged with <paramref name="parameters"/> (same tissue, same seed).</summary>
    public static ReplacedHistology Imaged(PhantomStudyData inner, IEnumerable<Stain> stains, IEnumerable<string> animals, HistologyParameters parameters) =>
        new(inner, stains, animals.ToDictionary(a => a, a => a), parameters ?? throw new ArgumentNullException(nameof(parameters)),
            "imaged-" + inner.Study.Config.Hash("histology-parameters", parameters)[..12]);

    public override string Description => $"{_inner.Description}, {_stainNames} of {_tissueOf.Count} animals replaced ({_how})";
    public override string Origin => _inner.Origin + $" Here the {_stainNames} of {_tissueOf.Count} animals is made otherwise ({_how}; a cause test).";
    /// <summary>The study's identity and what was replaced (so that networks trained on it are cached apart).</summary>
    public override string Identity =>
        $"{_inner.Identity} {_how}-{_stainNames}:{string.Join(",", _tissueOf.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => p.Key == p.Value ? p.Key : $"{p.Key}<-{p.Value}"))}";
    public override Protocol Protocol => _inner.Protocol;
    protected override IReadOnlyList<string> Animals(string group) => _inner.HasGroup(group) ? _inner.Group(group) : [];
    protected override string MissingGroup(string group) => $"the digital mouse brain has no animals in group '{group}'";
    public override Volume Mri(string animal) => _inner.Mri(animal);
    public override Protocol ProtocolOf(string animal) => _inner.ProtocolOf(animal);
    public override bool[] Mask(string animal) => _inner.Mask(animal);
    public override Volume AfReference() => _inner.AfReference();
    public override Volume? Labels() => _inner.Labels();

    public override Volume Histology(string animal, string name)
    {
        var stain = StainNames.Parse(name);
        if (!_stains.Contains(stain) || !_tissueOf.TryGetValue(animal, out var tissue)) return _inner.Histology(animal, name);
        string key = $"{animal}|{stain}";
        lock (_lock)
        {
            if (_images.TryGetValue(key, out var v)) return v;
            var (own, index) = _inner.Study.Locate(animal);
            if (!own.Stains.Contains(stain)) throw new MrhException($"animal '{animal}' of the digital mouse brain has no {stain.ShortName()} histology");
            if (_parameters is not null) return _images[key] = own.Histology(index, stain, _parameters);
            var (cohort, i) = _inner.Study.Locate(tissue);
            return _images[key] = _inner.Study.Grid.CreateVolume(HistologySimulator.Ideal(cohort.Truth(i), stain), stain.ShortName());
        }
    }
}
