using System.Text.Json.Nodes;
using Mrh.Jobs;
using Mrh.Model;
using Mrh.Presets;
using Mrh.Tests.Model;

namespace Mrh.Tests.Jobs;

[Collection(TorchCollection.Name)]
public sealed class NetworkCacheTests(TrainedFixture fx) : IDisposable
{
    readonly string _dir = Path.Combine(Path.GetTempPath(), "mrh-cache-test-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_dir)) Directory.Delete(_dir, true);
    }

    static NetworkRecipe Recipe(string unit = "unit-a", int seed = 7) =>
        new(unit, "synthetic", TrainingSetup.For(Preset.Smoke) with { Seed = seed }, new Dictionary<string, string> { ["pairs"] = "a,b" });

    /// <summary>A "training" that hands out the fixture's trained network and counts the calls.</summary>
    sealed class CountingTrainer(TrainedModel trained)
    {
        public int Calls;
        public TrainedModel Train() { Calls++; return trained; }
    }

    [Fact]
    public void ASecondRequestLoadsTheSameNetworkWithoutTraining()
    {
        var cache = new NetworkCache(_dir);
        var trainer = new CountingTrainer(fx.Trained);
        var first = cache.GetOrTrain(Recipe(), trainer.Train);
        Assert.Same(fx.Trained, first);
        using var second = cache.GetOrTrain(Recipe("another unit"), trainer.Train).Model; // same inputs, same key
        Assert.Equal(1, trainer.Calls);
        Assert.Equal(fx.Trained.Model.Network.WeightBytes(), second.Network.WeightBytes());
        Assert.Equal(fx.Trained.Result.History, second.Metadata.Result!.History); // the loss curve for the figures
        Assert.Equal(new CacheStatistics(1, 1, 0, 0), cache.Statistics());
        var entry = Assert.Single(cache.List());
        Assert.Equal(Recipe().Key, entry.Entry.Key);
        Assert.Equal("unit-a", entry.Entry.Unit);
        Assert.Equal(Environment.ProcessId, entry.Entry.Origin.ProcessId);
        Assert.Contains("\"seed\":7", entry.Entry.Recipe);
        Assert.True(entry.Bytes > 1000 && cache.SizeBytes() >= entry.Bytes);
        Assert.True(cache.Contains(Recipe().Key));
        Assert.False(cache.Contains(Recipe(seed: 8).Key));
    }

    [Theory]
    [InlineData("weights.bin", "truncate")]
    [InlineData("weights.bin", "flip")]
    [InlineData("model.json", "flip")]
    [InlineData("model.json", "delete")]
    [InlineData("entry.json", "truncate")]
    public void ADamagedEntryIsDetectedAndRebuilt(string file, string damage)
    {
        var cache = new NetworkCache(_dir);
        var trainer = new CountingTrainer(fx.Trained);
        cache.GetOrTrain(Recipe(), trainer.Train);
        string path = Path.Combine(cache.EntryFolder(Recipe().Key), file);
        var bytes = File.ReadAllBytes(path);
        switch (damage)
        {
            case "truncate": File.WriteAllBytes(path, bytes[..(bytes.Length / 2)]); break;
            case "flip": bytes[bytes.Length / 2] ^= 0x20; File.WriteAllBytes(path, bytes); break;
            default: File.Delete(path); break;
        }
        Assert.Null(cache.TryLoad(Recipe().Key, out var problem));
        Assert.False(string.IsNullOrEmpty(problem));
        cache.GetOrTrain(Recipe(), trainer.Train);
        Assert.Equal(2, trainer.Calls);
        Assert.Equal(new CacheStatistics(2, 0, 1, 0), cache.Statistics());
        Assert.Contains(File.ReadLines(cache.LogFile), l => l.Contains("\tdamaged\t", StringComparison.Ordinal) && l.Contains(Recipe().Key, StringComparison.Ordinal));
        using var rebuilt = cache.TryLoad(Recipe().Key, out problem)!.Model;
        Assert.Null(problem);
        Assert.Equal(fx.Trained.Model.Network.WeightBytes(), rebuilt.Network.WeightBytes());
    }

