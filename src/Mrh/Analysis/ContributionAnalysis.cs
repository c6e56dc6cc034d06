namespace Mrh.Analysis;

/// <summary>
/// Relative contribution of each input image to a network's output by perturbation, after Olden et
/// al. (Ecol Model 2004) as the paper applies it (Fig. 2): Rician noise is added to ONE input channel
/// at a time, the network's output is compared with its noise-free output by RMSE, and the RMSEs are
/// normalised to sum to 1 over the channels. Repeated with independent noise (seeds derived from the
/// options' seed, channel and repeat, so the result does not depend on the order of work), per region.
/// </summary>
public static class ContributionAnalysis
{
    /// <summary>The name of the region that holds every patch.</summary>
    public const string AllPatches = "all";

    /// <summary>
    /// Runs the analysis on <paramref name="patches"/> ([N][C][k][k], see <see cref="IPatchPredictor"/>).
    /// Progress reports the number of perturbed predictions done (channels x repeats in total).
    /// </summary>
    public static ContributionResult Run(IPatchPredictor predictor, float[] patches, PatchLayout layout,
        ContributionOptions? options = null, IReadOnlyList<PatchRegion>? regions = null,
        IProgress<int>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(predictor);
        layout.Check(patches);
        var o = options ?? new ContributionOptions();
        o.Validate(layout.Channels);
        var allRegions = new List<PatchRegion> { new(AllPatches, Enumerable.Repeat(true, layout.Count).ToArray()) };
        foreach (var r in regions ?? [])
        {
            if (r.Members.Length != layout.Count)
                throw new ArgumentException($"region '{r.Name}' has {r.Members.Length} flags for {layout.Count} patches");
            if (!r.Members.Any(b => b)) throw new ArgumentException($"region '{r.Name}' holds no patch");
            allRegions.Add(r);
        }

        var signal = o.ChannelSignal ?? RicianNoise.ChannelMeans(patches, layout);
        var sigma = signal.Select(s => o.NoiseLevel * Math.Abs(s)).ToArray();
        var clean = Predict(predictor, patches, layout.Count);
        int perPatch = clean.Length / layout.Count;

        int C = layout.Channels, R = o.Repeats;
        var rmse = allRegions.Select(_ => Enumerable.Range(0, C).Select(_ => new double[R]).ToArray()).ToArray();
        var noisy = new float[patches.Length];
        int ppc = layout.PixelsPerChannel, done = 0;
        for (int c = 0; c < C; c++)
            for (int r = 0; r < R; r++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                Array.Copy(patches, noisy, patches.Length);
                var random = new SeededRandom(Seeds.Int(o.Seed, "perturbation", c, r));
                for (int p = 0; p < layout.Count; p++)
                    RicianNoise.AddInPlace(noisy.AsSpan((p * C + c) * ppc, ppc), sigma[c], random);
                var output = Predict(predictor, noisy, layout.Count);
                if (output.Length != clean.Length)
                    throw new InvalidOperationException($"the predictor returned {output.Length} values, {clean.Length} before");
                for (int g = 0; g < allRegions.Count; g++)
                    rmse[g][c][r] = RegionRmse(output, clean, allRegions[g].Members, perPatch);
                progress?.Report(++done);
            }

        var results = new List<RegionContributions>();
        for (int g = 0; g < allRegions.Count; g++)
        {
            var mean = rmse[g].Select(v => v.Average()).ToArray();
            double total = mean.Sum();
            if (!(total > 0))
                throw new InvalidOperationException($"the output does not change when any input is perturbed (region '{allRegions[g].Name}'); contributions are undefined");
            var contributions = mean.Select(m => m / total).ToArray();
            var sd = rmse[g].Select(v => Descriptive.StandardDeviation(v) / total).ToArray();
            results.Add(new RegionContributions(allRegions[g].Name, VoxelMask.Count(allRegions[g].Members), rmse[g], contributions, sd));
        }
        return new ContributionResult(sigma, results);
    }

    /// <summary>Overload for a plain function of the [N][C][k][k] array.</summary>
    public static ContributionResult Run(Func<float[], float[]> predictor, float[] patches, PatchLayout layout,
        ContributionOptions? options = null, IReadOnlyList<PatchRegion>? regions = null, IProgress<int>? progress = null) =>
        Run(PatchPredictor.From(predictor), patches, layout, options, regions, progress);

    static float[] Predict(IPatchPredictor predictor, float[] patches, int count)
    {
        var output = predictor.Predict(patches, count)
            ?? throw new InvalidOperationException("the predictor returned null");
        if (output.Length == 0 || output.Length % count != 0)
            throw new InvalidOperationException($"the predictor returned {output.Length} values for {count} patches (expected a multiple)");
        return output;
    }

    static double RegionRmse(float[] output, float[] clean, bool[] members, int perPatch)
    {
        double s = 0;
        long n = 0;
        for (int p = 0; p < members.Length; p++)
        {
            if (!members[p]) continue;
            for (int k = p * perPatch; k < (p + 1) * perPatch; k++)
            {
                double d = (double)output[k] - clean[k];
                s += d * d;
            }
            n += perPatch;
        }
        return Math.Sqrt(s / n);
    }
}
