namespace Mrh.Patches;

/// <summary>Cuts training patches out of co-registered MRI and histology volumes.</summary>
public static class PatchSampler
{
    /// <summary>The authors' grid sampler on one subject (deterministic, no randomness).</summary>
    public static PatchSet Authors(PatchSource source, AuthorsSamplerOptions options)
    {
        source.Validate();
        options.Validate();
        var g = new PatchGeometry(source.Inputs, options.Plane, options.PatchSize);
        var b = new PatchBuilder(source, g);
        var target = source.Target.Channels[0];
        float targetMax = 0;
        for (int i = 0; i < target.Length; i++)
            if (source.InMask(i) && float.IsFinite(target[i]) && target[i] > targetMax) targetMax = target[i];
        double minSum = options.MinTargetMeanFraction * targetMax * g.Size * g.Size;
        var fa = source.Fa?.Channels[0];
        int h = g.Half, area = g.Width * g.Height;
        var (first, last) = options.Band.Resolve(g.SectionCount);
        for (int s = first; s <= last; s++)
        {
            int inMask = 0;
            for (int r = 0; r < g.Height; r++)
                for (int c = 0; c < g.Width; c++)
                    if (source.InMask(g.Index(s, c, r))) inMask++;
            if (inMask == 0) continue;
            double fraction = inMask / (double)area;
            int stride = options.StrideTiers.FirstOrDefault(t => fraction >= t.MinTissueFraction)?.Stride ?? options.SparseStride;
            for (int r = h; r + h < g.Height; r += stride)
                for (int c = h; c + h < g.Width; c += stride)
                {
                    if (!MaskAccepts(source, g, s, c, r, options.WholePatchInMask)) continue;
                    var t = b.TargetPatch(s, c, r);
                    double sum = 0;
                    foreach (float v in t) sum += v;
                    if (sum < minSum) continue;
                    if (fa != null && options.MinNonzeroFa > 0 && NonzeroCount(fa, g, s, c, r) < options.MinNonzeroFa) continue;
                    b.AddWithLastTarget(s, c, r);
                }
        }
        return b.Build();
    }

    /// <summary>Plain random-in-mask sampling on one subject (seeded).</summary>
    public static PatchSet RandomInMask(PatchSource source, RandomSamplerOptions options)
    {
        source.Validate();
        options.Validate();
        var g = new PatchGeometry(source.Inputs, options.Plane, options.PatchSize);
        var candidates = new List<(int S, int C, int R)>();
        var (first, last) = options.Band.Resolve(g.SectionCount);
        int h = g.Half;
        for (int s = first; s <= last; s++)
            for (int r = h; r + h < g.Height; r++)
                for (int c = h; c + h < g.Width; c++)
                    if (MaskAccepts(source, g, s, c, r, options.WholePatchInMask)) candidates.Add((s, c, r));
        int n = Math.Min(options.Count, candidates.Count);
        var rng = new Random(options.Seed);
        // partial Fisher-Yates: the first n entries become a uniform sample without replacement
        for (int i = 0; i < n; i++)
        {
            int j = i + rng.Next(candidates.Count - i);
            (candidates[i], candidates[j]) = (candidates[j], candidates[i]);
        }
        var b = new PatchBuilder(source, g);
        for (int i = 0; i < n; i++) b.Add(candidates[i].S, candidates[i].C, candidates[i].R);
        return b.Build();
    }

    /// <summary>The authors' sampler on several subjects, concatenated in order.</summary>
    public static PatchSet Authors(IEnumerable<PatchSource> sources, AuthorsSamplerOptions options) =>
        PatchSet.Concat(sources.Select(s => Authors(s, options)).ToArray());

    /// <summary>
    /// Random sampling on several subjects: <see cref="RandomSamplerOptions.Count"/> patches per subject,
    /// subject i seeded with <c>Seeds.Int(Seed, "subject", i)</c>.
    /// </summary>
    public static PatchSet RandomInMask(IEnumerable<PatchSource> sources, RandomSamplerOptions options) =>
        PatchSet.Concat(sources.Select((s, i) => RandomInMask(s, options with { Seed = Seeds.Int(options.Seed, "subject", i) })).ToArray());

    static bool MaskAccepts(PatchSource source, PatchGeometry g, int s, int c, int r, bool whole)
    {
        if (source.Mask == null) return true;
        if (!whole) return source.Mask[g.Index(s, c, r)];
        int h = g.Half;
        for (int dr = -h; dr <= h; dr++)
            for (int dc = -h; dc <= h; dc++)
                if (!source.Mask[g.Index(s, c + dc, r + dr)]) return false;
        return true;
    }

    static int NonzeroCount(float[] fa, PatchGeometry g, int s, int c, int r)
    {
        int h = g.Half, n = 0;
        for (int dr = -h; dr <= h; dr++)
            for (int dc = -h; dc <= h; dc++)
            {
                float v = fa[g.Index(s, c + dc, r + dr)];
                if (v != 0 && float.IsFinite(v)) n++;
            }
        return n;
    }
}