    [Fact]
    public void RetrainTrainsAndReplacesTheEntry()
    {
        var cache = new NetworkCache(_dir);
        var trainer = new CountingTrainer(fx.Trained);
        cache.GetOrTrain(Recipe(), trainer.Train);
        var before = Assert.Single(cache.List()).Entry.TrainedUtc;
        cache.GetOrTrain(Recipe(), trainer.Train, retrain: true);
        Assert.Equal(2, trainer.Calls);
        Assert.True(Assert.Single(cache.List()).Entry.TrainedUtc >= before);
        Assert.Equal(new CacheStatistics(2, 0, 0, 1), cache.Statistics());
        Assert.Empty(Directory.GetDirectories(Path.Combine(_dir, "tmp"))); // nothing half-written left behind
    }

    [Fact]
    public async Task ConcurrentRequestsForOneKeyTrainOnce()
    {
        var cache = new NetworkCache(_dir);
        int calls = 0;
        TrainedModel Slow()
        {
            Interlocked.Increment(ref calls);
            Thread.Sleep(1500);
            return fx.Trained;
        }
        var tasks = Enumerable.Range(0, 3).Select(_ => Task.Run(() => cache.GetOrTrain(Recipe(), Slow))).ToArray();
        var results = await Task.WhenAll(tasks);
        Assert.Equal(1, calls);
        foreach (var r in results)
            if (!ReferenceEquals(r, fx.Trained)) r.Model.Dispose();
    }

    [Fact]
    public void StatisticsOfThisProcessLeaveOutOtherProcessesLines()
    {
        var cache = new NetworkCache(_dir);
        cache.GetOrTrain(Recipe(), () => fx.Trained);
        File.AppendAllText(cache.LogFile, "2026-01-01T00:00:00Z\ttrained\t0123\tfig1-i\tnode7 pid 4242, slurm array 9 task 1\t3.0 s\n");
        Assert.Equal(new CacheStatistics(2, 0, 0, 0), cache.Statistics());
        Assert.Equal(new CacheStatistics(1, 0, 0, 0), cache.Statistics(thisProcess: true));
    }

    [Fact]
    public void ClearDeletesOnlyWhatTheCacheMade()
    {
        var cache = new NetworkCache(_dir);
        cache.GetOrTrain(Recipe(), () => fx.Trained);
        cache.GetOrTrain(Recipe(seed: 8), () => fx.Trained);
        File.WriteAllText(Path.Combine(_dir, "notes.txt"), "mine");
        Assert.Equal(2, cache.Clear());
        Assert.Empty(cache.List());
        Assert.Equal(["notes.txt"], Directory.GetFileSystemEntries(_dir).Select(Path.GetFileName));
        Assert.Equal(new CacheStatistics(0, 0, 0, 0), cache.Statistics());
    }

    [Fact]
    public void TheFolderComesFromTheArgumentTheEnvironmentOrTheRepository()
    {
        Assert.Equal(Path.GetFullPath(_dir), NetworkCache.Open(_dir)!.Folder);
        Assert.Null(NetworkCache.Open("off"));
        // the test run sets MRH_CACHE (TestNetworkCache) to a folder of its own
        Assert.Equal(Path.GetFullPath(Environment.GetEnvironmentVariable(NetworkCache.EnvironmentVariable)!), NetworkCache.Open()!.Folder);
        var json = JsonNode.Parse(File.ReadAllText(Path.Combine(new NetworkCache(_dir).EntryFolder(Store()), CacheEntry.FileName)))!;
        Assert.Equal(CacheEntry.FormatName, (string?)json["format"]);
    }

    string Store()
    {
        var cache = new NetworkCache(_dir);
        cache.Store(Recipe(), fx.Trained, 1.5);
        return Recipe().Key;
    }
}
