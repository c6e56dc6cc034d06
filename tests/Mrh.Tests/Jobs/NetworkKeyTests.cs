using System.Collections;
using System.Reflection;
using Mrh.Experiments;
using Mrh.Jobs;
using Mrh.Model;
using Mrh.Patches;
using Mrh.Phantom;
using Mrh.Presets;

namespace Mrh.Tests.Jobs;

public sealed class NetworkKeyTests
{
    static NetworkRecipe Recipe(TrainingSetup? setup = null, string data = "phantom abc", IReadOnlyDictionary<string, string>? inputs = null,
        string? baseKey = null, string unit = "u") =>
        new(unit, data, setup ?? TrainingSetup.For(Preset.Smoke), inputs ?? new Dictionary<string, string> { ["pairs"] = "a+b", ["channels"] = "all" }, baseKey);

    [Fact]
    public void EveryPropertyOfTheTrainingSetupChangesTheKey()
    {
        // found by reflection: a property added to TrainingSetup or to a record it holds (TrainerOptions, NetworkConfig,
        // the sampler options, TransferOptions, ...) is covered here without a change, or fails for want of a mutation
        var setup = TrainingSetup.For(Preset.Quick);
        string key = Recipe(setup).Key;
        var changed = Mutations(setup, "setup").ToList();
        Assert.True(changed.Count >= 35, $"only {changed.Count} properties found");
        foreach (var (path, mutated) in changed)
            Assert.True(Recipe((TrainingSetup)mutated).Key != key, $"changing {path} does not change the key");
    }

    [Fact]
    public void TheKeyIsTheSameForTheSameInputsAndIgnoresTheUnitName()
    {
        var a = Recipe(inputs: new Dictionary<string, string> { ["pairs"] = "a+b", ["channels"] = "all" });
        var b = Recipe(inputs: new Dictionary<string, string> { ["channels"] = "all", ["pairs"] = "a+b" }, unit: "other");
        Assert.Equal(a.Key, b.Key);
        Assert.Equal(a.Key, Recipe(TrainingSetup.For(Preset.Smoke) with { }).Key);
        Assert.Matches("^[0-9a-f]{32}$", a.Key);
    }

    [Fact]
    public void DeviceAutoHasTheKeyOfTheDeviceItResolvesToHere()
    {
        var setup = TrainingSetup.For(Preset.Smoke);
        NetworkRecipe On(ComputeDevice d) => Recipe(setup with { Trainer = setup.Trainer with { Device = d } });
        var here = Mrh.Runtime.CudaRuntime.Status.Available ? ComputeDevice.Cuda : ComputeDevice.Cpu;
        var other = here == ComputeDevice.Cuda ? ComputeDevice.Cpu : ComputeDevice.Cuda;
        Assert.Equal(On(here).Key, On(ComputeDevice.Auto).Key);
        Assert.NotEqual(On(other).Key, On(ComputeDevice.Auto).Key);
    }

    [Fact]
    public void TheDataTheInputsAndTheBaseNetworkChangeTheKey()
    {
        string key = Recipe().Key;
        Assert.NotEqual(key, Recipe(data: "phantom abd").Key);
        Assert.NotEqual(key, Recipe(inputs: new Dictionary<string, string> { ["pairs"] = "a+c", ["channels"] = "all" }).Key);
        Assert.NotEqual(key, Recipe(inputs: new Dictionary<string, string> { ["pairs"] = "a+b", ["channels"] = "0,1" }).Key);
        Assert.NotEqual(key, Recipe(inputs: new Dictionary<string, string> { ["pairs"] = "a+b", ["channels"] = "all", ["target"] = "AF" }).Key);
        Assert.NotEqual(key, Recipe(baseKey: "0123").Key);
    }

    [Fact]
    public void ThePhantomsSeedAndPresetAreItsIdentity()
    {
        var smoke1 = new PhantomStudyData(PhantomStudy.For(Preset.Smoke, 1, useCache: false));
        Assert.Equal(smoke1.Identity, new PhantomStudyData(PhantomStudy.For(Preset.Smoke, 1, useCache: false)).Identity);
        Assert.NotEqual(smoke1.Identity, new PhantomStudyData(PhantomStudy.For(Preset.Smoke, 2, useCache: false)).Identity);
        Assert.NotEqual(smoke1.Identity, new PhantomStudyData(PhantomStudy.For(Preset.Quick, 1, useCache: false)).Identity);
    }

    [Fact]
    public void TheCasesOfFigureOneHaveDistinctKeysAndSettingsThatDoNotTrainLeaveThemAlone()
    {
        var data = new PhantomStudyData(PhantomStudy.For(Preset.Smoke, 1, useCache: false));
        var settings = ExperimentSettings.For(Preset.Smoke);
        var keys = new TrainingSizeExperiment(data, settings).Units().Select(u => u.Key).ToList();
        Assert.Equal(keys.Count, keys.Distinct().Count());
        // evaluation, t-SNE, contribution and cache settings do not determine the weights
        var other = settings with { TsnePoints = 17, EvaluationSections = 3, ContributionPatches = 5, Retrain = true, NetworkCache = "/elsewhere" };
        Assert.Equal(keys, new TrainingSizeExperiment(data, other).Units().Select(u => u.Key).ToList());
        // the patch count and the seed do
        Assert.NotEqual(keys, new TrainingSizeExperiment(data, settings with { PatchesPerModel = 2999 }).Units().Select(u => u.Key).ToList());
        var reseeded = new TrainingSizeExperiment(data, settings with { Seed = 2 }).Units().Select(u => u.Key).ToList();
        Assert.Empty(keys.Intersect(reseeded));
        // another phantom seed is other data
        var data2 = new PhantomStudyData(PhantomStudy.For(Preset.Smoke, 2, useCache: false));
        Assert.Empty(keys.Intersect(new TrainingSizeExperiment(data2, settings).Units().Select(u => u.Key)));
    }

