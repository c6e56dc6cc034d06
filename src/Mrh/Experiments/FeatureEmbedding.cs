using Mrh.Analysis;
using Mrh.Imaging;
using Mrh.Presets;

namespace Mrh.Experiments;

/// <summary>
/// Fig. 1G / 3 / 4C: the network's penultimate-layer features of randomly chosen voxels, embedded in 2D
/// by t-SNE and coloured by what the reference shows there: hypo-intense or hyper-intense (split at the
/// reference's Otsu threshold) or brain surface (within <see cref="SurfaceDepth"/> voxels of the mask's
/// edge in the section).
/// </summary>
public sealed record FeatureEmbedding(double[] X, double[] Y, string[] Categories, int[] Voxels, double KlDivergence)
{
    public const string Hypo = "hypo-intense", Hyper = "hyper-intense", Surface = "surface";
    public const int SurfaceDepth = 2;

    /// <param name="features">the feature volume of a prediction (one channel per feature)</param>
    /// <param name="reference">the reference map in the same space</param>
    /// <param name="region">voxels to draw from (where features were computed)</param>
    public static FeatureEmbedding Compute(Volume features, Volume reference, bool[] region, int points, int seed, Preset preset)
    {
        var candidates = Enumerable.Range(0, region.Length).Where(i => region[i]).ToArray();
        if (candidates.Length == 0) throw new MrhException("no voxels to embed");
        var rng = new Random(seed);
        rng.Shuffle(candidates);
        var chosen = candidates.Take(Math.Min(points, candidates.Length)).Order().ToArray();
        int f = features.ChannelCount;
        var data = new float[chosen.Length * f];
        for (int k = 0; k < chosen.Length; k++)
            for (int c = 0; c < f; c++) data[k * f + c] = features.Channels[c][chosen[k]];
        double threshold = Otsu.Threshold(reference.Channels[0], region);
        var surface = SurfaceVoxels(reference, region);
        var categories = chosen.Select(i => surface[i] ? Surface : reference.Channels[0][i] <= threshold ? Hypo : Hyper).ToArray();
        var result = Tsne.Embed(data, chosen.Length, f, TsneOptions.For(preset) with { Seed = seed });
        var x = new double[chosen.Length];
        var y = new double[chosen.Length];
        for (int k = 0; k < chosen.Length; k++) { x[k] = result.Embedding[2 * k]; y[k] = result.Embedding[2 * k + 1]; }
        return new FeatureEmbedding(x, y, categories, chosen, result.KlDivergence);
    }

    /// <summary>Region voxels within <see cref="SurfaceDepth"/> voxels (in x or y) of a voxel outside the region.</summary>
    public static bool[] SurfaceVoxels(Volume like, bool[] region)
    {
        var s = new bool[region.Length];
        for (int z = 0; z < like.NZ; z++)
            for (int y = 0; y < like.NY; y++)
                for (int x = 0; x < like.NX; x++)
                {
                    int i = like.Index(x, y, z);
                    if (!region[i]) continue;
                    for (int d = -SurfaceDepth; d <= SurfaceDepth && !s[i]; d++)
                    {
                        int xx = x + d, yy = y + d;
                        if (xx < 0 || xx >= like.NX || !region[like.Index(xx, y, z)]) s[i] = true;
                        if (yy < 0 || yy >= like.NY || !region[like.Index(x, yy, z)]) s[i] = true;
                    }
                }
        return s;
    }
}
