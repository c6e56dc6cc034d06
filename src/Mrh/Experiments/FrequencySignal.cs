using Mrh.Analysis;
using Mrh.Data;
using Mrh.Imaging;

namespace Mrh.Experiments;

/// <summary>
/// Fig. 4D: diffusion-weighted signal against the oscillation frequency (PGSE = 0 Hz) in one category of
/// voxels: per voxel the mean of the diffusion-weighted images of each frequency divided by the mean of its b0
/// images (S/S0), then mean and standard deviation over the category's voxels. Where restricted compartments
/// (cell bodies) dominate, the apparent diffusivity rises with frequency and S/S0 falls.
/// </summary>
public sealed record FrequencySignal(string Category, double[] FrequenciesHz, double[] Mean, double[] Sd, int Voxels)
{
    /// <summary>Change of S/S0 from the lowest to the highest frequency.</summary>
    public double Change => Mean[^1] - Mean[0];

    /// <summary>
    /// The signal of the region's voxels in the three categories of the t-SNE map: Nissl above its Otsu threshold
    /// (<see cref="FeatureEmbedding.Hyper"/>), at or below it (<see cref="FeatureEmbedding.Hypo"/>), and the brain
    /// surface (<see cref="FeatureEmbedding.Surface"/>); categories without voxels are left out.
    /// </summary>
    public static IReadOnlyList<FrequencySignal> ByCategory(Volume mri, Protocol protocol, Volume nissl, bool[] region)
    {
        if (protocol.Count != mri.ChannelCount) throw new MrhException($"the protocol has {protocol.Count} images, the MRI {mri.ChannelCount}");
        var b0 = protocol.IndicesWhere(c => c.Kind == ChannelKind.B0);
        if (b0.Length == 0) throw new MrhException("signal against frequency needs b0 images to normalise by");
        var frequencies = protocol.Channels.Where(c => c.Kind == ChannelKind.Dwi).Select(c => c.OgseFrequencyHz).Distinct().Order().ToArray();
        if (frequencies.Length == 0) throw new MrhException("the protocol has no diffusion-weighted images");
        var byFrequency = frequencies.Select(f => protocol.IndicesWhere(c => c.Kind == ChannelKind.Dwi && c.OgseFrequencyHz == f)).ToArray();
        double threshold = Otsu.Threshold(nissl.Channels[0], region);
        var surface = FeatureEmbedding.SurfaceVoxels(nissl, region);
        var samples = new Dictionary<string, List<double>[]>();
        foreach (var cat in new[] { FeatureEmbedding.Hyper, FeatureEmbedding.Hypo, FeatureEmbedding.Surface })
            samples[cat] = frequencies.Select(_ => new List<double>()).ToArray();
        for (int i = 0; i < region.Length; i++)
        {
            if (!region[i]) continue;
            double s0 = b0.Average(c => (double)mri.Channels[c][i]);
            if (!(s0 > 0)) continue;
            string cat = surface[i] ? FeatureEmbedding.Surface : nissl.Channels[0][i] > threshold ? FeatureEmbedding.Hyper : FeatureEmbedding.Hypo;
            for (int f = 0; f < frequencies.Length; f++)
                samples[cat][f].Add(byFrequency[f].Average(c => (double)mri.Channels[c][i]) / s0);
        }
        return samples.Where(kv => kv.Value[0].Count > 0).Select(kv => new FrequencySignal(kv.Key, frequencies,
            kv.Value.Select(v => v.Average()).ToArray(),
            kv.Value.Select(v => v.Count > 1 ? Descriptive.StandardDeviation(v) : 0).ToArray(), kv.Value[0].Count)).ToArray();
    }
}
