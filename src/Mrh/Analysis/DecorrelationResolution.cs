using System.Numerics;
using Mrh.Imaging;

namespace Mrh.Analysis;

/// <summary>Settings of the decorrelation analysis (defaults: those of Descloux et al. 2019).</summary>
/// <param name="RadiusSamples">Number of mask radii sampled in [0, 1] (normalised frequency).</param>
/// <param name="HighPassFilters">Number of Gaussian high-pass filters per pass.</param>
/// <param name="MinimumAmplitude">Peaks of lower correlation amplitude are ignored (too noisy to trust).</param>
/// <param name="MinimumPeakHeight">How far a maximum must rise above the curve after it to count as a peak.</param>
public sealed record DecorrelationOptions(int RadiusSamples = 50, int HighPassFilters = 10,
    double MinimumAmplitude = 0.05, double MinimumPeakHeight = 0.0005)
{
    internal void Validate()
    {
        if (RadiusSamples < 10 || HighPassFilters < 2) throw new ArgumentException("decorrelation analysis needs at least 10 radii and 2 filters");
        if (!(MinimumAmplitude >= 0) || !(MinimumPeakHeight >= 0)) throw new ArgumentException("decorrelation thresholds must be non-negative");
    }
}

/// <summary>A local maximum of one decorrelation curve.</summary>
/// <param name="Filter">The high-pass parameter g of the curve (0 for the unfiltered image).</param>
/// <param name="Frequency">Peak position, in normalised frequency (1 = Nyquist).</param>
/// <param name="Amplitude">Peak height (a correlation coefficient).</param>
public sealed record DecorrelationPeak(double Filter, double Frequency, double Amplitude);

/// <summary>Result of a decorrelation analysis.</summary>
/// <param name="Resolution">2 x pixel size / <paramref name="CutoffFrequency"/>, in the unit of the pixel size;
/// NaN when no curve had a usable peak.</param>
/// <param name="CutoffFrequency">The highest usable peak frequency k_c (1 = Nyquist).</param>
/// <param name="Amplitude">Peak height of the unfiltered curve (A0, a signal-to-noise indicator).</param>
/// <param name="Radii">Radii of <paramref name="Curve"/>.</param>
/// <param name="Curve">d(r) of the unfiltered image.</param>
/// <param name="Peaks">Every peak found (unfiltered and high-pass filtered, both passes).</param>
public sealed record DecorrelationResult(double Resolution, double CutoffFrequency, double Amplitude,
    double[] Radii, double[] Curve, IReadOnlyList<DecorrelationPeak> Peaks)
{
    public bool Found => !double.IsNaN(Resolution);
}

/// <summary>
/// Image resolution by decorrelation analysis (Descloux, Grussmayer &amp; Radenovic, Nat Methods 16:918,
/// 2019), without the edge apodisation step, as the paper uses it. Steps, for one 2D image:
/// <list type="number">
/// <item>Crop to an odd number of rows and columns; subtract the mean (the zero frequency carries no
/// resolution information and would otherwise dominate small radii).</item>
/// <item>Fourier transform I(k); keep the disc |k| &lt; 1, where k is the frequency normalised to
/// Nyquist (k = 2 f with f in cycles per pixel, per axis). The normalised transform is
/// I_n(k) = I(k) / |I(k)|.</item>
/// <item>The decorrelation curve d(r) = sum_{|k|&lt;r} Re(I(k) I_n*(k)) / (||I|| sqrt(sum_{|k|&lt;r} |I_n(k)|^2)):
/// the correlation between the image and its normalised version restricted to a disc of radius r.
/// Noise-dominated frequencies add to the denominator but not on average to the numerator, so d(r)
/// peaks at the frequency where signal gives way to noise.</item>
/// <item>The peak: the largest value of d that is not at the last radius and rises at least
/// <see cref="DecorrelationOptions.MinimumPeakHeight"/> above the rest of the curve beyond it (the
/// curve is cut from the end until such a maximum exists).</item>
/// <item>The same for high-pass filtered images I(k)(1 - exp(-2 g^2 |k|^2)), g from N/4, then from 2 / r0
/// (r0 the unfiltered peak) down to 0.15 in geometric steps: high-pass filtering pushes the
/// peak to the highest frequency that still holds signal.</item>
/// <item>A second pass refines g between the two filters around the highest peak and the radii to
/// [k - dr, k + 0.3].</item>
/// <item>Peaks with amplitude below 0.05 are dropped; k_c is the highest remaining peak frequency and
/// the resolution is 2 pixel / k_c.</item>
/// <item>Our addition: when no curve has a usable peak but the unfiltered curve rises up to the edge
/// of the disc (white noise, or an image sharper than its sampling), k_c = 1 and the resolution is
/// 2 pixels, the sampling limit; the reference code reports no peak there.</item>
/// </list>
/// Checked on noise images of known blur: white noise gives 2 pixels and Gaussian blur of growing
/// sigma gives growing estimates (see the tests).
/// </summary>
public static class DecorrelationResolution
{
    /// <summary>Analyses a section with square pixels of <paramref name="pixelSize"/> (e.g. mm).</summary>
    public static DecorrelationResult Estimate(Section section, double pixelSize = 1, DecorrelationOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(section);
        return Estimate(section.Pixels, section.Width, section.Height, pixelSize, options);
    }

