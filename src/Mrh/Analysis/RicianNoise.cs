using Mrh.Imaging;

namespace Mrh.Analysis;

/// <summary>
/// Rician noise, the noise of MR magnitude images: a complex Gaussian of standard deviation sigma per
/// component added to the (real) signal, then the magnitude, s' = sqrt((s + sigma n1)^2 + (sigma n2)^2)
/// with n1, n2 standard normal. On zero signal this is Rayleigh (mean sigma sqrt(pi/2)); on high
/// signal it approaches a Gaussian of standard deviation sigma.
/// </summary>
public static class RicianNoise
{
    /// <summary>Adds Rician noise of standard deviation <paramref name="sigma"/> to every value, in place.</summary>
    public static void AddInPlace(Span<float> values, double sigma, SeededRandom random)
    {
        ArgumentNullException.ThrowIfNull(random);
        if (!(sigma >= 0) || double.IsInfinity(sigma)) throw new ArgumentException($"noise sigma must be finite and non-negative (got {sigma})");
        for (int i = 0; i < values.Length; i++)
        {
            double re = values[i] + sigma * random.NextGaussian();
            double im = sigma * random.NextGaussian();
            values[i] = (float)Math.Sqrt(re * re + im * im);
        }
    }

    /// <summary>
    /// Mean of each channel of a multi-channel volume inside a mask (all voxels when null): the "signal"
    /// that noise levels are fractions of.
    /// </summary>
    public static double[] ChannelMeans(Volume volume, bool[]? mask = null)
    {
        ArgumentNullException.ThrowIfNull(volume);
        VoxelMask.CheckLength(volume.VoxelCount, mask, "the volume");
        var means = new double[volume.ChannelCount];
        for (int c = 0; c < means.Length; c++)
        {
            double s = 0; long n = 0;
            var data = volume.Channels[c];
            for (int i = 0; i < data.Length; i++)
                if (mask is null || mask[i]) { s += data[i]; n++; }
            if (n == 0) throw new ArgumentException("channel means over an empty mask");
            means[c] = s / n;
        }
        return means;
    }

    /// <summary>Mean of each channel over all pixels of a [N][C][k][k] patch array.</summary>
    public static double[] ChannelMeans(float[] patches, PatchLayout layout)
    {
        layout.Check(patches);
        var means = new double[layout.Channels];
        int ppc = layout.PixelsPerChannel;
        for (int p = 0; p < layout.Count; p++)
            for (int c = 0; c < layout.Channels; c++)
            {
                int o = (p * layout.Channels + c) * ppc;
                double s = 0;
                for (int k = 0; k < ppc; k++) s += patches[o + k];
                means[c] += s;
            }
        for (int c = 0; c < means.Length; c++) means[c] /= (double)layout.Count * ppc;
        return means;
    }
}
