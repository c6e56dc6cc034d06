using Mrh.Analysis;
using Mrh.Phantom;

namespace Mrh.Contrasts;

/// <summary>
/// Question 3 asked as usefulness rather than sensitivity: permutation importance on the held-out animals (Breiman
/// 2001; scikit-learn's <c>permutation_importance</c>). Input <see cref="Name"/>'s values in every held-out patch are
/// replaced by those of another patch (a seeded random permutation; the whole k x k patch of that input moves together),
/// and <see cref="ErrorIncrease"/> is how much the mean squared error against the stain grows (stain units²), mean over
/// the permutations; <see cref="RelativeIncrease"/> is that increase over the error of the unpermuted inputs. An input
/// whose information the network uses gets a positive increase; an input of independent noise gets an expected increase
/// of zero (shuffled noise is noise of the same distribution), however sensitive the network is to it. Rank 1 = largest.
/// </summary>
public sealed record InputUsefulness(string Name, bool IsCandidate, double ErrorIncrease, double RelativeIncrease, int Rank)
{
    /// <summary>
    /// The permutation importance of every channel of <paramref name="patches"/> ([N][C][k][k], see
    /// <see cref="IPatchPredictor"/>) for <paramref name="predictor"/>, whose outputs (the same number per patch) are
    /// compared with <paramref name="targets"/>. Permutation r of channel c is seeded with
    /// <c>Seeds.Derive(seed, "usefulness", c, r)</c> (independent of the order of work); with <paramref name="groups"/>
    /// (one group per patch, e.g. its animal) patches are exchanged only within their group, so that a channel keeps
    /// each animal's distribution.
    /// </summary>
    public static IReadOnlyList<InputUsefulness> Compute(IPatchPredictor predictor, float[] patches, PatchLayout layout, float[] targets,
        IReadOnlyList<string> names, IReadOnlyList<bool> isCandidate, int permutations, ulong seed, IReadOnlyList<int>? groups = null)
    {
        if (names.Count != layout.Channels || isCandidate.Count != layout.Channels)
            throw new MrhException($"{names.Count} names and {isCandidate.Count} flags for {layout.Channels} channels");
        return ComputeSets(predictor, patches, layout, targets, names.Select((n, c) => new InputSet(n, isCandidate[c], [c])).ToArray(), permutations, seed, groups);
    }

    /// <summary>
    /// The permutation importance of sets of inputs (grouped permutation importance): the channels of a set are
    /// exchanged between patches by one permutation, so they keep their joint distribution and lose only their relation
    /// to the other inputs and to the stain. Where inputs are redundant (30 directions of one shell) one of them can be
    /// shuffled at no cost because the others carry the same information; shuffled together they cannot. Permutation
    /// r of set s is seeded with <c>Seeds.Derive(seed, "usefulness", s, r)</c>, so that one channel per set in channel
    /// order gives <see cref="Compute"/>'s bytes. Every channel may belong to at most one set.
    /// </summary>
    public static IReadOnlyList<InputUsefulness> ComputeSets(IPatchPredictor predictor, float[] patches, PatchLayout layout, float[] targets,
        IReadOnlyList<InputSet> sets, int permutations, ulong seed, IReadOnlyList<int>? groups = null)
    {
        ArgumentNullException.ThrowIfNull(predictor);
        ArgumentNullException.ThrowIfNull(targets);
        ArgumentNullException.ThrowIfNull(sets);
        layout.Check(patches);
        if (sets.Count == 0) throw new MrhException("no input to rank");
        var seen = new HashSet<int>();
        foreach (var set in sets)
        {
            if (set.Channels.Count == 0) throw new MrhException($"the input set '{set.Name}' has no channel");
            foreach (int c in set.Channels)
            {
                if (c < 0 || c >= layout.Channels) throw new MrhException($"the input set '{set.Name}' names channel {c} of {layout.Channels}");
                if (!seen.Add(c)) throw new MrhException($"channel {c} belongs to two input sets");
            }
        }
        if (permutations < 1) throw new MrhException($"permutations must be at least 1 (got {permutations})");
        if (groups is not null && groups.Count != layout.Count) throw new MrhException($"{groups.Count} groups for {layout.Count} patches");
        var members = (groups ?? new int[layout.Count]).Select((g, p) => (g, p)).GroupBy(x => x.g).OrderBy(g => g.Key)
            .Select(g => g.Select(x => x.p).ToArray()).ToArray();

        double baseline = Mse(Predict(predictor, patches, layout.Count, targets.Length), targets);
        int C = layout.Channels, ppc = layout.PixelsPerChannel;
        var increase = new double[sets.Count];
        var shuffled = new float[patches.Length];
        for (int s = 0; s < sets.Count; s++)
        {
            for (int r = 0; r < permutations; r++)
            {
                Array.Copy(patches, shuffled, patches.Length);
                var rng = new Rng(Seeds.Derive(seed, "usefulness", s, r));
                foreach (var group in members)
                {
                    var from = Permutation(group.Length, rng);
                    for (int i = 0; i < group.Length; i++)
                        foreach (int c in sets[s].Channels)
                            Array.Copy(patches, (long)(group[from[i]] * C + c) * ppc, shuffled, (long)(group[i] * C + c) * ppc, ppc);
                }
                increase[s] += Mse(Predict(predictor, shuffled, layout.Count, targets.Length), targets) - baseline;
            }
            increase[s] /= permutations;
        }
        return Ranked(sets.Select(x => x.Name).ToArray(), sets.Select(x => x.IsCandidate).ToArray(), increase, baseline);
    }

