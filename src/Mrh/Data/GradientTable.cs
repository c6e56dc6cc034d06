using System.Globalization;
using System.Text;

namespace Mrh.Data;

/// <summary>
/// A diffusion gradient table: one (direction, b-value) per image, in acquisition order. Directions are
/// as in the file, normalised to unit length where they are not zero; b in s/mm^2.
/// </summary>
public sealed record GradientTable(IReadOnlyList<double[]> Directions, IReadOnlyList<double> BValues)
{
    /// <summary>b-values below this (s/mm^2) count as b0 images: the authors' b0 lines carry b ~ 5-10.</summary>
    public const double DefaultB0Threshold = 50;

    public int Count => BValues.Count;

    /// <summary>
    /// Reads a text table with one image per line: <c>gx, gy, gz, b</c> (commas and/or spaces between
    /// values, as in the authors' grad_*.txt). Blank lines and lines starting with # or % are skipped.
    /// </summary>
    public static GradientTable Read(string path) => Parse(ReadText(path), path);

    /// <summary>Parses the text of a <c>gx, gy, gz, b</c> table; <paramref name="source"/> names it in errors.</summary>
    public static GradientTable Parse(string text, string source = "gradient table")
    {
        var dirs = new List<double[]>();
        var bs = new List<double>();
        var lines = text.Split('\n');
        for (int i = 0; i < lines.Length; i++)
        {
            string line = lines[i].Trim();
            if (line.Length == 0 || line[0] is '#' or '%') continue;
            var v = Numbers(line, source, i + 1);
            if (v.Length != 4) throw new MrhException($"{source}: line {i + 1} has {v.Length} numbers, expected 4 (gx, gy, gz, b)");
            if (v[3] < 0) throw new MrhException($"{source}: line {i + 1}: negative b-value {v[3]}");
            dirs.Add(Unit([v[0], v[1], v[2]]));
            bs.Add(v[3]);
        }
        if (bs.Count == 0) throw new MrhException($"{source}: no gradient lines");
        return new GradientTable(dirs, bs);
    }

    /// <summary>
    /// Reads an FSL pair: <paramref name="bvalsPath"/> holds N b-values (one line or one per line),
    /// <paramref name="bvecsPath"/> 3 rows of N components (FSL) or N rows of 3.
    /// </summary>
    public static GradientTable ReadFsl(string bvalsPath, string bvecsPath)
    {
        var bvals = ReadText(bvalsPath).Split('\n').Select((l, i) => (l.Trim(), i)).Where(t => t.Item1.Length > 0)
            .SelectMany(t => Numbers(t.Item1, bvalsPath, t.i + 1)).ToArray();
        if (bvals.Length == 0) throw new MrhException($"{bvalsPath}: no b-values");
        if (bvals.Any(b => b < 0)) throw new MrhException($"{bvalsPath}: negative b-value");
        var rows = ReadText(bvecsPath).Split('\n').Select((l, i) => (l.Trim(), i)).Where(t => t.Item1.Length > 0)
            .Select(t => Numbers(t.Item1, bvecsPath, t.i + 1)).ToArray();
        int n = bvals.Length;
        double[][] dirs;
        if (rows.Length == 3 && rows.All(r => r.Length == n))
            dirs = Enumerable.Range(0, n).Select(i => new[] { rows[0][i], rows[1][i], rows[2][i] }).ToArray();
        else if (rows.Length == n && rows.All(r => r.Length == 3))
            dirs = rows;
        else
            throw new MrhException($"{bvecsPath}: expected 3 rows of {n} values (one per b-value in {Path.GetFileName(bvalsPath)}), got {rows.Length} rows of {string.Join("/", rows.Select(r => r.Length).Distinct())}");
        return new GradientTable(dirs.Select(Unit).ToArray(), bvals);
    }

    /// <summary>
    /// The protocol channels of this table: b below <paramref name="b0Threshold"/> become
    /// <see cref="ChannelKind.B0"/> images named <c>{prefix}_b0_{k}</c> (keeping their small b),
    /// the others <see cref="ChannelKind.Dwi"/> named <c>{prefix}_dir{k:00}</c> with their unit direction.
    /// </summary>
    public Protocol ToProtocol(string namePrefix, string group, double ogseFrequencyHz = 0,
        double acquisitionMinutes = Protocol.DwiMinutes, double b0Threshold = DefaultB0Threshold)
    {
        var list = new List<ProtocolChannel>(Count);
        int nb0 = 0, ndwi = 0;
        for (int i = 0; i < Count; i++)
        {
            double b = BValues[i];
            if (b < b0Threshold)
                list.Add(new($"{namePrefix}_b0_{++nb0}", ChannelKind.B0, b, null, 0, acquisitionMinutes, group));
            else
            {
                var d = Directions[i];
                if (d[0] == 0 && d[1] == 0 && d[2] == 0)
                    throw new MrhException($"gradient {i + 1} has b = {b} but a zero direction");
                list.Add(new($"{namePrefix}_dir{++ndwi:00}", ChannelKind.Dwi, b, (double[])d.Clone(), ogseFrequencyHz, acquisitionMinutes, group));
            }
        }
        return new Protocol(list);
    }

    /// <summary>The table as <c>gx, gy, gz, b</c> lines (round-trip format).</summary>
    public string ToText()
    {
        var sb = new StringBuilder();
        for (int i = 0; i < Count; i++)
        {
            var d = Directions[i];
            sb.Append(string.Create(CultureInfo.InvariantCulture, $"{d[0]:R}, {d[1]:R}, {d[2]:R}, {BValues[i]:R}\n"));
        }
        return sb.ToString();
    }

    /// <summary>The diffusion channels of a protocol as a table (b0 images with a zero direction).</summary>
    public static GradientTable FromProtocol(Protocol protocol)
    {
        var ch = protocol.Channels.Where(c => c.IsDiffusion).ToList();
        return new GradientTable(ch.Select(c => c.Direction is { } d ? (double[])d.Clone() : new double[3]).ToArray(),
            ch.Select(c => c.BValue).ToArray());
    }

    static double[] Unit(double[] v)
    {
        double n = Math.Sqrt(v[0] * v[0] + v[1] * v[1] + v[2] * v[2]);
        if (Math.Abs(n - 1) <= 1e-12) return v; // unit vectors stay bit-identical (text round trips)
        return n > 0 ? [v[0] / n, v[1] / n, v[2] / n] : [0, 0, 0];
    }

    static double[] Numbers(string line, string source, int lineNumber)
    {
        var parts = line.Split([',', ' ', '\t', ';'], StringSplitOptions.RemoveEmptyEntries);
        var v = new double[parts.Length];
        for (int i = 0; i < parts.Length; i++)
            if (!double.TryParse(parts[i], NumberStyles.Float, CultureInfo.InvariantCulture, out v[i]) || !double.IsFinite(v[i]))
                throw new MrhException($"{source}: line {lineNumber}: '{(parts[i].Length > 20 ? parts[i][..20] + "..." : parts[i])}' is not a number");
        return v;
    }

    static string ReadText(string path)
    {
        var info = new FileInfo(path);
        if (!info.Exists) throw new MrhException($"{path}: file not found");
        if (info.Length > 16 << 20) throw new MrhException($"{path}: {info.Length:N0} bytes is too large for a gradient table");
        return File.ReadAllText(path);
    }
}
