using Mrh.Presets;

namespace Mrh.Analysis;

/// <summary>
/// Settings of exact t-SNE. The defaults follow van der Maaten &amp; Hinton (JMLR 2008) and the
/// authors' reference code (tsne.m): perplexity 30, 1,000 iterations, P exaggerated by 4 for the
/// first 100 iterations, momentum 0.5 then 0.8 from iteration 250, adaptive gains (+0.2 / x0.8, at
/// least 0.01), start from N(0, 1e-4^2). The learning rate, when not given, is N / Exaggeration but
/// at least 50 (Belkina et al., Nat Commun 2019): 500 for the paper's 2,000 points, as in MATLAB's
/// tsne and tsne.m; a fixed 500 makes small sets (under a few hundred points) diverge.
/// </summary>
public sealed record TsneOptions(
    double Perplexity = 30,
    int Iterations = 1000,
    double Exaggeration = 4,
    int ExaggerationIterations = 100,
    double? LearningRate = null,
    double InitialMomentum = 0.5,
    double FinalMomentum = 0.8,
    int MomentumSwitchIteration = 250,
    int Dimensions = 2,
    int Seed = 0)
{
    /// <summary>Exact t-SNE keeps an N x N matrix (100 MB at this size); sample fewer points above it.</summary>
    public const int MaxPoints = 5_000;

    /// <summary>Smoke runs fewer iterations; quick and paper use the published schedule.</summary>
    public static TsneOptions For(Preset preset) => preset switch
    {
        Preset.Smoke => new TsneOptions(Iterations: 300),
        _ => new TsneOptions(),
    };

    /// <summary>The learning rate used for <paramref name="count"/> points.</summary>
    public double LearningRateFor(int count) => LearningRate ?? Math.Max(count / Exaggeration, 50);

    internal void Validate(int count)
    {
        if (!(Perplexity > 0)) throw new ArgumentException($"perplexity must be positive (got {Perplexity})");
        if (count < 2) throw new ArgumentException($"t-SNE needs at least 2 points (got {count})");
        if (count > MaxPoints) throw new ArgumentException($"exact t-SNE of {count} points would need a {count} x {count} matrix; use at most {MaxPoints} points");
        if (Perplexity >= count) throw new ArgumentException($"perplexity {Perplexity} must be below the number of points ({count})");
        if (Iterations < 1 || ExaggerationIterations < 0 || MomentumSwitchIteration < 0)
            throw new ArgumentException("t-SNE iteration counts must be positive");
        if (Dimensions < 1 || Dimensions > 3) throw new ArgumentException($"t-SNE embeds into 1 to 3 dimensions (got {Dimensions})");
        if ((LearningRate is not null && !(LearningRate > 0)) || !(Exaggeration > 0)) throw new ArgumentException("t-SNE learning rate and exaggeration must be positive");
    }
}
