using System.Globalization;
using System.Text;
using Mrh.Data;
using Mrh.Imaging;
using Mrh.Presets;

namespace Mrh.Phantom;

/// <summary>
/// The whole synthetic study of the paper for one configuration and seed: MRI training (6) and test (4)
/// animals with the 67-image protocol, shiverer and control (5/5, with MBP), sas4-/-p53-/- and control
/// (4/4, PGSE + OGSE protocol, with Nissl), 100 auto-fluorescence animals and their reference average, and
/// single animals stained for NF, MBP and Nissl. Different animals are different mice registered to one
/// atlas. Data is generated lazily and kept in a <see cref="PhantomCache"/> when one is given.
/// </summary>
public sealed class PhantomStudy
{
    readonly PhantomCache? _cache;
    readonly object _memoLock = new();
    AnimalSpec? _memoAnimal;
    Microstructure? _memo;

    /// <summary>A study; <paramref name="cache"/> null keeps everything in memory only.</summary>
    public PhantomStudy(PhantomConfig config, ulong seed = 1, PhantomCache? cache = null)
    {
        config.Validate();
        Config = config; Seed = seed; _cache = cache;
        var sizes = config.Cohorts;
        var p67 = Protocol.Default67();
        var ogse = Protocol.Ogse42();
        MriTraining = Make("mri-train", "C57BL/6 P60, 67-image MRI (training)", sizes.MriTraining, Genotype.WildType, 60, p67, []);
        MriTest = Make("mri-test", "C57BL/6 P60, 67-image MRI (test)", sizes.MriTest, Genotype.WildType, 60, p67, []);
        Shiverer = Make("shiverer", "rag2-/- shiverer P50, 67-image MRI + MBP", sizes.Shiverer, Genotype.Shiverer, 50, p67, [Stain.MyelinBasicProtein]);
        ShivererControls = Make("shiverer-control", "littermate controls P50, 67-image MRI + MBP", sizes.ShivererControls, Genotype.WildType, 50, p67, [Stain.MyelinBasicProtein]);
        Sas4 = Make("sas4", "sas4-/-p53-/- P28, PGSE + OGSE MRI + Nissl", sizes.Sas4, Genotype.Sas4P53, 28, ogse, [Stain.Nissl]);
        Sas4Controls = Make("sas4-control", "littermate controls P28, PGSE + OGSE MRI + Nissl", sizes.Sas4Controls, Genotype.WildType, 28, ogse, [Stain.Nissl]);
        AutoFluorescence = Make("af", "Allen-like AF animals (serial two-photon)", sizes.AutoFluorescence, Genotype.WildType, 56, null, [Stain.AutoFluorescence]);
        AfReferenceAnimals = Make("af-reference", "animals averaged into the reference AF", sizes.AfReferenceAverage, Genotype.WildType, 56, null, [Stain.AutoFluorescence]);
        Neurofilament = Make("nf", "single animal, neurofilament sections", 1, Genotype.WildType, 56, null, [Stain.Neurofilament]);
        MyelinBasicProtein = Make("mbp", "single animal, MBP sections", 1, Genotype.WildType, 56, null, [Stain.MyelinBasicProtein]);
        Nissl = Make("nissl", "single animal, Nissl (3D)", 1, Genotype.WildType, 56, null, [Stain.Nissl]);
        Cohorts = [MriTraining, MriTest, Shiverer, ShivererControls, Sas4, Sas4Controls, AutoFluorescence, AfReferenceAnimals, Neurofilament, MyelinBasicProtein, Nissl];
    }

    /// <summary>The study for a preset, cached in <see cref="PhantomCache.Default"/> unless <paramref name="useCache"/> is false.</summary>
    public static PhantomStudy For(Preset preset, ulong seed = 1, bool useCache = true) =>
        new(PhantomConfig.For(preset), seed, useCache ? PhantomCache.Default() : null);

    public PhantomConfig Config { get; }
    public ulong Seed { get; }
    public PhantomCache? Cache => _cache;
    public PhantomGrid Grid => Config.Grid;

