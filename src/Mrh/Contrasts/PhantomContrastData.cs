using Mrh.Data;
using Mrh.Imaging;
using Mrh.Phantom;

namespace Mrh.Contrasts;

/// <summary>
/// The digital mouse brain's MRI training and test animals (the 67-image protocol) with the chosen stain rendered
/// on the same animals (new outputs, by the phantom's histology model with the cohort's seed rule), and the
/// candidate contrasts of <see cref="CandidateContrasts"/> computed from their microstructure.
/// </summary>
public sealed class PhantomContrastData : ContrastData
{
    readonly PhantomStudy _study;
    readonly Stain _stain;
    readonly Dictionary<string, Volume> _targets = [];
    readonly Dictionary<(string, string), Volume> _maps = [];
    readonly Dictionary<string, bool[]> _masks = [];
    readonly Dictionary<string, Volume> _labels = [];
    readonly object _lock = new();

    public PhantomContrastData(PhantomStudy study, string stain) : base(StainNames.Parse(stain).ShortName())
    {
        _study = study;
        _stain = StainNames.Parse(stain);
    }

    public PhantomStudy Study => _study;
    public override string Description =>
        $"digital mouse brain ({_study.Config.Preset.ToString().ToLowerInvariant()} preset, {_study.Grid}, seed {_study.Seed}), {Stain} rendered on the MRI animals";
    public override Protocol Protocol => _study.MriTraining.Protocol!;
    public override IReadOnlyList<string> TrainingAnimals => _study.MriTraining.Animals.Select(a => a.Id).ToArray();
    public override IReadOnlyList<string> TestAnimals => _study.MriTest.Animals.Select(a => a.Id).ToArray();
    public override IReadOnlyList<string> CandidateNames => CandidateContrasts.Models.Select(m => m.Name).Append(CandidateContrasts.Oracle).ToArray();

    public override Volume Mri(string animal) { var (c, i) = Find(animal); return c.Mri(i); }
    public override bool[] Mask(string animal) => Once(_masks, animal, (c, i) => VolumeMask.FromVolume(c.Mask(i)));
    public override Volume? Labels(string animal) => Once(_labels, animal, (c, i) => c.Labels(i));

    /// <summary>A product of an animal's microstructure, made once (regenerating the microstructure is the slow part).</summary>
    T Once<T>(Dictionary<string, T> memo, string animal, Func<Cohort, int, T> make)
    {
        lock (_lock)
        {
            if (memo.TryGetValue(animal, out var v)) return v;
            var (c, i) = Find(animal);
            return memo[animal] = make(c, i);
        }
    }

    public override Volume Target(string animal)
    {
        lock (_lock)
        {
            if (_targets.TryGetValue(animal, out var t)) return t;
            var (c, i) = Find(animal);
            var spec = c.Animals[i];
            t = HistologySimulator.Render(c.Truth(i), _stain, _study.Config, Seeds.Derive(spec.Seed, "histology", _stain.ShortName()));
            return _targets[animal] = t;
        }
    }

    /// <summary>The map of a forward model for one animal (computed once per animal).</summary>
    public Volume Map(ContrastModel model, string animal)
    {
        lock (_lock)
        {
            if (_maps.TryGetValue((model.Name, animal), out var v)) return v;
            var (c, i) = Find(animal);
            v = model.Simulate(c.Truth(i), _study.Config, Seeds.Derive(c.Animals[i].Seed, "contrast", model.Name));
            return _maps[(model.Name, animal)] = v;
        }
    }

    protected override ContrastCandidate? Offered(string name, double minutes)
    {
        if (string.Equals(name, CandidateContrasts.Oracle, StringComparison.OrdinalIgnoreCase))
            return new ContrastCandidate(CandidateContrasts.Oracle, $"the ideal {Stain} image with 10% noise (positive control, not an MRI contrast)", CandidateContrasts.NoiseMinutes, Oracle);
        return CandidateContrasts.Find(name) is { } m ? new ContrastCandidate(m.Name, m.Title, m.ScanMinutes, a => Map(m, a)) : null;
    }

    /// <summary>
    /// The positive control: the stain's ideal image (<see cref="HistologySimulator.Ideal"/>: perfectly registered, no
    /// artefacts) with Gaussian noise of 10% of its brain mean; it carries the stain's information by construction.
    /// </summary>
    public Volume Oracle(string animal)
    {
        lock (_lock)
        {
            if (_maps.TryGetValue((CandidateContrasts.Oracle, animal), out var v)) return v;
            var (c, i) = Find(animal);
            var ideal = HistologySimulator.Ideal(c.Truth(i), _stain);
            var brain = VolumeMask.FromVolume(c.Mask(i));
            double mean = ideal.Where((_, k) => brain[k]).Select(x => (double)x).DefaultIfEmpty(0).Average();
            var rng = new Rng(Seeds.Derive(c.Animals[i].Seed, "contrast", CandidateContrasts.Oracle));
            for (int k = 0; k < ideal.Length; k++) if (brain[k]) ideal[k] += (float)(0.1 * mean * rng.NextGaussian());
            return _maps[(CandidateContrasts.Oracle, animal)] = _study.Grid.CreateVolume(ideal, CandidateContrasts.Oracle);
        }
    }

    (Cohort Cohort, int Index) Find(string animal)
    {
        foreach (var c in new[] { _study.MriTraining, _study.MriTest })
            for (int i = 0; i < c.Count; i++)
                if (c.Animals[i].Id == animal) return (c, i);
        throw new MrhException($"no MRI animal '{animal}' in the digital mouse brain study");
    }
}
