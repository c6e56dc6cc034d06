using System.Globalization;
using Mrh.Data;

namespace Mrh.Mri;

/// <summary>
/// The b-values (s/mm^2) and gradient directions of a diffusion series, one entry per image, in image
/// order. Directions are stored as unit vectors (zero for b0 images given without a direction); they
/// are used as given, so the tensor's directions come out in the frame of the table (for FSL
/// <c>bvecs</c>: the image's voxel axes). An image is a b0 when its b-value is below
/// <see cref="B0Threshold"/> (50 s/mm^2 by default): the authors' tables give their b0 images a small
/// residual b such as 7.3 or 5.0. The small b and its direction are still used in the tensor fit.
/// </summary>
public sealed class GradientTable
{
    /// <summary>b-values below this (s/mm^2) mark b0 images unless said otherwise.</summary>
    public const double DefaultB0Threshold = 50;

    readonly double[] _b;
    readonly double[][] _g;

    /// <summary>
    /// A table from b-values and directions (any non-zero length; normalised here). Throws a one-line
    /// <see cref="MrhException"/> naming <paramref name="source"/> on a negative or non-finite b-value,
    /// a non-finite direction, or a diffusion-weighted entry without a direction.
    /// </summary>
    public GradientTable(IReadOnlyList<double> bValues, IReadOnlyList<double[]?> directions,
        double b0Threshold = DefaultB0Threshold, string source = "gradient table")
    {
        ArgumentNullException.ThrowIfNull(bValues);
        ArgumentNullException.ThrowIfNull(directions);
        if (!(b0Threshold >= 0) || double.IsInfinity(b0Threshold))
            throw new MrhException($"{source}: the b0 threshold must be a finite number >= 0 (got {b0Threshold})");
        if (bValues.Count != directions.Count)
            throw new MrhException($"{source}: {bValues.Count} b-values but {directions.Count} gradient directions");
        if (bValues.Count == 0) throw new MrhException($"{source}: the gradient table is empty");
        int n = bValues.Count;
        _b = new double[n];
        _g = new double[n][];
        for (int i = 0; i < n; i++)
        {
            double b = bValues[i];
            if (!double.IsFinite(b) || b < 0)
                throw new MrhException($"{source}: entry {i + 1} has b-value {b.ToString(CultureInfo.InvariantCulture)}; b-values must be finite and >= 0");
            var d = directions[i];
            if (d is not null && d.Length != 3)
                throw new MrhException($"{source}: entry {i + 1} has a direction with {d.Length} components, expected 3");
            double norm = d is null ? 0 : Math.Sqrt(d[0] * d[0] + d[1] * d[1] + d[2] * d[2]);
            if (!double.IsFinite(norm))
                throw new MrhException($"{source}: entry {i + 1} has a non-finite gradient direction");
            bool b0 = b < b0Threshold;
            if (!b0 && norm < 1e-6)
                throw new MrhException($"{source}: entry {i + 1} has b = {b.ToString("0.###", CultureInfo.InvariantCulture)} s/mm^2 but no gradient direction (zero vector)");
            _b[i] = b;
            _g[i] = norm < 1e-6 ? [0, 0, 0] : [d![0] / norm, d[1] / norm, d[2] / norm];
        }
        B0Threshold = b0Threshold;
        Source = source;
    }

    /// <summary>Number of images.</summary>
    public int Count => _b.Length;
    /// <summary>Where the table came from (a file name, "protocol", ...), used in error messages.</summary>
    public string Source { get; }
    /// <summary>b-values below this are b0 images.</summary>
    public double B0Threshold { get; }
    /// <summary>b-value of image i, s/mm^2.</summary>
    public double BValue(int i) => _b[i];
    /// <summary>Unit gradient direction of image i (a copy; zero for a b0 without direction).</summary>
    public double[] Direction(int i) => (double[])_g[i].Clone();
    /// <summary>All b-values (a copy).</summary>
    public double[] BValues => (double[])_b.Clone();
    public bool IsB0(int i) => _b[i] < B0Threshold;
    /// <summary>Indices of the b0 images, in order.</summary>
    public int[] B0Indices => Enumerable.Range(0, Count).Where(IsB0).ToArray();
    /// <summary>Indices of the diffusion-weighted images, in order.</summary>
    public int[] DwiIndices => Enumerable.Range(0, Count).Where(i => !IsB0(i)).ToArray();

    /// <summary>The table of the given entries, in the order given.</summary>
    public GradientTable Select(IReadOnlyList<int> indices) =>
        new(indices.Select(i => _b[i]).ToArray(), indices.Select(i => (double[]?)_g[i]).ToArray(), B0Threshold, Source);

    /// <summary>
    /// The table of a protocol's diffusion channels (B0 and Dwi kinds), in protocol order, with the
    /// protocol channel index of each entry. A B0 channel must have a b-value below the threshold; a Dwi
    /// channel below it counts as a b0.
    /// </summary>
    public static (GradientTable Table, int[] Channels) FromProtocol(Protocol protocol, double b0Threshold = DefaultB0Threshold)
    {
        ArgumentNullException.ThrowIfNull(protocol);
        var channels = protocol.IndicesWhere(c => c.IsDiffusion);
        if (channels.Length == 0) throw new MrhException("the protocol has no diffusion images (no B0 or Dwi channels)");
        var b = new double[channels.Length];
        var g = new double[]?[channels.Length];
        for (int k = 0; k < channels.Length; k++)
        {
            var c = protocol[channels[k]];
            if (c.Kind == ChannelKind.B0 && c.BValue >= b0Threshold)
                throw new MrhException($"protocol channel '{c.Name}' is a b0 image but has b = {c.BValue:0.###}, not below the b0 threshold {b0Threshold:0.###} s/mm^2");
            b[k] = c.BValue;
            if (c.Kind == ChannelKind.Dwi && c.BValue >= b0Threshold && c.Direction is null)
                throw new MrhException($"protocol channel '{c.Name}' is diffusion-weighted (b = {c.BValue:0.###}) but has no gradient direction");
            g[k] = c.Direction;
        }
        return (new GradientTable(b, g, b0Threshold, "protocol"), channels);
    }

    /// <summary>
    /// Reads a table: one file in the authors' format (<see cref="ParseAuthors"/>), or an FSL pair given
    /// as "BVALS,BVECS" (<see cref="ParseFsl"/>).
    /// </summary>
    public static GradientTable Read(string spec, double b0Threshold = DefaultB0Threshold)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var parts = spec.Split(',', StringSplitOptions.TrimEntries);
        if (parts.Length == 2 && parts[0].Length > 0 && parts[1].Length > 0)
            return ParseFsl(ReadText(parts[0]), ReadText(parts[1]), $"{parts[0]},{parts[1]}", b0Threshold);
        if (parts.Length > 2)
            throw new MrhException($"gradient table '{spec}': give one file (gx, gy, gz, b per line) or two files BVALS,BVECS");
        return ParseAuthors(ReadText(spec), spec, b0Threshold);
    }

