using System.Text.Json;
using Mrh.IO;
using Mrh.Jobs;

namespace Mrh.Notebooks.Reproduction;

/// <summary>
/// Executed figure notebooks kept by the content address of their run (<see cref="NotebookRunRecipe"/>), so that
/// `mrh reproduce` shows a notebook again in seconds when nothing that determines it changed (the idea of
/// Jupyter Book's execution cache). It lives in the folder <c>notebook-runs</c> of the cache of trained
/// networks (<see cref="NetworkCache.Open"/>: $MRH_CACHE, ...): one folder per key holding the executed
/// notebook, the files it saved in the results folder, and <see cref="NotebookRunEntry"/> (run.json) with the
/// SHA-256 of each. An entry is assembled in a temporary folder and renamed into place; a damaged entry (a file
/// missing or altered) is not used, and the notebook runs again and replaces it. Only notebooks whose every cell
/// ran are kept.
/// </summary>
public sealed class NotebookRunCache
{
    /// <summary>The cache's folder inside the cache of trained networks.</summary>
    public const string FolderName = "notebook-runs";
    const string TempName = "tmp", NotebookFile = "notebook.ipynb", ResultsFolder = "results";

    static readonly JsonSerializerOptions Json = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    public NotebookRunCache(string folder)
    {
        if (string.IsNullOrWhiteSpace(folder)) throw new MrhException("the notebook run cache folder must not be empty");
        Folder = Path.GetFullPath(folder);
    }

    public string Folder { get; }

    /// <summary>The cache beside the trained networks of <paramref name="networkCacheFolder"/> (as <see cref="NetworkCache.Open"/>); null when that is off.</summary>
    public static NotebookRunCache? Open(string? networkCacheFolder = null) =>
        NetworkCache.Open(networkCacheFolder) is { } networks ? new NotebookRunCache(Path.Combine(networks.Folder, FolderName)) : null;

    string EntryFolder(string key) => Path.Combine(Folder, key[..2], key);

    /// <summary>
    /// The intact entry of <paramref name="key"/>, or null: with <paramref name="problem"/> null when there is none,
    /// else what is wrong with the one found.
    /// </summary>
    public CachedNotebookRun? TryGet(string key, out string? problem)
    {
        problem = null;
        string dir = EntryFolder(key);
        if (!Directory.Exists(dir)) return null;
        try
        {
            string record = Path.Combine(dir, NotebookRunEntry.FileName);
            if (!File.Exists(record)) throw new MrhException($"no {NotebookRunEntry.FileName}");
            var entry = JsonSerializer.Deserialize<NotebookRunEntry>(File.ReadAllBytes(record), Json)
                        ?? throw new MrhException($"empty {NotebookRunEntry.FileName}");
            if (entry.Format != NotebookRunEntry.FormatName || entry.Key != key) throw new MrhException($"{NotebookRunEntry.FileName} is not the record of this key");
            if (!entry.Files.ContainsKey(NotebookFile)) throw new MrhException($"the record names no {NotebookFile}");
            foreach (var (name, sha) in entry.Files)
            {
                string file = Path.Combine(dir, name);
                if (!IsInside(dir, file)) throw new MrhException($"the record names a file outside its entry: {name}");
                if (!File.Exists(file)) throw new MrhException($"{name} is missing");
                if (!string.Equals(NotebookRunRecipe.FileSha256(file), sha, StringComparison.OrdinalIgnoreCase))
                    throw new MrhException($"{name} does not match its checksum");
            }
            return new CachedNotebookRun(entry, dir);
        }
        catch (Exception e) when (e is MrhException or IOException or JsonException or UnauthorizedAccessException)
        {
            problem = e.Message.Split('\n')[0];
            return null;
        }
    }

