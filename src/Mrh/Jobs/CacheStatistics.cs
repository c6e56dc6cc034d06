namespace Mrh.Jobs;

/// <summary>
/// What the cache's log (<see cref="NetworkCache.LogFile"/>) records: networks trained (and stored), found,
/// found damaged (then retrained), and retrained on request. Read by tests and scripts to see whether a run
/// trained anything.
/// </summary>
public sealed record CacheStatistics(int Trained, int Hits, int Damaged, int Retrained)
{
    public static CacheStatistics Parse(IEnumerable<string> lines)
    {
        int trained = 0, hits = 0, damaged = 0, retrained = 0;
        foreach (var line in lines)
        {
            var word = line.Split('\t', 3) is { Length: >= 2 } parts ? parts[1] : "";
            switch (word)
            {
                case NetworkCache.TrainedEvent: trained++; break;
                case NetworkCache.HitEvent: hits++; break;
                case NetworkCache.DamagedEvent: damaged++; break;
                case NetworkCache.RetrainEvent: retrained++; break;
            }
        }
        return new CacheStatistics(trained, hits, damaged, retrained);
    }
}