    /// <summary>The mean error increase of each input over the lists (same inputs in the same order, e.g. the repeats), re-ranked.</summary>
    public static IReadOnlyList<InputUsefulness> Mean(IReadOnlyList<IReadOnlyList<InputUsefulness>> lists)
    {
        if (lists.Count == 0) throw new MrhException("no usefulness to pool");
        var first = lists[0];
        foreach (var l in lists)
            if (l.Count != first.Count || l.Select(u => u.Name).Where((n, i) => n != first[i].Name).Any())
                throw new MrhException("the usefulness lists to pool are of different inputs");
        var increase = Enumerable.Range(0, first.Count).Select(i => lists.Average(l => l[i].ErrorIncrease)).ToArray();
        var relative = Enumerable.Range(0, first.Count).Select(i => lists.Average(l => l[i].RelativeIncrease)).ToArray();
        var rank = Ranks(increase);
        return first.Select((u, i) => u with { ErrorIncrease = increase[i], RelativeIncrease = relative[i], Rank = rank[i] }).ToArray();
    }

    static IReadOnlyList<InputUsefulness> Ranked(IReadOnlyList<string> names, IReadOnlyList<bool> isCandidate, double[] increase, double baseline)
    {
        var rank = Ranks(increase);
        return increase.Select((d, i) => new InputUsefulness(names[i], isCandidate[i], d, baseline > 0 ? d / baseline : 0, rank[i])).ToArray();
    }

    /// <summary>Rank of each value, 1 = largest (ties: lower index first, the rule of <see cref="ContributionRanking"/>).</summary>
    static int[] Ranks(IReadOnlyList<double> values)
    {
        var order = ContributionRanking.Ranking(values);
        var rank = new int[values.Count];
        for (int r = 0; r < order.Length; r++) rank[order[r]] = r + 1;
        return rank;
    }

    /// <summary>A uniform random permutation of 0..n-1 (Fisher-Yates).</summary>
    static int[] Permutation(int n, Rng rng)
    {
        var p = Enumerable.Range(0, n).ToArray();
        for (int i = n - 1; i > 0; i--)
        {
            int j = rng.NextInt(i + 1);
            (p[i], p[j]) = (p[j], p[i]);
        }
        return p;
    }

    static float[] Predict(IPatchPredictor predictor, float[] patches, int count, int expected)
    {
        var output = predictor.Predict(patches, count) ?? throw new MrhException("the predictor returned null");
        if (output.Length != expected) throw new MrhException($"the predictor returned {output.Length} values for {expected} targets");
        return output;
    }

    static double Mse(float[] output, float[] targets)
    {
        double s = 0;
        for (int i = 0; i < output.Length; i++) { double d = (double)output[i] - targets[i]; s += d * d; }
        return s / output.Length;
    }
}

/// <summary>Inputs ranked as one by <see cref="InputUsefulness.ComputeSets"/> (e.g. the images of one acquisition): a name,
/// whether it is a candidate contrast, and its channels.</summary>
public sealed record InputSet(string Name, bool IsCandidate, IReadOnlyList<int> Channels);