    /// <summary>
    /// Analyses one section of a volume; the pixel size is the spacing along the section's columns
    /// (pixels must be square within 1%), so the resolution comes out in millimetres.
    /// </summary>
    public static DecorrelationResult Estimate(Volume volume, AnatomicalPlane plane, int section, int channel = 0,
        DecorrelationOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(volume);
        var (colAxis, rowAxis) = volume.Axes.InPlaneAxes(plane);
        double sc = volume.Spacing[colAxis], sr = volume.Spacing[rowAxis];
        if (Math.Abs(sc - sr) > 0.01 * Math.Max(sc, sr))
            throw new ArgumentException($"decorrelation analysis needs square pixels ({plane} sections are {sc:G4} x {sr:G4} mm)");
        return Estimate(volume.Slice(plane, section, channel), sc, options);
    }

    /// <summary>Analyses a row-major image of <paramref name="width"/> x <paramref name="height"/> pixels.</summary>
    public static DecorrelationResult Estimate(ReadOnlySpan<float> image, int width, int height, double pixelSize = 1,
        DecorrelationOptions? options = null)
    {
        var o = options ?? new DecorrelationOptions();
        o.Validate();
        if (width <= 0 || height <= 0 || image.Length != width * height)
            throw new ArgumentException($"image has {image.Length} values, expected {width} x {height}");
        if (!(pixelSize > 0)) throw new ArgumentException($"pixel size must be positive (got {pixelSize})");
        int w = width % 2 == 1 ? width : width - 1, h = height % 2 == 1 ? height : height - 1;
        if (w < 15 || h < 15) throw new ArgumentException($"decorrelation analysis needs at least 15 x 15 pixels (got {width} x {height})");

        // 1. crop, remove the mean, transform
        var spectrum = new Complex[w * h];
        double mean = 0;
        for (int y = 0; y < h; y++)
            for (int x = 0; x < w; x++)
            {
                float v = image[y * width + x];
                if (!float.IsFinite(v)) throw new ArgumentException("decorrelation analysis of an image with NaN or infinite pixels");
                mean += v;
            }
        mean /= w * h;
        for (int y = 0; y < h; y++)
            for (int x = 0; x < w; x++) spectrum[y * w + x] = new Complex(image[y * width + x] - mean, 0);
        Fft2D.Forward(spectrum, h, w);

        // 2. the frequency disc, sorted by radius
        var inside = new List<(double R2, int Index)>();
        for (int y = 0; y < h; y++)
        {
            double fy = 2.0 * (y <= h / 2 ? y : y - h) / h;
            for (int x = 0; x < w; x++)
            {
                double fx = 2.0 * (x <= w / 2 ? x : x - w) / w;
                double r2 = fx * fx + fy * fy;
                if (r2 < 1) inside.Add((r2, y * w + x));
            }
        }
        inside.Sort((a, b) => a.R2.CompareTo(b.R2));
        int n = inside.Count;
        var r2s = new double[n];
        var magnitude = new double[n];
        var phase = new Complex[n];  // I_n
        var prefixNorm = new double[n + 1]; // sum |I_n|^2 over the first k
        for (int k = 0; k < n; k++)
        {
            var c = spectrum[inside[k].Index];
            r2s[k] = inside[k].R2;
            magnitude[k] = c.Magnitude;
            phase[k] = magnitude[k] > 0 ? c / magnitude[k] : Complex.Zero;
            prefixNorm[k + 1] = prefixNorm[k] + (magnitude[k] > 0 ? 1 : 0);
        }
        var ik = new Complex[n];
        for (int k = 0; k < n; k++) ik[k] = spectrum[inside[k].Index];

        // 3.-4. unfiltered curve and its peak
        var radii = Linspace(0, 1, o.RadiusSamples);
        var d0 = Curve(ik, phase, r2s, prefixNorm, radii, g: 0);
        var (i0, a0) = Peak(d0, o.MinimumPeakHeight);
        double r0 = radii[i0];
        var peaks = new List<DecorrelationPeak> { new(0, r0, a0) };

        // 5. first pass of high-pass filters
        double size = Math.Max(w, h);
        double gMax = r0 > 0 ? 2 / r0 : size / 2;
        var filters = new List<double> { size / 4 };
        filters.AddRange(Geometric(gMax, 0.15, o.HighPassFilters));
        var first = new List<DecorrelationPeak>();
        foreach (double g in filters)
        {
            var d = Curve(ik, phase, r2s, prefixNorm, radii, g);
            var (i, a) = Peak(d, o.MinimumPeakHeight);
            first.Add(new(g, radii[i], a));
        }
        peaks.AddRange(first);

        // 6. refine around the highest peak
        var candidates = new List<DecorrelationPeak> { peaks[0] };
        candidates.AddRange(first);
        int best = 0;
        for (int k = 1; k < candidates.Count; k++) if (candidates[k].Frequency >= candidates[best].Frequency) best = k;
        double g1, g2;
        if (best == 0) { g1 = size; g2 = filters[0]; }
        else if (best < filters.Count) { g1 = filters[best - 1]; g2 = filters[best]; }
        else { g1 = filters[best - 2]; g2 = filters[best - 1]; }
        double step = radii[1] - radii[0];
        double kBest = candidates[best].Frequency;
        var radii2 = Linspace(Math.Max(kBest - step, 0), Math.Min(kBest + 0.3, 1), o.RadiusSamples);
        foreach (double g in Geometric(g1, g2, o.HighPassFilters))
        {
            var d = Curve(ik, phase, r2s, prefixNorm, radii2, g);
            var (i, a) = Peak(d, o.MinimumPeakHeight);
            peaks.Add(new(g, radii2[i], a));
        }

        // 7. the highest usable peak
        double kc = 0;
        foreach (var p in peaks)
            if (p.Amplitude >= o.MinimumAmplitude && p.Frequency > kc) kc = p.Frequency;
        // 8. an image whose unfiltered curve rises all the way to Nyquist (white noise, or anything
        // sharper than its sampling) has no peak anywhere: it is resolved to the sampling limit
        if (kc == 0 && d0[^1] >= o.MinimumAmplitude && d0[^1] >= d0.Max()) kc = radii[^1];
        double resolution = kc > 0 ? 2 * pixelSize / kc : double.NaN;
        return new DecorrelationResult(resolution, kc, a0, radii, d0, peaks);
    }

