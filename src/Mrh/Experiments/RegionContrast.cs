using Mrh.Imaging;

namespace Mrh.Experiments;

/// <summary>Simple regional contrasts used to check that a map looks right.</summary>
public static class RegionContrast
{
    /// <summary>
    /// Median of <paramref name="map"/> where <paramref name="reference"/> is in its darkest third (within the
    /// mask) divided by the median where it is in its brightest third. With the AF reference (dark in white
    /// matter), a value above 1 means the map is brighter in white matter than in grey matter.
    /// </summary>
    public static double DarkToBrightRatio(Volume map, Volume reference, bool[] mask)
    {
        var idx = Enumerable.Range(0, mask.Length).Where(i => mask[i] && float.IsFinite(reference.Channels[0][i]) && float.IsFinite(map.Channels[0][i])).ToArray();
        if (idx.Length < 3) throw new MrhException("the mask holds too few voxels to compare regions");
        var byRef = idx.OrderBy(i => reference.Channels[0][i]).ToArray();
        int third = byRef.Length / 3;
        double Median(IEnumerable<int> part)
        {
            var v = part.Select(i => (double)map.Channels[0][i]).Order().ToArray();
            return v.Length % 2 == 1 ? v[v.Length / 2] : (v[v.Length / 2 - 1] + v[v.Length / 2]) / 2;
        }
        double bright = Median(byRef.Skip(byRef.Length - third));
        return bright == 0 ? double.NaN : Median(byRef.Take(third)) / bright;
    }
}
