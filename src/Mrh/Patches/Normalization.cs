using System.Text.Json.Serialization;

namespace Mrh.Patches;

/// <summary>How network inputs and targets are scaled.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<NormalizationKind>))]
public enum NormalizationKind
{
    /// <summary>No scaling.</summary>
    None,
    /// <summary>
    /// The authors': every input divided by the global maximum of all inputs (one number for all
    /// channels), targets divided by the global maximum of the targets.
    /// </summary>
    GlobalMax,
    /// <summary>
    /// Our default: each channel mapped by its own robust range, (x - p1) / (p99 - p1), with p1 and p99
    /// the 1st and 99th percentiles of that channel over all pixels of the training patches (which lie
    /// in the brain mask); the target likewise. Robust to outliers and to channels of very different
    /// magnitude (b0 versus b = 5,000 DWI), where one global maximum squeezes weak channels towards 0.
    /// </summary>
    RobustPerChannel,
}

/// <summary>
/// The affine scaling applied to network inputs (per channel) and to the target:
/// normalised = (raw - offset) / scale. Fitted on training patches and stored with the model, so that
/// inference scales new data identically and maps outputs back to target units.
/// </summary>
public sealed record Normalization(
    NormalizationKind Kind,
    float[] InputOffset,
    float[] InputScale,
    float TargetOffset,
    float TargetScale,
    double LowPercentile = 1,
    double HighPercentile = 99)
{
    public int Channels => InputOffset.Length;

    /// <summary>No scaling for <paramref name="channels"/> inputs.</summary>
    public static Normalization Identity(int channels) =>
        new(NormalizationKind.None, new float[channels], Enumerable.Repeat(1f, channels).ToArray(), 0, 1);

    /// <summary>Fits the given kind on training patches.</summary>
    public static Normalization Fit(PatchSet patches, NormalizationKind kind) => kind switch
    {
        NormalizationKind.None => Identity(patches.Channels),
        NormalizationKind.GlobalMax => FitGlobalMax(patches),
        NormalizationKind.RobustPerChannel => FitRobust(patches),
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    /// <summary>The authors' scaling: inputs / max(all inputs), targets / max(targets).</summary>
    public static Normalization FitGlobalMax(PatchSet patches)
    {
        float inMax = MaxFinite(patches.Inputs), tMax = MaxFinite(patches.Targets);
        return new(NormalizationKind.GlobalMax, new float[patches.Channels],
            Enumerable.Repeat(SafeScale(inMax), patches.Channels).ToArray(), 0, SafeScale(tMax));
    }

    /// <summary>Per-channel (x - p_low) / (p_high - p_low) over all patch pixels; the target likewise.</summary>
    public static Normalization FitRobust(PatchSet patches, double lowPercentile = 1, double highPercentile = 99)
    {
        if (!(lowPercentile >= 0 && highPercentile <= 100 && lowPercentile < highPercentile))
            throw new ArgumentException($"percentiles must satisfy 0 <= low < high <= 100 (got {lowPercentile}, {highPercentile})");
        int c = patches.Channels, kk = patches.TargetLength, n = patches.Count;
        var off = new float[c];
        var scale = new float[c];
        // at most ~200k values per channel: a fixed stride through the patches keeps it fast and deterministic
        int step = Math.Max(1, (int)Math.Ceiling(n * (double)kk / 200_000));
        for (int ch = 0; ch < c; ch++)
        {
            var values = new List<float>();
            for (int i = 0; i < n; i += step)
            {
                long b = ((long)i * c + ch) * kk;
                for (int p = 0; p < kk; p++) values.Add(patches.Inputs[b + p]);
            }
            (off[ch], scale[ch]) = Range(values, lowPercentile, highPercentile);
        }
        var t = new List<float>();
        for (int i = 0; i < n; i += step)
            for (int p = 0; p < kk; p++) t.Add(patches.Targets[(long)i * kk + p]);
        var (to, ts) = Range(t, lowPercentile, highPercentile);
        return new(NormalizationKind.RobustPerChannel, off, scale, to, ts, lowPercentile, highPercentile);
    }

    /// <summary>A normalised copy of the patches.</summary>
    public PatchSet Apply(PatchSet patches)
    {
        if (patches.Channels != Channels) throw new MrhException($"normalisation is for {Channels} channels, the patches have {patches.Channels}");
        var inputs = (float[])patches.Inputs.Clone();
        ApplyToInputs(inputs, patches.TargetLength);
        var targets = new float[patches.Targets.Length];
        float tInv = 1f / TargetScale;
        for (int i = 0; i < targets.Length; i++) targets[i] = (patches.Targets[i] - TargetOffset) * tInv;
        return patches.WithValues(inputs, targets);
    }

    /// <summary>Normalises input blocks laid out [N][C][pixels] in place.</summary>
    public void ApplyToInputs(Span<float> inputs, int pixelsPerChannel)
    {
        int c = Channels, block = c * pixelsPerChannel;
        if (inputs.Length % block != 0) throw new ArgumentException($"input length {inputs.Length} is not a multiple of {block}");
        var inv = InputScale.Select(s => 1f / s).ToArray();
        for (int b = 0; b < inputs.Length; b += block)
            for (int ch = 0; ch < c; ch++)
            {
                float o = InputOffset[ch], m = inv[ch];
                var span = inputs.Slice(b + ch * pixelsPerChannel, pixelsPerChannel);
                for (int p = 0; p < span.Length; p++) span[p] = (span[p] - o) * m;
            }
    }

    /// <summary>A normalised target value back in target units.</summary>
    public float TargetToRaw(float normalised) => normalised * TargetScale + TargetOffset;

    /// <summary>A raw target value in normalised units.</summary>
    public float TargetToNormalised(float raw) => (raw - TargetOffset) / TargetScale;

    /// <summary>Throws unless the fields are consistent, finite and the scales positive.</summary>
    public void Validate(int expectedChannels)
    {
        if (InputOffset is null || InputScale is null || InputOffset.Length != InputScale.Length)
            throw new MrhException("normalisation: offsets and scales differ in length");
        if (InputOffset.Length != expectedChannels)
            throw new MrhException($"normalisation is for {InputOffset.Length} channels, the model has {expectedChannels}");
        if (InputOffset.Any(v => !float.IsFinite(v)) || InputScale.Any(v => !(v > 0) || !float.IsFinite(v)) ||
            !float.IsFinite(TargetOffset) || !(TargetScale > 0) || !float.IsFinite(TargetScale))
            throw new MrhException("normalisation holds non-finite values or non-positive scales");
    }

    static (float Offset, float Scale) Range(List<float> values, double lo, double hi)
    {
        var a = values.Where(float.IsFinite).ToArray();
        if (a.Length == 0) return (0, 1);
        Array.Sort(a);
        float pl = Percentile(a, lo), ph = Percentile(a, hi);
        float s = ph - pl;
        if (!(s > 0) || !float.IsFinite(s))
        {
            // a (nearly) constant channel: centre it and leave its scale alone
            return (pl, SafeScale(Math.Abs(pl)));
        }
        return (pl, s);
    }

    /// <summary>Linear-interpolated percentile of sorted values (the "linear" rule of numpy).</summary>
    public static float Percentile(float[] sorted, double p)
    {
        if (sorted.Length == 0) throw new ArgumentException("no values");
        double pos = p / 100 * (sorted.Length - 1);
        int i = (int)Math.Floor(pos);
        if (i >= sorted.Length - 1) return sorted[^1];
        double f = pos - i;
        return (float)(sorted[i] + f * (sorted[i + 1] - sorted[i]));
    }

    static float MaxFinite(float[] a)
    {
        float m = float.NegativeInfinity;
        foreach (float v in a) if (float.IsFinite(v) && v > m) m = v;
        return m;
    }

    static float SafeScale(float s) => s > 0 && float.IsFinite(s) ? s : 1f;
}