    /// <summary>d(r) for every radius, for the image high-pass filtered with parameter g (0: unfiltered).</summary>
    static double[] Curve(Complex[] ik, Complex[] phase, double[] r2s, double[] prefixNorm, double[] radii, double g)
    {
        int n = ik.Length;
        var prefixCross = new double[n + 1];
        double energy = 0;
        for (int k = 0; k < n; k++)
        {
            var v = g > 0 ? ik[k] * (1 - Math.Exp(-2 * g * g * r2s[k])) : ik[k];
            energy += v.Real * v.Real + v.Imaginary * v.Imaginary;
            // Re(v conj(phase))
            prefixCross[k + 1] = prefixCross[k] + v.Real * phase[k].Real + v.Imaginary * phase[k].Imaginary;
        }
        double norm = Math.Sqrt(energy);
        var d = new double[radii.Length];
        for (int j = 0; j < radii.Length; j++)
        {
            int count = CountBelow(r2s, radii[j] * radii[j]);
            double den = norm * Math.Sqrt(prefixNorm[count]);
            d[j] = den > 0 ? prefixCross[count] / den : 0;
        }
        return d;
    }

    /// <summary>Number of sorted values strictly below x.</summary>
    static int CountBelow(double[] sorted, double x)
    {
        int lo = 0, hi = sorted.Length;
        while (lo < hi)
        {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] < x) lo = mid + 1; else hi = mid;
        }
        return lo;
    }

    /// <summary>
    /// Index and height of the curve's peak: the maximum over d[0..end] that is not at end and exceeds
    /// the minimum of d after it by at least minHeight, shrinking end until one exists (index 0 if none).
    /// </summary>
    static (int Index, double Amplitude) Peak(double[] d, double minHeight)
    {
        for (int end = d.Length - 1; end > 0; end--)
        {
            int m = 0;
            for (int k = 1; k <= end; k++) if (d[k] > d[m]) m = k;
            if (m == end) continue;
            double after = double.PositiveInfinity;
            for (int k = m + 1; k <= end; k++) after = Math.Min(after, d[k]);
            if (m == 0 || d[m] - after >= minHeight) return (m, d[m]);
        }
        return (0, d[0]);
    }

    static double[] Linspace(double a, double b, int n)
    {
        var r = new double[n];
        for (int i = 0; i < n; i++) r[i] = a + (b - a) * i / (n - 1);
        return r;
    }

    static double[] Geometric(double a, double b, int n)
    {
        var r = new double[n];
        for (int i = 0; i < n; i++) r[i] = Math.Exp(Math.Log(a) + (Math.Log(b) - Math.Log(a)) * i / (n - 1));
        return r;
    }
}
