using Mrh.Presets;

namespace Mrh.Analysis;

/// <summary>
/// Settings of the perturbation (contribution) analysis.
/// <see cref="NoiseLevel"/> is the noise standard deviation as a fraction of each channel's mean
/// signal (0.1 = the paper's 10%): sigma_c = NoiseLevel x mean of channel c. The mean is taken over
/// all pixels of the input patches (which are sampled inside the brain mask, so it is the channel's
/// mean in the mask) unless <see cref="ChannelSignal"/> gives it per channel (e.g.
/// <see cref="RicianNoise.ChannelMeans(Mrh.Imaging.Volume, bool[])"/> of the whole masked volume).
/// Each channel is perturbed <see cref="Repeats"/> times with seeds derived from <see cref="Seed"/>.
/// </summary>
public sealed record ContributionOptions(double NoiseLevel = 0.1, int Repeats = 5, int Seed = 0, double[]? ChannelSignal = null)
{
    /// <summary>Smoke: 2 repeats; quick: 5; paper: 10.</summary>
    public static ContributionOptions For(Preset preset) => preset switch
    {
        Preset.Smoke => new ContributionOptions(Repeats: 2),
        Preset.Quick => new ContributionOptions(Repeats: 5),
        _ => new ContributionOptions(Repeats: 10),
    };

    internal void Validate(int channels)
    {
        if (!(NoiseLevel > 0) || double.IsInfinity(NoiseLevel)) throw new ArgumentException($"noise level must be positive (got {NoiseLevel})");
        if (Repeats < 1) throw new ArgumentException($"repeats must be at least 1 (got {Repeats})");
        if (ChannelSignal is not null && ChannelSignal.Length != channels)
            throw new ArgumentException($"{ChannelSignal.Length} channel signal levels for {channels} channels");
    }
}
