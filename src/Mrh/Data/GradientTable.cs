using System.Globalization;
using System.Text;

namespace Mrh.Data;

/// <summary>
/// The b-values (s/mm^2) and gradient directions of a diffusion series, one entry per image, in image
/// order. Directions are stored as unit vectors (zero for b0 images given without a direction; vectors
/// already of unit length are kept bit-identical so text round trips are exact); they are used as given,
/// so a tensor's directions come out in the frame of the table (for FSL <c>bvecs</c>: the image's voxel
/// axes). An image is a b0 when its b-value is below <see cref="B0Threshold"/> (50 s/mm^2 by default):
/// the authors' tables give their b0 images a small residual b such as 7.3 or 5.0, which is kept.
/// Read from the authors' <c>gx, gy, gz, b</c> text or an FSL bvals/bvecs pair, built from a
/// <see cref="Protocol"/>, or turned into one (<see cref="ToProtocol"/>).
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
        : this(bValues, directions, b0Threshold, source, null) { }

    GradientTable(IReadOnlyList<double> bValues, IReadOnlyList<double[]?> directions,
        double b0Threshold, string source, IReadOnlyList<int>? lineNumbers)
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
            string where = lineNumbers is null ? $"{source}: entry {i + 1}:" : $"{source} line {lineNumbers[i]}:";
            double b = bValues[i];
            if (b < 0) throw new MrhException($"{where} negative b-value {Num(b)}; b-values must be finite and >= 0");
            if (!double.IsFinite(b)) throw new MrhException($"{where} b-value {Num(b)}; b-values must be finite and >= 0");
            var d = directions[i];
            if (d is not null && d.Length != 3)
                throw new MrhException($"{where} a direction with {d.Length} components, expected 3");
            double norm = d is null ? 0 : Math.Sqrt(d[0] * d[0] + d[1] * d[1] + d[2] * d[2]);
            if (!double.IsFinite(norm)) throw new MrhException($"{where} non-finite gradient direction");
            if (b >= b0Threshold && norm < 1e-6)
                throw new MrhException($"{where} b = {b.ToString("0.###", CultureInfo.InvariantCulture)} s/mm^2 but no gradient direction (zero vector)");
            _b[i] = b;
            _g[i] = norm < 1e-6 ? [0, 0, 0]
                : Math.Abs(norm - 1) <= 1e-12 ? [d![0], d[1], d[2]]
                : [d![0] / norm, d[1] / norm, d[2] / norm];
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
    /// <summary>All unit directions (copies), in image order.</summary>
    public IReadOnlyList<double[]> Directions => _g.Select(d => (double[])d.Clone()).ToArray();
    /// <summary>Whether image i is a b0 (b below <see cref="B0Threshold"/>).</summary>
    public bool IsB0(int i) => _b[i] < B0Threshold;
    /// <summary>Indices of the b0 images, in order.</summary>
    public int[] B0Indices => Enumerable.Range(0, Count).Where(IsB0).ToArray();
    /// <summary>Indices of the diffusion-weighted images, in order.</summary>
    public int[] DwiIndices => Enumerable.Range(0, Count).Where(i => !IsB0(i)).ToArray();

    /// <summary>The table of the given entries, in the order given.</summary>
    public GradientTable Select(IReadOnlyList<int> indices) =>
        new(indices.Select(i => _b[i]).ToArray(), indices.Select(i => (double[]?)_g[i]).ToArray(), B0Threshold, Source);

    /// <summary>The table of a protocol's diffusion channels (B0 and Dwi kinds), in protocol order.</summary>
    public static GradientTable FromProtocol(Protocol protocol, double b0Threshold = DefaultB0Threshold) =>
        FromProtocol(protocol, out _, b0Threshold);

    /// <summary>
    /// The table of a protocol's diffusion channels (B0 and Dwi kinds), in protocol order, with the
    /// protocol channel index of each entry in <paramref name="channels"/>. A B0 channel must have a
    /// b-value below the threshold; a Dwi channel below it counts as a b0.
    /// </summary>
    public static GradientTable FromProtocol(Protocol protocol, out int[] channels, double b0Threshold = DefaultB0Threshold)
    {
        ArgumentNullException.ThrowIfNull(protocol);
        channels = protocol.IndicesWhere(c => c.IsDiffusion);
        if (channels.Length == 0) throw new MrhException("the protocol has no diffusion images (no B0 or Dwi channels)");
        var b = new double[channels.Length];
        var g = new double[]?[channels.Length];
        for (int k = 0; k < channels.Length; k++)
        {
            var c = protocol[channels[k]];
            if (c.Kind == ChannelKind.B0 && c.BValue >= b0Threshold)
                throw new MrhException($"protocol channel '{c.Name}' is a b0 image but has b = {Num(c.BValue)}, not below the b0 threshold {Num(b0Threshold)} s/mm^2");
            if (c.Kind == ChannelKind.Dwi && c.BValue >= b0Threshold && c.Direction is null)
                throw new MrhException($"protocol channel '{c.Name}' is diffusion-weighted (b = {Num(c.BValue)}) but has no gradient direction");
            b[k] = c.BValue;
            g[k] = c.Direction;
        }
        return new GradientTable(b, g, b0Threshold, "protocol");
    }

    /// <summary>
    /// The protocol channels of this table: b0 entries become <see cref="ChannelKind.B0"/> images named
    /// <c>{prefix}_b0_{k}</c> (keeping their small b), the others <see cref="ChannelKind.Dwi"/> named
    /// <c>{prefix}_dir{k:00}</c> with their unit direction.
    /// </summary>
    public Protocol ToProtocol(string namePrefix, string group, double ogseFrequencyHz = 0,
        double acquisitionMinutes = Protocol.DwiMinutes)
    {
        var list = new List<ProtocolChannel>(Count);
        int nb0 = 0, ndwi = 0;
        for (int i = 0; i < Count; i++)
            list.Add(IsB0(i)
                ? new($"{namePrefix}_b0_{++nb0}", ChannelKind.B0, _b[i], null, 0, acquisitionMinutes, group)
                : new($"{namePrefix}_dir{++ndwi:00}", ChannelKind.Dwi, _b[i], Direction(i), ogseFrequencyHz, acquisitionMinutes, group));
        return new Protocol(list);
    }

    /// <summary>The table as <c>gx, gy, gz, b</c> lines (round-trip format, see <see cref="ParseAuthors"/>).</summary>
    public string ToText()
    {
        var sb = new StringBuilder();
        for (int i = 0; i < Count; i++)
        {
            var d = _g[i];
            sb.Append(string.Create(CultureInfo.InvariantCulture, $"{d[0]:R}, {d[1]:R}, {d[2]:R}, {_b[i]:R}\n"));
        }
        return sb.ToString();
    }

    /// <summary>
    /// Reads a table: one file in the authors' format (<see cref="ParseAuthors"/>), or an FSL pair given
    /// as "BVALS,BVECS" (<see cref="ReadFsl"/>). An existing file whose name holds a comma is one table.
    /// </summary>
    public static GradientTable Read(string spec, double b0Threshold = DefaultB0Threshold)
    {
        ArgumentNullException.ThrowIfNull(spec);
        if (File.Exists(spec)) return ParseAuthors(ReadText(spec), spec, b0Threshold);
        var parts = spec.Split(',', StringSplitOptions.TrimEntries);
        if (parts.Length == 2 && parts[0].Length > 0 && parts[1].Length > 0)
            return ReadFsl(parts[0], parts[1], b0Threshold);
        if (parts.Length > 2)
            throw new MrhException($"gradient table '{spec}': give one file (gx, gy, gz, b per line) or two files BVALS,BVECS");
        return ParseAuthors(ReadText(spec), spec, b0Threshold);
    }

    /// <summary>Reads an FSL pair of files (see <see cref="ParseFsl"/>); errors name the file at fault.</summary>
    public static GradientTable ReadFsl(string bvalsPath, string bvecsPath, double b0Threshold = DefaultB0Threshold) =>
        Fsl(ReadText(bvalsPath), bvalsPath, ReadText(bvecsPath), bvecsPath, $"{bvalsPath},{bvecsPath}", b0Threshold);

    /// <summary>
    /// Parses the authors' format (their grad_*.txt): one image per line, <c>gx, gy, gz, b</c> (commas,
    /// semicolons and/or blanks between the numbers). Blank lines and lines starting with '#' or '%' are
    /// skipped. Errors name <paramref name="source"/> and the line.
    /// </summary>
    public static GradientTable ParseAuthors(string text, string source = "gradient table", double b0Threshold = DefaultB0Threshold)
    {
        var b = new List<double>();
        var g = new List<double[]?>();
        var lineNumbers = new List<int>();
        foreach (var (n, v) in Rows(text, source, "expected four numbers 'gx, gy, gz, b'"))
        {
            if (v.Length != 4)
                throw new MrhException($"{source} line {n}: expected four numbers 'gx, gy, gz, b', got {v.Length} numbers");
            g.Add([v[0], v[1], v[2]]);
            b.Add(v[3]);
            lineNumbers.Add(n);
        }
        if (b.Count == 0) throw new MrhException($"{source}: no gradient lines found (expected 'gx, gy, gz, b' per line)");
        return new GradientTable(b, g, b0Threshold, source, lineNumbers);
    }

    /// <summary>
    /// Parses an FSL pair: <c>bvals</c> holds N numbers (one row or one column); <c>bvecs</c> holds
    /// 3 rows of N numbers (FSL's layout) or N rows of 3 numbers.
    /// </summary>
    public static GradientTable ParseFsl(string bvalsText, string bvecsText, string source = "bvals,bvecs", double b0Threshold = DefaultB0Threshold) =>
        Fsl(bvalsText, source + " (bvals)", bvecsText, source + " (bvecs)", source, b0Threshold);

    static GradientTable Fsl(string bvalsText, string bvalsName, string bvecsText, string bvecsName, string source, double b0Threshold)
    {
        var bRows = Rows(bvalsText, bvalsName, "expected numbers").Select(r => r.Values).ToList();
        var bvals = bRows.SelectMany(r => r).ToArray();
        if (bvals.Length == 0) throw new MrhException($"{bvalsName}: the bvals file holds no numbers");
        if (bRows.Count > 1 && bRows.Any(r => r.Length != 1))
            throw new MrhException($"{bvalsName}: bvals must be one row or one column of numbers");
        var vRows = Rows(bvecsText, bvecsName, "expected numbers").Select(r => r.Values).ToList();
        int n = bvals.Length;
        var dirs = new double[]?[n];
        if (vRows.Count == 3 && vRows.All(r => r.Length == n))
            for (int i = 0; i < n; i++) dirs[i] = [vRows[0][i], vRows[1][i], vRows[2][i]];
        else if (vRows.Count == n && vRows.All(r => r.Length == 3))
            for (int i = 0; i < n; i++) dirs[i] = vRows[i];
        else
            throw new MrhException($"{bvecsName}: bvecs must be 3 rows of {n} numbers (one per b-value), got {vRows.Count} rows of {string.Join("/", vRows.Select(r => r.Length).Distinct())}");
        return new GradientTable(bvals, dirs, b0Threshold, source);
    }

    /// <summary>The non-comment lines of a text as (1-based line number, numbers).</summary>
    static IEnumerable<(int Line, double[] Values)> Rows(string text, string source, string expected)
    {
        var lines = text.Split('\n');
        for (int n = 0; n < lines.Length; n++)
        {
            string line = lines[n].Trim();
            if (line.Length == 0 || line[0] is '#' or '%') continue;
            var fields = line.Split([',', ' ', '\t', ';'], StringSplitOptions.RemoveEmptyEntries);
            var v = new double[fields.Length];
            for (int i = 0; i < fields.Length; i++)
                if (!double.TryParse(fields[i], NumberStyles.Float, CultureInfo.InvariantCulture, out v[i]))
                    throw new MrhException($"{source} line {n + 1}: {expected}; '{Shorten(fields[i])}' is not a number");
            yield return (n + 1, v);
        }
    }

    static string ReadText(string path)
    {
        var info = new FileInfo(path);
        if (!info.Exists) throw new MrhException($"{path}: gradient table not found");
        // a gradient table is a few kilobytes; refuse to read an image by mistake
        if (info.Length > 16 << 20) throw new MrhException($"{path}: {info.Length:N0} bytes is too large for a gradient table");
        return File.ReadAllText(path);
    }

    static string Num(double v) => v.ToString("0.###", CultureInfo.InvariantCulture);
    static string Shorten(string s) => s.Length <= 20 ? s : s[..17] + "...";
}
