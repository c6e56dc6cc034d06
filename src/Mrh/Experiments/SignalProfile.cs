using Mrh.Analysis;
using Mrh.Imaging;

namespace Mrh.Experiments;

/// <summary>
/// Fig. 1H / 4D: the MRI signals of representative voxels, each channel divided by its mean over the
/// region (so channels of different scale share one axis). Representative: the voxels with the lowest and
/// the highest reference values among the region's non-surface voxels.
/// </summary>
public sealed record SignalProfile(string Label, string Category, int Voxel, double[] Signal)
{
    public static IReadOnlyList<SignalProfile> Representative(Volume mri, Volume reference, bool[] region, int perCategory = 2)
    {
        var inner = ErodeInPlane(reference, region);
        var idx = Enumerable.Range(0, region.Length).Where(i => inner[i]).ToArray();
        if (idx.Length < 2 * perCategory) throw new MrhException("too few voxels for signal profiles");
        var r = reference.Channels[0];
        var sorted = idx.OrderBy(i => r[i]).ToArray();
        var means = mri.Channels.Select(ch => idx.Average(i => (double)ch[i])).ToArray();
        SignalProfile Make(int i, string cat, int k) =>
            new($"{cat} {k + 1}", cat, i, mri.Channels.Select((ch, c) => means[c] != 0 ? ch[i] / means[c] : 0).ToArray());
        var low = sorted.Take(perCategory).Select((i, k) => Make(i, FeatureEmbedding.Hypo, k));
        var high = sorted.Reverse().Take(perCategory).Select((i, k) => Make(i, FeatureEmbedding.Hyper, k));
        return low.Concat(high).ToArray();
    }

    static bool[] ErodeInPlane(Volume like, bool[] region)
    {
        var o = new bool[region.Length];
        for (int z = 0; z < like.NZ; z++)
            for (int y = 1; y < like.NY - 1; y++)
                for (int x = 1; x < like.NX - 1; x++)
                {
                    int i = like.Index(x, y, z);
                    o[i] = region[i] && region[i - 1] && region[i + 1] && region[i - like.NX] && region[i + like.NX];
                }
        return o;
    }
}