    [Fact]
    public void ADatasetIsIdentifiedByTheContentOfItsFiles()
    {
        using var dir = new Mrh.Tests.Imaging.TempDir();
        var protocol = new Mrh.Data.Protocol([new("T2W", Mrh.Data.ChannelKind.T2W, Group: "T2W"), new("MT_on", Mrh.Data.ChannelKind.MtOn, Group: "MT")]);
        Mrh.Imaging.Volume Coded(int channels, float offset) => new(4, 3, 2,
            Enumerable.Range(0, channels).Select(c => Enumerable.Range(0, 24).Select(i => offset + c * 100 + i).ToArray()).ToArray(), [0.1, 0.1, 0.1]);
        var w = new Mrh.Data.DatasetWriter(dir.Path, protocol, name: "unit");
        w.AddSubject("mri01", Coded(2, 0), targets: new Dictionary<string, Mrh.Imaging.Volume> { ["AF"] = Coded(1, 5) }, group: "mri-train");
        string manifest = w.Save();
        string first = new DatasetStudyData(Mrh.Data.Dataset.Load(manifest)).Identity;
        Assert.Equal(first, new DatasetStudyData(Mrh.Data.Dataset.Load(manifest)).Identity);
        var files = Mrh.Data.Dataset.Load(manifest).ReferencedFiles();
        Assert.Equal(3, files.Count); // the manifest, the inputs, the AF target
        var target = files.Single(f => f.Contains("AF", StringComparison.Ordinal));
        // the same file written with other values (same names, same sizes): another identity
        Mrh.Imaging.VolumeFile.Write(Coded(1, 6), target, Mrh.Imaging.VolumeDataType.Float32);
        Assert.NotEqual(first, new DatasetStudyData(Mrh.Data.Dataset.Load(manifest)).Identity);
    }

    /// <summary>Every leaf property of an options record with a different value, as a copy of the whole record.</summary>
    static IEnumerable<(string Path, object Mutated)> Mutations(object record, string path)
    {
        foreach (var p in record.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (p.SetMethod is null || p.GetIndexParameters().Length > 0) continue; // computed, not serialised state
            object? value = p.GetValue(record);
            string at = $"{path}.{p.Name}";
            if (value is not null && IsOptionsRecord(p.PropertyType))
            {
                foreach (var (inner, mutated) in Mutations(value, at))
                    yield return (inner, With(record, p, mutated));
                continue;
            }
            yield return (at, With(record, p, Changed(p.PropertyType, value, at)));
        }
    }

    static bool IsOptionsRecord(Type t) => t.Namespace?.StartsWith("Mrh", StringComparison.Ordinal) == true && t.IsClass && t.GetMethod("<Clone>$") is not null;

    static object With(object record, PropertyInfo p, object? value)
    {
        var copy = record.GetType().GetMethod("<Clone>$")!.Invoke(record, null)!;
        p.SetValue(copy, value);
        return copy;
    }

    static object? Changed(Type type, object? value, string at)
    {
        var t = Nullable.GetUnderlyingType(type) ?? type;
        if (t == typeof(int)) return (int)(value ?? 0) + 1;
        if (t == typeof(long)) return (long)(value ?? 0L) + 1;
        if (t == typeof(double)) return (double)(value ?? 0.0) * 2 + 1;
        if (t == typeof(float)) return (float)(value ?? 0f) * 2 + 1;
        if (t == typeof(bool)) return !(bool)(value ?? false);
        if (t == typeof(string)) return (string?)value + "x";
        if (t.IsEnum)
        {
            var values = Enum.GetValues(t).Cast<object>().ToList();
            Assert.True(values.Count > 1, $"{at}: enum {t.Name} has one value");
            return values[(values.IndexOf(value!) + 1) % values.Count];
        }
        if (value is IEnumerable list && t.IsGenericType && t.GetGenericArguments() is [var item] && IsOptionsRecord(item))
        {
            // a list of records (the sampler's stride tiers): change a property of the first element
            var items = list.Cast<object>().ToList();
            Assert.NotEmpty(items);
            var changedItem = Mutations(items[0], at + "[0]").First().Mutated;
            var array = Array.CreateInstance(item, items.Count);
            for (int i = 0; i < items.Count; i++) array.SetValue(i == 0 ? changedItem : items[i], i);
            return array;
        }
        Assert.Fail($"{at}: no mutation for type {type.Name}; add one here so that the key test covers it");
        return null;
    }
}
