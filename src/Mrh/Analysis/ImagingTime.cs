using Mrh.Data;

namespace Mrh.Analysis;

/// <summary>
/// Scan time of a subset of a protocol's images (the paper: the top 38 of 67 images need 57% of the
/// imaging time). Times come from <see cref="ProtocolChannel.AcquisitionMinutes"/>.
/// </summary>
public static class ImagingTime
{
    /// <summary>Minutes to acquire the images with these indices.</summary>
    public static double Minutes(Protocol protocol, IEnumerable<int> indices)
    {
        ArgumentNullException.ThrowIfNull(protocol);
        return protocol.AcquisitionMinutes(Checked(protocol, indices));
    }

    /// <summary>The subset's time as a fraction of the whole protocol's.</summary>
    public static double Fraction(Protocol protocol, IEnumerable<int> indices)
    {
        ArgumentNullException.ThrowIfNull(protocol);
        double total = protocol.AcquisitionMinutes();
        if (!(total > 0)) throw new ArgumentException("the protocol has no acquisition time");
        return protocol.AcquisitionMinutes(Checked(protocol, indices)) / total;
    }

    /// <summary>Time fraction of the top <paramref name="count"/> images of a ranking (see <see cref="ContributionRanking.Ranking"/>).</summary>
    public static double FractionOfTop(Protocol protocol, IReadOnlyList<int> ranking, int count)
    {
        ArgumentNullException.ThrowIfNull(ranking);
        if (count < 0 || count > ranking.Count) throw new ArgumentException($"top {count} of a ranking of {ranking.Count}");
        return Fraction(protocol, ranking.Take(count));
    }

    static int[] Checked(Protocol protocol, IEnumerable<int> indices)
    {
        ArgumentNullException.ThrowIfNull(indices);
        var list = indices.ToArray();
        foreach (int i in list)
            if (i < 0 || i >= protocol.Count) throw new ArgumentException($"image index {i} outside the protocol's 0..{protocol.Count - 1}");
        if (list.Distinct().Count() != list.Length) throw new ArgumentException("an image is listed twice in the subset");
        return list;
    }
}
