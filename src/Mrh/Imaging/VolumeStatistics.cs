namespace Mrh.Imaging;

/// <summary>
/// Summary of voxel values: minimum, maximum, mean and sum of the finite values (in double precision),
/// how many were finite and how many were NaN or infinite. Min/max/mean are NaN when none is finite.
/// </summary>
public sealed record VolumeStatistics(double Min, double Max, double Mean, double Sum, long Count, long NonFinite)
{
    public static VolumeStatistics Of(ReadOnlySpan<float> values) => Combine([Accumulate(values)]);

    /// <summary>Over every channel of the volume.</summary>
    public static VolumeStatistics Of(Volume volume) => Combine(volume.Channels.Select(c => Accumulate(c)).ToArray());

    /// <summary>One entry per channel.</summary>
    public static VolumeStatistics[] PerChannel(Volume volume) => volume.Channels.Select(c => Of(c)).ToArray();

    readonly record struct Partial(double Min, double Max, double Sum, long Count, long NonFinite);

    static Partial Accumulate(ReadOnlySpan<float> v)
    {
        double min = double.PositiveInfinity, max = double.NegativeInfinity, sum = 0;
        long count = 0, bad = 0;
        foreach (float x in v)
        {
            if (!float.IsFinite(x)) { bad++; continue; }
            if (x < min) min = x;
            if (x > max) max = x;
            sum += x;
            count++;
        }
        return new Partial(min, max, sum, count, bad);
    }

    static VolumeStatistics Combine(Partial[] parts)
    {
        double min = double.PositiveInfinity, max = double.NegativeInfinity, sum = 0;
        long count = 0, bad = 0;
        foreach (var p in parts)
        {
            min = Math.Min(min, p.Min); max = Math.Max(max, p.Max); sum += p.Sum; count += p.Count; bad += p.NonFinite;
        }
        return count == 0
            ? new VolumeStatistics(double.NaN, double.NaN, double.NaN, 0, 0, bad)
            : new VolumeStatistics(min, max, sum / count, sum, count, bad);
    }
}
