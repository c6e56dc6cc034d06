using Mrh.Imaging;
using Mrh.Phantom;

namespace Mrh.Contrasts;

/// <summary>
/// The negative control: Gaussian noise inside the brain with the mean and SD that the animal's first protocol image
/// has there (so that the contribution analysis, whose perturbation is a fraction of each input's mean, treats it like
/// an image), zero outside, seeded per animal. It carries nothing about any stain.
/// </summary>
public static class NoiseChannel
{
    public static Volume For(Volume mri, bool[] brain, string animal, int seed)
    {
        if (brain.Length != mri.VoxelCount) throw new MrhException($"the mask has {brain.Length} voxels, the MRI {mri.VoxelCount}");
        var image = mri.Channels[0];
        double sum = 0, sq = 0;
        long n = 0;
        for (int i = 0; i < brain.Length; i++) if (brain[i]) { sum += image[i]; sq += (double)image[i] * image[i]; n++; }
        if (n == 0) throw new MrhException($"the brain mask of '{animal}' is empty");
        double mean = sum / n, sd = Math.Sqrt(Math.Max(sq / n - mean * mean, 0));
        var rng = new Rng(Seeds.Derive((ulong)seed, "noise-channel", animal));
        var data = new float[brain.Length];
        for (int i = 0; i < data.Length; i++) if (brain[i]) data[i] = (float)(mean + sd * rng.NextGaussian());
        return Volume.FromArray(mri, data, CandidateContrasts.Noise);
    }
}