    /// <summary>
    /// Keeps a successful run: the executed notebook's JSON and the files it saved (<paramref name="results"/>: name in
    /// the results folder → path), replacing an entry of the same key.
    /// </summary>
    public void Store(NotebookRunRecipe recipe, string notebook, string executedIpynb, IReadOnlyDictionary<string, string> results,
        double seconds, int cellsRun, int figures)
    {
        string key = recipe.Key, final = EntryFolder(key);
        string temp = Path.Combine(Folder, TempName, $"{key}.{Environment.ProcessId}.{Guid.NewGuid():N}");
        try
        {
            var files = new Dictionary<string, string>(StringComparer.Ordinal);
            AtomicFile.WriteText(Path.Combine(temp, NotebookFile), executedIpynb);
            files[NotebookFile] = NotebookRunRecipe.FileSha256(Path.Combine(temp, NotebookFile));
            foreach (var (name, source) in results.OrderBy(r => r.Key, StringComparer.Ordinal))
            {
                if (Path.GetFileName(name) != name) throw new ArgumentException($"not a file name: {name}", nameof(results));
                string relative = ResultsFolder + "/" + name;
                byte[] bytes = File.ReadAllBytes(source);
                AtomicFile.WriteAllBytes(Path.Combine(temp, ResultsFolder, name), bytes);
                files[relative] = NotebookRunRecipe.FileSha256(Path.Combine(temp, ResultsFolder, name));
            }
            var entry = new NotebookRunEntry
            {
                Key = key, Notebook = notebook, Recipe = recipe.CanonicalText, RanUtc = DateTime.UtcNow,
                Seconds = seconds, CellsRun = cellsRun, Figures = figures, Files = files,
            };
            AtomicFile.WriteText(Path.Combine(temp, NotebookRunEntry.FileName), JsonSerializer.Serialize(entry, Json));
            Directory.CreateDirectory(Path.GetDirectoryName(final)!);
            if (Directory.Exists(final)) // damaged or run again: move the old entry aside, then delete it
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

    /// <summary>
    /// Puts a cached run in <paramref name="outDir"/> as a run would: the executed notebook as
    /// <paramref name="ipynbName"/> and the saved files in <paramref name="resultsDir"/>. Returns the notebook.
    /// </summary>
    public static string Restore(CachedNotebookRun run, string outDir, string ipynbName, string resultsDir)
    {
        string ipynb = Path.Combine(outDir, ipynbName);
        AtomicFile.WriteAllBytes(ipynb, File.ReadAllBytes(Path.Combine(run.Folder, NotebookFile)));
        foreach (var name in run.Entry.Files.Keys.Where(k => k.StartsWith(ResultsFolder + "/", StringComparison.Ordinal)))
            AtomicFile.WriteAllBytes(Path.Combine(resultsDir, name[(ResultsFolder.Length + 1)..]), File.ReadAllBytes(Path.Combine(run.Folder, name)));
        return ipynb;
    }

    /// <summary>The entries, newest first (unreadable ones left out).</summary>
    public IReadOnlyList<CachedNotebookRun> List()
    {
        var list = new List<CachedNotebookRun>();
        if (!Directory.Exists(Folder)) return list;
        foreach (var shard in Directory.EnumerateDirectories(Folder).Where(IsShard))
            foreach (var dir in Directory.EnumerateDirectories(shard))
            {
                try
                {
                    if (JsonSerializer.Deserialize<NotebookRunEntry>(File.ReadAllBytes(Path.Combine(dir, NotebookRunEntry.FileName)), Json) is { } e)
                        list.Add(new CachedNotebookRun(e, dir));
                }
                catch (Exception e) when (e is IOException or JsonException or UnauthorizedAccessException) { }
            }
        return list.OrderByDescending(e => e.Entry.RanUtc).ToList();
    }

    /// <summary>Bytes on disk under the folder.</summary>
    public long SizeBytes() => Directory.Exists(Folder)
        ? new DirectoryInfo(Folder).EnumerateFiles("*", SearchOption.AllDirectories).Sum(f => f.Length) : 0;

    /// <summary>Deletes every entry and temporary folder; returns the entries deleted.</summary>
    public int Clear()
    {
        if (!Directory.Exists(Folder)) return 0;
        int entries = 0;
        foreach (var dir in Directory.EnumerateDirectories(Folder))
        {
            bool shard = IsShard(dir);
            if (!shard && Path.GetFileName(dir) != TempName) continue;
            if (shard) entries += Directory.EnumerateDirectories(dir).Count();
            Directory.Delete(dir, recursive: true);
        }
        return entries;
    }

    static bool IsShard(string dir) => Path.GetFileName(dir) is { Length: 2 } n && n.All(Uri.IsHexDigit);

    static bool IsInside(string dir, string file) =>
        Path.GetFullPath(file).StartsWith(Path.GetFullPath(dir) + Path.DirectorySeparatorChar, StringComparison.Ordinal);

    static void TryDelete(string dir)
    {
        try { if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true); }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }
}

/// <summary>
/// The record of one kept notebook run (<c>run.json</c>): its key and the canonical recipe text that was hashed,
/// the notebook, when it ran and how long it took, its cells and figures, and the SHA-256 of every file kept
/// (relative path → hash).
/// </summary>
public sealed record NotebookRunEntry
{
    public const string FileName = "run.json";
    public const string FormatName = "mrh-notebook-run-entry";

    public string Format { get; init; } = FormatName;
    public required string Key { get; init; }
    public required string Notebook { get; init; }
    public required string Recipe { get; init; }
    public DateTime RanUtc { get; init; }
    public double Seconds { get; init; }
    public int CellsRun { get; init; }
    public int Figures { get; init; }
    public required IReadOnlyDictionary<string, string> Files { get; init; }
}

/// <summary>An entry as found: its record and folder.</summary>
public sealed record CachedNotebookRun(NotebookRunEntry Entry, string Folder);
