using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using Mrh.IO;
using Mrh.Model;

namespace Mrh.Jobs;

/// <summary>
/// A content-addressed store of trained networks: one folder per key (<see cref="NetworkKey"/>), holding the
/// checkpoint (<see cref="ModelCheckpoint"/>: weights, model.json with the training history, the loss curve) and
/// <see cref="CacheEntry"/> (entry.json). An entry is assembled in a temporary folder and renamed into place, so
/// readers never see half an entry; a damaged entry (a missing, truncated or altered file: checksums of
/// model.json and of the weights) is reported in the log and trained again. While a process trains a key it
/// holds a lock file, so several processes (array tasks) asking for the same network train it once. Every
/// event is one line of <see cref="LogFile"/> (UTC time, event, key, unit, process), which is how a run shows
/// what it trained (<see cref="Statistics"/>).
/// </summary>
public sealed class NetworkCache
{
    public const string TrainedEvent = "trained", HitEvent = "hit", DamagedEvent = "damaged", RetrainEvent = "retrain";
    /// <summary>The environment variable that sets the folder; "off" turns the cache off.</summary>
    public const string EnvironmentVariable = "MRH_CACHE";
    const string LogName = "cache.log", TempName = "tmp", LockName = "locks";

    public NetworkCache(string folder)
    {
        if (string.IsNullOrWhiteSpace(folder)) throw new MrhException("the network cache folder must not be empty");
        Folder = Path.GetFullPath(folder);
    }

    public string Folder { get; }
    public string LogFile => Path.Combine(Folder, LogName);

