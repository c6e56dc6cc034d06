namespace Mrh.Jobs;

/// <summary>
/// The record of one cached network (<c>entry.json</c> in its folder): its key, the unit that first asked for
/// it, the canonical recipe text that was hashed, the SHA-256 of its model.json, when and by which process it
/// was trained, and how long training took.
/// </summary>
public sealed record CacheEntry
{
    public const string FileName = "entry.json";
    public const string FormatName = "mrh-network-cache-entry";

    public string Format { get; init; } = FormatName;
    public required string Key { get; init; }
    public required string Unit { get; init; }
    public required string Recipe { get; init; }
    public required string ModelSha256 { get; init; }
    public required TrainingOrigin Origin { get; init; }
    public DateTime TrainedUtc { get; init; }
    public double TrainSeconds { get; init; }
}

/// <summary>A cache entry as listed: its record, folder and size on disk (bytes).</summary>
public sealed record CachedNetwork(CacheEntry Entry, string Folder, long Bytes);
