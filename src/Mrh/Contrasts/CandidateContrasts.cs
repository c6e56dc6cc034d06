namespace Mrh.Contrasts;

/// <summary>The candidate contrasts the digital mouse brain can simulate, and the pure-noise control.</summary>
public static class CandidateContrasts
{
    /// <summary>The forward models, in the order they are listed.</summary>
    public static IReadOnlyList<ContrastModel> Models { get; } =
        [new InversionRecoveryT1(), new MyelinWaterFraction(), new MagneticSusceptibility(), new EffectiveT2(), new HighBDiffusion()];

    /// <summary>The negative control: a channel of Gaussian noise (it carries nothing about any stain).</summary>
    public const string Noise = "noise";
    /// <summary>The positive control of the digital mouse brain: the stain's own ideal image with noise.</summary>
    public const string Oracle = "oracle";
    /// <summary>The scan time charged for the controls (one diffusion image's), minutes.</summary>
    public const double NoiseMinutes = 10;

    /// <summary>The forward model named <paramref name="name"/> (case-insensitive), or null.</summary>
    public static ContrastModel? Find(string name) =>
        Models.FirstOrDefault(m => string.Equals(m.Name, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>Every name <see cref="Find"/> knows, and the noise control.</summary>
    public static IReadOnlyList<string> Names => Models.Select(m => m.Name).Append(Noise).ToArray();
}