    /// <summary>
    /// The cache to use: <paramref name="folder"/> when given; else $MRH_CACHE; else data/generated/networks of the
    /// repository that holds the current folder or the program (found by MrhNotebooks.sln); else the user's cache
    /// folder ($XDG_CACHE_HOME or ~/.cache, then mrh/networks). Null when the folder (or $MRH_CACHE) is "off".
    /// </summary>
    public static NetworkCache? Open(string? folder = null)
    {
        folder = string.IsNullOrWhiteSpace(folder) ? Environment.GetEnvironmentVariable(EnvironmentVariable) : folder;
        if (string.Equals(folder?.Trim(), "off", StringComparison.OrdinalIgnoreCase)) return null;
        if (!string.IsNullOrWhiteSpace(folder)) return new NetworkCache(folder);
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, "MrhNotebooks.sln")))
                    return new NetworkCache(Path.Combine(dir.FullName, "data", "generated", "networks"));
        var cache = Environment.GetEnvironmentVariable("XDG_CACHE_HOME");
        if (string.IsNullOrWhiteSpace(cache))
        {
            var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
            cache = string.IsNullOrEmpty(home) ? Path.GetTempPath() : Path.Combine(home, ".cache");
        }
        return new NetworkCache(Path.Combine(cache, "mrh", "networks"));
    }

    /// <summary>The folder of an entry: two levels, by the key's first two digits.</summary>
    public string EntryFolder(string key) => Path.Combine(Folder, key[..2], key);

    /// <summary>
    /// The network of <paramref name="recipe"/> from the cache, or trained by <paramref name="train"/> and stored;
    /// with <paramref name="retrain"/> it is trained (and the entry replaced) even when the cache has it.
    /// </summary>
    public TrainedModel GetOrTrain(NetworkRecipe recipe, Func<TrainedModel> train, bool retrain = false)
    {
        ArgumentNullException.ThrowIfNull(recipe);
        ArgumentNullException.ThrowIfNull(train);
        string key = recipe.Key;
        if (!retrain && TryLoad(key, out _) is { } found)
        {
            Log(HitEvent, key, recipe.Unit);
            return found;
        }
        using var held = Lock(key);
        string? problem = null;
        if (!retrain && TryLoad(key, out problem) is { } meanwhile) // trained by another process while we waited
        {
            Log(HitEvent, key, recipe.Unit);
            return meanwhile;
        }
        if (problem is not null) Log(DamagedEvent, key, recipe.Unit, problem);
        if (retrain) Log(RetrainEvent, key, recipe.Unit);
        var clock = Stopwatch.StartNew();
        var trained = train();
        double seconds = clock.Elapsed.TotalSeconds;
        Store(recipe, trained, seconds);
        Log(TrainedEvent, key, recipe.Unit, seconds.ToString("0.0", CultureInfo.InvariantCulture) + " s");
        return trained;
    }

    /// <summary>True when the cache holds an intact entry for <paramref name="key"/>.</summary>
    public bool Contains(string key)
    {
        using var model = TryLoad(key, out _)?.Model;
        return model is not null;
    }

    /// <summary>
    /// The cached network of a key, or null: with <paramref name="problem"/> null when there is no entry, else
    /// saying what is wrong with the entry found.
    /// </summary>
    public TrainedModel? TryLoad(string key, out string? problem)
    {
        problem = null;
        string dir = EntryFolder(key);
        if (!Directory.Exists(dir)) return null;
        try
        {
            string entryPath = Path.Combine(dir, CacheEntry.FileName);
            if (!File.Exists(entryPath)) throw new MrhException($"no {CacheEntry.FileName}");
            var entry = JsonSerializer.Deserialize<CacheEntry>(File.ReadAllBytes(entryPath), ModelCheckpoint.JsonOptions)
                ?? throw new MrhException($"empty {CacheEntry.FileName}");
            if (entry.Format != CacheEntry.FormatName || entry.Key != key) throw new MrhException($"{CacheEntry.FileName} is not the record of this key");
            string metaPath = Path.Combine(dir, ModelCheckpoint.MetadataFile);
            if (!File.Exists(metaPath)) throw new MrhException($"no {ModelCheckpoint.MetadataFile}");
            if (!string.Equals(Sha256(metaPath), entry.ModelSha256, StringComparison.OrdinalIgnoreCase))
                throw new MrhException($"{ModelCheckpoint.MetadataFile} does not match its checksum");
            var model = ModelCheckpoint.Load(dir); // checks the weights against their checksum
            if (model.Metadata.Result is not { } result)
            {
                model.Dispose();
                throw new MrhException("the model has no training history");
            }
            return new TrainedModel(model, result);
        }
        catch (Exception e) when (e is MrhException or IOException or JsonException or UnauthorizedAccessException)
        {
            problem = FirstLine(e.Message);
            return null;
        }
    }

    /// <summary>Stores a trained network under its recipe's key (replacing an entry that is there).</summary>
    public void Store(NetworkRecipe recipe, TrainedModel trained, double trainSeconds)
    {
        string key = recipe.Key, final = EntryFolder(key);
        string temp = Path.Combine(Folder, TempName, $"{key}.{Environment.ProcessId}.{Guid.NewGuid():N}");
        try
        {
            ModelCheckpoint.Save(trained.Model, temp);
            var entry = new CacheEntry
            {
                Key = key, Unit = recipe.Unit, Recipe = NetworkKey.CanonicalText(recipe),
                ModelSha256 = Sha256(Path.Combine(temp, ModelCheckpoint.MetadataFile)),
                Origin = TrainingOrigin.Current(), TrainedUtc = DateTime.UtcNow, TrainSeconds = trainSeconds,
            };
            AtomicFile.WriteText(Path.Combine(temp, CacheEntry.FileName), JsonSerializer.Serialize(entry, ModelCheckpoint.JsonOptions));
            Directory.CreateDirectory(Path.GetDirectoryName(final)!);
            if (Directory.Exists(final)) // damaged or retrained: move the old entry aside, then delete it
            {
                string old = Path.Combine(Folder, TempName, $"old.{key}.{Guid.NewGuid():N}");
                Directory.Move(final, old);
                TryDelete(old);
            }
            Directory.Move(temp, final);
        }
        finally
        {
            TryDelete(temp);
        }
    }

    /// <summary>The entries, newest first (entries that cannot be read are left out; <see cref="TryLoad"/> reports them).</summary>
    public IReadOnlyList<CachedNetwork> List()
    {
        var list = new List<CachedNetwork>();
        if (!Directory.Exists(Folder)) return list;
        foreach (var shard in Directory.EnumerateDirectories(Folder))
        {
            if (Path.GetFileName(shard) is not { Length: 2 } name || !name.All(Uri.IsHexDigit)) continue; // tmp, locks, notebook-runs
            foreach (var dir in Directory.EnumerateDirectories(shard))
            {
                try
                {
                    var entry = JsonSerializer.Deserialize<CacheEntry>(File.ReadAllBytes(Path.Combine(dir, CacheEntry.FileName)), ModelCheckpoint.JsonOptions);
                    if (entry is not null) list.Add(new CachedNetwork(entry, dir, FolderBytes(dir)));
                }
                catch (Exception e) when (e is IOException or JsonException or UnauthorizedAccessException) { }
            }
        }
        return list.OrderByDescending(e => e.Entry.TrainedUtc).ToList();
    }

    /// <summary>Bytes on disk under the cache folder (entries, log, temporary files, and the notebook runs kept beside them).</summary>
    public long SizeBytes() => Directory.Exists(Folder) ? FolderBytes(Folder) : 0;

    /// <summary>Deletes every entry, the log and temporary files (only what the cache made); returns the entries deleted.</summary>
    public int Clear()
    {
        if (!Directory.Exists(Folder)) return 0;
        int entries = 0;
        foreach (var dir in Directory.EnumerateDirectories(Folder))
        {
            string name = Path.GetFileName(dir);
            bool shard = name.Length == 2 && name.All(Uri.IsHexDigit);
            if (!shard && name is not TempName and not LockName) continue;
            if (shard) entries += Directory.EnumerateDirectories(dir).Count();
            Directory.Delete(dir, recursive: true);
        }
        if (File.Exists(LogFile)) File.Delete(LogFile);
        return entries;
    }

    /// <summary>
    /// Counts of the events in the log since the cache was last cleared: of every process, or of this one only
    /// (<paramref name="thisProcess"/>; other processes may share the cache at the same time).
    /// </summary>
    public CacheStatistics Statistics(bool thisProcess = false)
    {
        var lines = File.Exists(LogFile) ? File.ReadLines(LogFile) : [];
        if (thisProcess)
        {
            string me = TrainingOrigin.Current().ToString();
            lines = lines.Where(l => l.Split('\t') is { Length: >= 5 } f && f[4] == me);
        }
        return CacheStatistics.Parse(lines);
    }

    void Log(string what, string key, string unit, string detail = "")
    {
        Directory.CreateDirectory(Folder);
        string line = string.Join('\t', DateTime.UtcNow.ToString("o", CultureInfo.InvariantCulture), what, key, unit,
            TrainingOrigin.Current().ToString(), detail.Replace('\t', ' ').Replace('\n', ' ')) + "\n";
        // one short append (O_APPEND): lines of concurrent processes do not interleave
        File.AppendAllText(LogFile, line);
    }

    /// <summary>Waits until no other process trains <paramref name="key"/> and holds its lock until disposed.</summary>
    FileStream Lock(string key)
    {
        string path = Path.Combine(Folder, LockName, key + ".lock");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        while (true)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException)
            {
                Thread.Sleep(500);
            }
        }
    }

    static string Sha256(string path) => Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path)));

    static long FolderBytes(string dir) =>
        new DirectoryInfo(dir).EnumerateFiles("*", SearchOption.AllDirectories).Sum(f => { try { return f.Length; } catch (IOException) { return 0L; } });

    static void TryDelete(string dir)
    {
        try { if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true); }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }

    static string FirstLine(string s)
    {
        int i = s.IndexOfAny(['\r', '\n']);
        return (i < 0 ? s : s[..i]).Trim();
    }
}