    public Cohort MriTraining { get; }
    public Cohort MriTest { get; }
    public Cohort Shiverer { get; }
    public Cohort ShivererControls { get; }
    public Cohort Sas4 { get; }
    public Cohort Sas4Controls { get; }
    public Cohort AutoFluorescence { get; }
    public Cohort AfReferenceAnimals { get; }
    public Cohort Neurofilament { get; }
    public Cohort MyelinBasicProtein { get; }
    public Cohort Nissl { get; }
    public IReadOnlyList<Cohort> Cohorts { get; }

    /// <summary>A cohort by name; a clear error listing the names otherwise.</summary>
    public Cohort Cohort(string name) => Cohorts.FirstOrDefault(c => c.Name == name)
        ?? throw new MrhException($"no cohort '{name}' (cohorts: {string.Join(", ", Cohorts.Select(c => c.Name))})");

    /// <summary>The reference AF: the voxel-wise average of the AF images of <see cref="AfReferenceAnimals"/>.</summary>
    public Volume AfReference() => Cached("af-reference.AF", Config.Hash("af-reference", Seed, AfReferenceAnimals.Count), () =>
    {
        var sum = new double[Grid.VoxelCount];
        int n = AfReferenceAnimals.Count;
        if (n == 0) throw new MrhException("the AF reference needs at least one animal");
        for (int a = 0; a < n; a++)
        {
            var af = AfReferenceAnimals.Histology(a).Channels[0];
            for (int i = 0; i < sum.Length; i++) sum[i] += af[i];
        }
        var mean = new float[sum.Length];
        for (int i = 0; i < mean.Length; i++) mean[i] = (float)(sum[i] / n);
        return Grid.CreateVolume(mean, "AF");
    });

    /// <summary>The atlas itself (no animal variation): the space every animal is registered to.</summary>
    public Microstructure Atlas() => MicrostructureGenerator.Atlas(Config);

    /// <summary>Structure labels of the atlas (the segmentation used for regional analyses).</summary>
    public Volume AtlasLabels() { var a = Atlas(); return Grid.CreateVolume(a.LabelsAsFloat(), "label"); }

    /// <summary>Brain mask of the atlas.</summary>
    public Volume AtlasMask() { var a = Atlas(); return Grid.CreateVolume(a.Mask(), "mask"); }

    /// <summary>Generates (or finds in the cache) every product of every cohort; progress counts products.</summary>
    public int GenerateAll(IProgress<long>? progress = null, Func<Cohort, bool>? include = null)
    {
        var work = new List<Action>();
        foreach (var c in Cohorts.Where(c => include?.Invoke(c) ?? true))
            for (int i = 0; i < c.Count; i++)
            {
                int index = i;
                if (c.HasMri) work.Add(() => c.Mri(index));
                foreach (var s in c.Stains) work.Add(() => c.Histology(index, s));
            }
        if (include?.Invoke(AfReferenceAnimals) ?? true) work.Add(() => AfReference());
        for (int k = 0; k < work.Count; k++) { work[k](); progress?.Report(k + 1); }
        return work.Count;
    }

    /// <summary>Number of products <see cref="GenerateAll"/> makes.</summary>
    public int ProductCount(Func<Cohort, bool>? include = null) =>
        Cohorts.Where(c => include?.Invoke(c) ?? true).Sum(c => c.Count * ((c.HasMri ? 1 : 0) + c.Stains.Count))
        + ((include?.Invoke(AfReferenceAnimals) ?? true) ? 1 : 0);