    static string ReadText(string path)
    {
        var info = new FileInfo(path);
        if (!info.Exists) throw new MrhException($"{path}: gradient table not found");
        // a gradient table is a few kilobytes; refuse to read an image by mistake
        if (info.Length > 16 << 20) throw new MrhException($"{path}: {info.Length} bytes is too large for a gradient table");
        return File.ReadAllText(path);
    }

    /// <summary>
    /// Parses the authors' format: one image per line, <c>gx, gy, gz, b</c> (commas and/or blanks
    /// between the numbers). Blank lines and lines starting with '#' are skipped.
    /// </summary>
    public static GradientTable ParseAuthors(string text, string source = "gradient table", double b0Threshold = DefaultB0Threshold)
    {
        var b = new List<double>();
        var g = new List<double[]?>();
        var lines = text.Split('\n');
        for (int n = 0; n < lines.Length; n++)
        {
            string line = lines[n].Trim();
            if (line.Length == 0 || line.StartsWith('#')) continue;
            var fields = Fields(line);
            if (fields.Length != 4 || !TryNumbers(fields, out var v))
                throw new MrhException($"{source} line {n + 1}: expected four numbers 'gx, gy, gz, b', got '{Shorten(line)}'");
            g.Add([v[0], v[1], v[2]]);
            b.Add(v[3]);
        }
        if (b.Count == 0) throw new MrhException($"{source}: no gradient lines found (expected 'gx, gy, gz, b' per line)");
        return new GradientTable(b, g, b0Threshold, source);
    }

    /// <summary>
    /// Parses an FSL pair: <c>bvals</c> holds N numbers (one row or one column); <c>bvecs</c> holds
    /// 3 rows of N numbers (FSL's layout) or N rows of 3 numbers.
    /// </summary>
    public static GradientTable ParseFsl(string bvalsText, string bvecsText, string source = "bvals,bvecs", double b0Threshold = DefaultB0Threshold)
    {
        var bRows = Rows(bvalsText, source + " (bvals)");
        var bvals = bRows.SelectMany(r => r).ToArray();
        if (bvals.Length == 0) throw new MrhException($"{source}: the bvals file holds no numbers");
        if (bRows.Count > 1 && bRows.Any(r => r.Length != 1))
            throw new MrhException($"{source}: bvals must be one row or one column of numbers");
        var vRows = Rows(bvecsText, source + " (bvecs)");
        int n = bvals.Length;
        var dirs = new double[]?[n];
        if (vRows.Count == 3 && vRows.All(r => r.Length == n))
        {
            for (int i = 0; i < n; i++) dirs[i] = [vRows[0][i], vRows[1][i], vRows[2][i]];
        }
        else if (vRows.Count == n && vRows.All(r => r.Length == 3))
        {
            for (int i = 0; i < n; i++) dirs[i] = vRows[i];
        }
        else
        {
            throw new MrhException($"{source}: bvecs must be 3 rows of {n} numbers (one per b-value), got {vRows.Count} rows of {string.Join("/", vRows.Select(r => r.Length).Distinct())}");
        }
        return new GradientTable(bvals, dirs, b0Threshold, source);
    }

    static List<double[]> Rows(string text, string source)
    {
        var rows = new List<double[]>();
        var lines = text.Split('\n');
        for (int n = 0; n < lines.Length; n++)
        {
            string line = lines[n].Trim();
            if (line.Length == 0 || line.StartsWith('#')) continue;
            if (!TryNumbers(Fields(line), out var v))
                throw new MrhException($"{source} line {n + 1}: expected numbers, got '{Shorten(line)}'");
            rows.Add(v);
        }
        return rows;
    }

    static string[] Fields(string line) =>
        line.Split([',', ' ', '\t', ';', '\r'], StringSplitOptions.RemoveEmptyEntries);

    static bool TryNumbers(string[] fields, out double[] values)
    {
        values = new double[fields.Length];
        for (int i = 0; i < fields.Length; i++)
            if (!double.TryParse(fields[i], NumberStyles.Float, CultureInfo.InvariantCulture, out values[i]))
                return false;
        return true;
    }

    static string Shorten(string s) => s.Length <= 60 ? s : s[..57] + "...";
}
