namespace Mrh.Model.Baselines;

/// <summary>
/// How a <see cref="PatchRegression"/> is fitted: ridge-regularised least squares on standardised terms, with the
/// penalty lambda = alpha x N (N training patches; each standardised term has a sum of squares N) chosen among
/// <see cref="Alphas"/> by the mean squared error on the validation patches (the network's validation set).
/// </summary>
public sealed record RidgeOptions
{
    /// <summary>The candidate penalties, relative to N: 1e-6 to 1 by decades (ours). The smallest wins a tie.</summary>
    public IReadOnlyList<double> Alphas { get; init; } = [1e-6, 1e-5, 1e-4, 1e-3, 1e-2, 1e-1, 1];

    /// <summary>Patches per block of the normal equations (bounds memory: this x terms doubles).</summary>
    public int BlockRows { get; init; } = 2048;

    public void Validate()
    {
        if (Alphas is null || Alphas.Count == 0) throw new MrhException("a ridge fit needs at least one penalty");
        foreach (var a in Alphas)
            if (!(a > 0) || double.IsInfinity(a)) throw new MrhException($"ridge penalties must be positive and finite (got {a})");
        if (BlockRows < 1) throw new MrhException($"block rows must be at least 1 (got {BlockRows})");
    }
}