    internal Volume Mri(Cohort cohort, int index, bool noise, TissueParameters? tissue = null)
    {
        var animal = cohort.Animals[index];
        var protocol = cohort.Protocol ?? throw new MrhException($"cohort '{cohort.Name}' has no MRI");
        string fingerprint = Fingerprint(protocol);
        // other tissue parameters: the same animal, microstructure and random draws (same seed), other MRI physics; cached apart
        var physics = tissue is null || tissue == Config.Tissue ? Config : Config with { Tissue = tissue };
        string hash = physics.Hash("mri", Describe(animal), fingerprint, noise);
        string name = $"{animal.Id}.mri{(noise ? "" : "-clean")}" + (ReferenceEquals(physics, Config) ? "" : "-" + hash[..12]);
        return Cached(name, hash, () =>
        {
            var config = noise ? physics : physics with { Acquisition = physics.Acquisition with { AddNoise = false } };
            return MriSimulator.Simulate(Truth(animal), protocol, config, Seeds.Derive(animal.Seed, "mri", fingerprint));
        });
    }

    internal Volume Histology(Cohort cohort, int index, Stain stain, HistologyParameters? parameters = null)
    {
        if (!cohort.Stains.Contains(stain))
            throw new MrhException($"cohort '{cohort.Name}' has no {stain.ShortName()} (it has: {(cohort.Stains.Count == 0 ? "no histology" : string.Join(", ", cohort.Stains.Select(s => s.ShortName())))})");
        var animal = cohort.Animals[index];
        // other histology parameters: the same animal, tissue and random draws (same seed), another imaging; cached apart
        var config = parameters is null || parameters == Config.Histology ? Config : Config with { Histology = parameters };
        string hash = config.Hash("histology", Describe(animal), stain);
        string name = $"{animal.Id}.{stain.ShortName()}" + (ReferenceEquals(config, Config) ? "" : "-" + hash[..12]);
        return Cached(name, hash, () =>
            HistologySimulator.Render(Truth(animal), stain, config, Seeds.Derive(animal.Seed, "histology", stain.ShortName())));
    }

    /// <summary>The cohort and index of an animal by its id; a one-line error when the study has none.</summary>
    public (Cohort Cohort, int Index) Locate(string animal)
    {
        foreach (var c in Cohorts)
            for (int i = 0; i < c.Count; i++)
                if (c.Animals[i].Id == animal) return (c, i);
        throw new MrhException($"no animal '{animal}' in the digital mouse brain study");
    }

    /// <summary>The microstructure of an animal (the last one is kept in memory, the rest regenerated on demand).</summary>
    internal Microstructure Truth(AnimalSpec animal)
    {
        lock (_memoLock)
        {
            if (_memo is not null && _memoAnimal == animal) return _memo;
        }
        var m = MicrostructureGenerator.Generate(Config, animal);
        lock (_memoLock) { _memoAnimal = animal; _memo = m; }
        return m;
    }

    Volume Cached(string name, string hash, Func<Volume> make) => _cache is null ? make() : _cache.GetOrCreate(name, hash, make);

    Cohort Make(string name, string description, int count, Genotype genotype, int age, Protocol? protocol, Stain[] stains)
    {
        var animals = Enumerable.Range(0, count)
            .Select(i => new AnimalSpec($"{name}-{(i + 1).ToString(count >= 100 ? "000" : "00", CultureInfo.InvariantCulture)}", Seeds.Derive(Seed, name, i), genotype, age))
            .ToArray();
        return new Cohort(this, name, description, animals, protocol, stains);
    }

    static string Describe(AnimalSpec a) => $"{a.Id}|{a.Seed}|{a.Genotype}|{a.AgeDays}";

    static string Fingerprint(Protocol protocol)
    {
        var sb = new StringBuilder();
        foreach (var c in protocol.Channels)
            sb.Append(c.Name).Append(':').Append(c.Kind).Append(':').Append(c.BValue.ToString("R", CultureInfo.InvariantCulture)).Append(':')
              .Append(c.OgseFrequencyHz.ToString("R", CultureInfo.InvariantCulture)).Append(':')
              .Append(c.Direction is null ? "-" : string.Join(",", c.Direction.Select(d => d.ToString("R", CultureInfo.InvariantCulture)))).Append(';');
        var digest = System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(sb.ToString()));
        return Convert.ToHexString(digest, 0, 6).ToLowerInvariant();
    }
}
