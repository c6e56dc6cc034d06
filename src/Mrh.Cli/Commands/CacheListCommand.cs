using System.Globalization;
using Mrh.Cli.Framework;
using Mrh.Jobs;
using Mrh.Notebooks.Reproduction;

namespace Mrh.Cli.Commands;

/// <summary>`mrh cache list`: the trained networks in the cache, its folder and size.</summary>
public sealed class CacheListCommand : CliCommand
{
    public override string Name => "cache list";
    public override string Summary => "list the cached trained networks and kept notebook runs, the cache's folder and size";
    public override string Details =>
        """
        The cache of trained networks is $MRH_CACHE, else data/generated/networks of this repository, else
        ~/.cache/mrh/networks; MRH_CACHE=off turns it off. Each entry is a model folder (mrh model info DIR).
        Its folder notebook-runs keeps the executed notebooks of mrh reproduce by the content of their run.
        """;
    public override IReadOnlyList<OptionSpec> Options => [new("cache", "the cache folder (default: $MRH_CACHE, else data/generated/networks of the repository, else ~/.cache/mrh/networks)", ValueName: "DIR"), new("json", "print as JSON", false)];

    public override int Run(ParsedArgs args, CliContext context)
    {
        var cache = CacheCommands.Open(args);
        var entries = cache.List();
        long bytes = cache.SizeBytes();
        var stats = cache.Statistics();
        var runs = new NotebookRunCache(Path.Combine(cache.Folder, NotebookRunCache.FolderName));
        var kept = runs.List();
        long runBytes = runs.SizeBytes();
        if (args.Flag("json"))
        {
            context.Out.WriteLine(Json.Serialize(new
            {
                folder = cache.Folder, bytes, networks = entries.Count,
                notebookRuns = kept.Select(r => new { r.Entry.Key, r.Entry.Notebook, r.Folder, r.Entry.RanUtc, r.Entry.Seconds }),
                notebookRunBytes = runBytes,
                log = new { stats.Trained, stats.Hits, stats.Damaged, stats.Retrained },
                entries = entries.Select(e => new { e.Entry.Key, e.Entry.Unit, e.Folder, e.Bytes, e.Entry.TrainedUtc, e.Entry.TrainSeconds, e.Entry.Origin }),
            }));
            return CommandLine.Ok;
        }
        context.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{cache.Folder}: {entries.Count} networks, {CacheCommands.Size(bytes)}"));
        foreach (var e in entries)
            context.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{e.Entry.Key}  {e.Entry.Unit,-14} {CacheCommands.Size(e.Bytes),9}  {e.Entry.TrainedUtc:yyyy-MM-dd HH:mm} UTC  {e.Entry.TrainSeconds,7:0.0} s  {e.Entry.Origin}"));
        context.Out.WriteLine($"log: {stats.Trained} trained, {stats.Hits} found, {stats.Damaged} damaged and rebuilt, {stats.Retrained} retrained on request");
        context.Out.WriteLine($"{runs.Folder}: {kept.Count} kept notebook runs, {CacheCommands.Size(runBytes)}");
        foreach (var r in kept)
            context.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{r.Entry.Key}  {r.Entry.Notebook,-20} {r.Entry.RanUtc:yyyy-MM-dd HH:mm} UTC  {r.Entry.Seconds,7:0.0} s"));
        return CommandLine.Ok;
    }
}

/// <summary>`mrh cache clear`: deletes the cached trained networks.</summary>
public sealed class CacheClearCommand : CliCommand
{
    public override string Name => "cache clear";
    public override string Summary => "delete every cached trained network and kept notebook run (and the cache's log)";
    public override IReadOnlyList<OptionSpec> Options => [new("cache", "the cache folder (default: as for `mrh cache list`)", ValueName: "DIR"), new("json", "print as JSON", false)];

    public override int Run(ParsedArgs args, CliContext context)
    {
        var cache = CacheCommands.Open(args);
        long bytes = cache.SizeBytes();
        int deleted = cache.Clear();
        int runs = new NotebookRunCache(Path.Combine(cache.Folder, NotebookRunCache.FolderName)).Clear();
        if (args.Flag("json")) context.Out.WriteLine(Json.Serialize(new { folder = cache.Folder, deleted, notebookRuns = runs, bytes }));
        else context.Out.WriteLine($"{cache.Folder}: deleted {deleted} networks and {runs} kept notebook runs ({CacheCommands.Size(bytes)})");
        return CommandLine.Ok;
    }
}

static class CacheCommands
{
    public static NetworkCache Open(ParsedArgs args) =>
        NetworkCache.Open(args.Get("cache")) ?? throw new MrhException($"the network cache is off ({NetworkCache.EnvironmentVariable}=off)");

    public static string Size(long bytes) => bytes switch
    {
        < 1024 => $"{bytes} B",
        < 1024 * 1024 => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024.0:0.0} KiB"),
        < 1024L * 1024 * 1024 => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1048576.0:0.0} MiB"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1073741824.0:0.00} GiB"),
    };
}
