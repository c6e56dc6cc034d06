using System.Globalization;
using Mrh.Cli.Framework;
using Mrh.Jobs;

namespace Mrh.Cli.Commands;

/// <summary>`mrh cache list`: the trained networks in the cache, its folder and size.</summary>
public sealed class CacheListCommand : CliCommand
{
    public override string Name => "cache list";
    public override string Summary => "list the cached trained networks, the cache's folder and size";
    public override string Details =>
        """
        The cache of trained networks is $MRH_CACHE, else data/generated/networks of this repository, else
        ~/.cache/mrh/networks; MRH_CACHE=off turns it off. Each entry is a model folder (mrh model info DIR).
        """;
    public override IReadOnlyList<OptionSpec> Options => [new("cache", "the cache folder (default: $MRH_CACHE, else data/generated/networks of the repository, else ~/.cache/mrh/networks)", ValueName: "DIR"), new("json", "print as JSON", false)];

    public override int Run(ParsedArgs args, CliContext context)
    {
        var cache = CacheCommands.Open(args);
        var entries = cache.List();
        long bytes = cache.SizeBytes();
        var stats = cache.Statistics();
        if (args.Flag("json"))
        {
            context.Out.WriteLine(Json.Serialize(new
            {
                folder = cache.Folder, bytes, networks = entries.Count,
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
        return CommandLine.Ok;
    }
}

/// <summary>`mrh cache clear`: deletes the cached trained networks.</summary>
public sealed class CacheClearCommand : CliCommand
{
    public override string Name => "cache clear";
    public override string Summary => "delete every cached trained network (and the cache's log)";
    public override IReadOnlyList<OptionSpec> Options => [new("cache", "the cache folder (default: as for `mrh cache list`)", ValueName: "DIR"), new("json", "print as JSON", false)];

    public override int Run(ParsedArgs args, CliContext context)
    {
        var cache = CacheCommands.Open(args);
        long bytes = cache.SizeBytes();
        int deleted = cache.Clear();
        if (args.Flag("json")) context.Out.WriteLine(Json.Serialize(new { folder = cache.Folder, deleted, bytes }));
        else context.Out.WriteLine($"{cache.Folder}: deleted {deleted} networks ({CacheCommands.Size(bytes)})");
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
