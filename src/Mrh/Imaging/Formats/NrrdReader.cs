using System.Globalization;
using System.Text;

namespace Mrh.Imaging.Formats;

/// <summary>
/// Reads NRRD headers (NRRD0001-0005; attached .nrrd and detached .nhdr with one data file) into an
/// <see cref="ImageLayout"/>: types from uchar to double (plus uint32), encodings raw and gzip, byte
/// order, byte skip / line skip, space directions or spacings, space origin, space units, and one
/// non-spatial axis (first or last) read as channels. World coordinates are converted to RAS (the
/// NIfTI convention): an LPS file, like the Allen atlas files, has its x and y negated.
/// </summary>
static class NrrdReader
{
    public static ImageLayout ReadLayout(string path)
    {
        if (!File.Exists(path)) throw new MrhException($"{path}: file not found");
        byte[] head;
        long fileLength;
        using (var fs = VoxelReader.OpenRead(path))
        {
            fileLength = fs.Length;
            head = new byte[(int)Math.Min(fileLength, ReadLimits.MaxTextHeaderBytes)];
            fs.ReadExactly(head);
        }
        if (head.Length < 8 || !head.AsSpan(0, 7).SequenceEqual("NRRD000"u8) || head[7] < (byte)'1' || head[7] > (byte)'5')
            throw new MrhException($"{path}: not a NRRD file (it does not start with NRRD0001..NRRD0005)");
        int headerEnd = FindBlankLine(head, out int dataStart);
        if (headerEnd < 0)
        {
            if (head.Length == ReadLimits.MaxTextHeaderBytes)
                throw new MrhException($"{path}: no end of the NRRD header within the first {ReadLimits.MaxTextHeaderBytes >> 20} MiB");
            headerEnd = head.Length; dataStart = head.Length; // detached header without a trailing blank line
        }
        var fields = ParseFields(Encoding.Latin1.GetString(head, 0, headerEnd), path);
        return Layout(fields, path, dataStart, fileLength);
    }

    /// <summary>Index of the end of the header text and (out) of the first data byte; -1 if no blank line.</summary>
    static int FindBlankLine(byte[] b, out int dataStart)
    {
        for (int i = 0; i + 1 < b.Length; i++)
        {
            if (b[i] != (byte)'\n') continue;
            if (b[i + 1] == (byte)'\n') { dataStart = i + 2; return i; }
            if (b[i + 1] == (byte)'\r' && i + 2 < b.Length && b[i + 2] == (byte)'\n') { dataStart = i + 3; return i; }
        }
        dataStart = -1;
        return -1;
    }

    static Dictionary<string, string> ParseFields(string text, string path)
    {
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        var lines = text.Split('\n');
        for (int i = 1; i < lines.Length; i++)
        {
            string line = lines[i].TrimEnd('\r');
            if (line.Length == 0 || line.StartsWith('#')) continue;
            if (line.Contains(":=")) continue; // key/value pairs: not used
            int colon = line.IndexOf(": ", StringComparison.Ordinal);
            if (colon <= 0) throw new MrhException($"{path}: NRRD header line {i + 1} is not 'field: value' ({Shorten(line)})");
            string name = line[..colon].Trim().ToLowerInvariant();
            fields[name] = line[(colon + 2)..].Trim();
        }
        return fields;
    }

    static ImageLayout Layout(Dictionary<string, string> f, string path, int dataStart, long fileLength)
    {
        string Need(string name) => f.TryGetValue(name, out var v) ? v : throw new MrhException($"{path}: the NRRD header has no '{name}' field");
        var type = ParseType(Need("type"), path);
        int dimension = ParseInt(Need("dimension"), "dimension", path);
        if (dimension < 1 || dimension > 4) throw new MrhException($"{path}: dimension {dimension} is not supported (1 to 4)");
        var sizesText = Need("sizes").Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (sizesText.Length != dimension) throw new MrhException($"{path}: 'sizes' has {sizesText.Length} values for dimension {dimension}");
        var sizes = sizesText.Select(s => ParseInt(s, "sizes", path)).ToArray();
        if (sizes.Any(s => s < 1)) throw new MrhException($"{path}: sizes {string.Join(" ", sizes)} must all be positive");

        string encoding = Need("encoding").ToLowerInvariant();
        bool gzip = encoding switch
        {
            "raw" => false,
            "gzip" or "gz" => true,
            _ => throw new MrhException($"{path}: encoding '{encoding}' is not supported (raw and gzip are)"),
        };
        bool bigEndian = false;
        if (type.Size() > 1)
            bigEndian = Need("endian").ToLowerInvariant() switch
            {
                "little" => false,
                "big" => true,
                var e => throw new MrhException($"{path}: endian '{e}' is neither little nor big"),
            };

        // which axis (if any) is not spatial: from kinds, else from 'none' space directions, else the 4th
        string[]? kinds = f.TryGetValue("kinds", out var k) ? k.Split(' ', StringSplitOptions.RemoveEmptyEntries) : null;
        if (kinds is not null && kinds.Length != dimension) throw new MrhException($"{path}: 'kinds' has {kinds.Length} values for dimension {dimension}");
        var directions = ParseDirections(f, dimension, path);
        var nonSpatial = Enumerable.Range(0, dimension).Where(a =>
            kinds is not null ? !IsSpatialKind(kinds[a]) : directions is not null && directions[a] is null).ToList();
        if (nonSpatial.Count == 0 && dimension == 4) nonSpatial.Add(3);
        if (nonSpatial.Count > 1) throw new MrhException($"{path}: {nonSpatial.Count} non-spatial axes; only one (channels) is supported");
        int channelAxis = nonSpatial.Count == 1 ? nonSpatial[0] : -1;
        if (channelAxis > 0 && channelAxis < dimension - 1)
            throw new MrhException($"{path}: the non-spatial axis {channelAxis} must be the first or the last");
        var spatial = Enumerable.Range(0, dimension).Where(a => a != channelAxis).ToArray();
        if (spatial.Length > 3) throw new MrhException($"{path}: more than three spatial axes");
        int channels = channelAxis >= 0 ? sizes[channelAxis] : 1;
        int[] n = [1, 1, 1];
        for (int i = 0; i < spatial.Length; i++) n[i] = sizes[spatial[i]];
        double values = (double)n[0] * n[1] * n[2] * channels;
        if (values > ReadLimits.MaxFloatBytes / sizeof(float))
            throw new MrhException($"{path}: sizes {string.Join(" x ", sizes)} describe {values:N0} voxels, more than a volume may hold");

        // geometry
        double unit = SpaceUnit(f, path);
        var (flipX, flipY) = SpaceFlips(f.GetValueOrDefault("space", ""));
        var affine = Volume.DiagonalAffine([1, 1, 1]);
        var spacing = new double[] { 1, 1, 1 };
        string source = "none";
        if (directions is not null)
        {
            for (int i = 0; i < spatial.Length; i++)
            {
                var d = directions[spatial[i]] ?? throw new MrhException($"{path}: spatial axis {spatial[i]} has direction 'none'");
                for (int r = 0; r < 3; r++) affine[r * 4 + i] = (r < d.Length ? d[r] : 0) * unit;
                double norm = Math.Sqrt(affine[i] * affine[i] + affine[4 + i] * affine[4 + i] + affine[8 + i] * affine[8 + i]);
                spacing[i] = norm > 0 && double.IsFinite(norm) ? norm : 1;
            }
            source = "space directions";
        }
        else if (f.TryGetValue("spacings", out var sp))
        {
            var s = sp.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (s.Length != dimension) throw new MrhException($"{path}: 'spacings' has {s.Length} values for dimension {dimension}");
            for (int i = 0; i < spatial.Length; i++)
            {
                double v = s[spatial[i]].Equals("nan", StringComparison.OrdinalIgnoreCase) ? 1 : ParseDouble(s[spatial[i]], "spacings", path) * unit;
                spacing[i] = Math.Abs(v) > 0 && double.IsFinite(v) ? Math.Abs(v) : 1;
                affine[i * 4 + i] = spacing[i];
            }
            source = "spacings";
        }
        if (f.TryGetValue("space origin", out var originText))
        {
            var o = ParseVector(originText, path, "space origin") ?? throw new MrhException($"{path}: space origin cannot be 'none'");
            for (int r = 0; r < 3 && r < o.Length; r++) affine[r * 4 + 3] = o[r] * unit;
        }
        if (flipX) for (int j = 0; j < 4; j++) affine[j] = -affine[j];
        if (flipY) for (int j = 0; j < 4; j++) affine[4 + j] = -affine[4 + j];
        if (!NiftiGeometry.AllFinite(affine)) affine = Volume.DiagonalAffine(spacing);

        // where the data are
        string dataPath = path;
        long offset = dataStart;
        bool detached = false;
        if (f.TryGetValue("data file", out var dataFile) || f.TryGetValue("datafile", out dataFile))
        {
            if (dataFile.StartsWith("LIST", StringComparison.Ordinal) || dataFile.Contains(' '))
                throw new MrhException($"{path}: multiple data files ('{Shorten(dataFile)}') are not supported");
            dataPath = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(path))!, dataFile);
            if (!File.Exists(dataPath)) throw new MrhException($"{dataPath}: data file named by {Path.GetFileName(path)} not found");
            offset = 0;
            detached = true;
        }
        else if (path.EndsWith(".nhdr", StringComparison.OrdinalIgnoreCase))
            throw new MrhException($"{path}: a detached header (.nhdr) needs a 'data file' field");
        if (!detached && dataStart < 0) throw new MrhException($"{path}: no blank line ends the NRRD header");

        int lineSkip = f.TryGetValue("line skip", out var ls) || f.TryGetValue("lineskip", out ls) ? ParseInt(ls, "line skip", path) : 0;
        long byteSkip = f.TryGetValue("byte skip", out var bs) || f.TryGetValue("byteskip", out bs) ? ParseInt(bs, "byte skip", path) : 0;
        if (lineSkip < 0) throw new MrhException($"{path}: line skip {lineSkip} is negative");
        if (byteSkip < -1) throw new MrhException($"{path}: byte skip {byteSkip} is not -1 or more");
        if (lineSkip > 0) offset = SkipLines(dataPath, offset, lineSkip);
        long needed = (long)(values * type.Size());
        if (byteSkip == -1)
        {
            if (gzip) throw new MrhException($"{path}: byte skip -1 is only allowed with raw encoding");
            long dataLength = new FileInfo(dataPath).Length;
            if (dataLength - needed < offset)
                throw new MrhException($"{dataPath}: truncated: the header describes {needed:N0} bytes of voxel data at the end of the file, but only {Math.Max(0, dataLength - offset):N0} follow the header");
            offset = dataLength - needed;
            byteSkip = 0;
        }
        return new ImageLayout
        {
            Format = "NRRD" + (gzip ? " (gzip)" : ""),
            NX = n[0], NY = n[1], NZ = n[2], Channels = channels,
            Type = type, BigEndian = bigEndian,
            Spacing = spacing, Affine = affine, AffineSource = source,
            DataPath = dataPath,
            DataOffset = gzip ? offset : offset + byteSkip,
            Gzip = gzip,
            SkipInStream = gzip ? byteSkip : 0,
            ChannelsFastest = channelAxis == 0 && dimension > 1,
        };
    }

    static bool IsSpatialKind(string kind) => kind.ToLowerInvariant() is "domain" or "space" or "???" or "none";

    static double[]?[]? ParseDirections(Dictionary<string, string> f, int dimension, string path)
    {
        if (!f.TryGetValue("space directions", out var text)) return null;
        var parts = new List<string>();
        int i = 0;
        while (i < text.Length)
        {
            if (char.IsWhiteSpace(text[i])) { i++; continue; }
            if (text[i] == '(')
            {
                int close = text.IndexOf(')', i);
                if (close < 0) throw new MrhException($"{path}: unbalanced parenthesis in 'space directions'");
                parts.Add(text[i..(close + 1)]);
                i = close + 1;
            }
            else
            {
                int end = i;
                while (end < text.Length && !char.IsWhiteSpace(text[end])) end++;
                parts.Add(text[i..end]);
                i = end;
            }
        }
        if (parts.Count != dimension) throw new MrhException($"{path}: 'space directions' has {parts.Count} entries for dimension {dimension}");
        return parts.Select(p => ParseVector(p, path, "space directions")).ToArray();
    }

    static double[]? ParseVector(string text, string path, string field)
    {
        text = text.Trim();
        if (text == "none") return null;
        if (!text.StartsWith('(') || !text.EndsWith(')')) throw new MrhException($"{path}: '{field}' value '{Shorten(text)}' is not a (x,y,z) vector");
        var items = text[1..^1].Split(',');
        if (items.Length is < 1 or > 3) throw new MrhException($"{path}: '{field}' vector '{Shorten(text)}' must have 1 to 3 components");
        return items.Select(s => ParseDouble(s.Trim(), field, path)).ToArray();
    }

    static double SpaceUnit(Dictionary<string, string> f, string path)
    {
        if (!f.TryGetValue("space units", out var u)) return 1;
        var units = u.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(s => s.Trim('"').ToLowerInvariant()).Distinct().ToList();
        if (units.Count != 1) throw new MrhException($"{path}: mixed space units ({u}) are not supported");
        return units[0] switch
        {
            "mm" or "millimeter" or "millimeters" or "millimetre" or "millimetres" or "" => 1,
            "um" or "µm" or "micron" or "microns" or "micrometer" or "micrometers" => 0.001,
            "m" or "meter" or "meters" => 1000,
            "cm" => 10,
            var x => throw new MrhException($"{path}: unknown space unit '{x}'"),
        };
    }

    static (bool FlipX, bool FlipY) SpaceFlips(string space) => space.Trim().ToLowerInvariant() switch
    {
        "left-posterior-superior" or "lps" => (true, true),
        "left-anterior-superior" or "las" => (true, false),
        "right-posterior-superior" or "rps" => (false, true),
        _ => (false, false),
    };

    static VoxelType ParseType(string t, string path) => t.Trim().ToLowerInvariant() switch
    {
        "uchar" or "unsigned char" or "uint8" or "uint8_t" => VoxelType.UInt8,
        "signed char" or "int8" or "int8_t" => VoxelType.Int8,
        "short" or "short int" or "signed short" or "signed short int" or "int16" or "int16_t" => VoxelType.Int16,
        "ushort" or "unsigned short" or "unsigned short int" or "uint16" or "uint16_t" => VoxelType.UInt16,
        "int" or "signed int" or "int32" or "int32_t" => VoxelType.Int32,
        "uint" or "unsigned int" or "uint32" or "uint32_t" => VoxelType.UInt32,
        "float" => VoxelType.Float32,
        "double" => VoxelType.Float64,
        var x => throw new MrhException($"{path}: unsupported NRRD type '{Shorten(x)}' (supported: uchar, signed char, short, ushort, int, uint, float, double)"),
    };

    static long SkipLines(string dataPath, long offset, int lines)
    {
        using var fs = VoxelReader.OpenRead(dataPath);
        fs.Position = offset;
        var buffer = new byte[1 << 16];
        int seen = 0;
        long pos = offset;
        while (seen < lines)
        {
            int n = fs.Read(buffer);
            if (n == 0) throw new MrhException($"{dataPath}: truncated: fewer than {lines} lines to skip before the data");
            for (int i = 0; i < n && seen < lines; i++)
            {
                pos++;
                if (buffer[i] == (byte)'\n') seen++;
            }
        }
        return pos;
    }

    static int ParseInt(string s, string field, string path) =>
        int.TryParse(s.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out int v)
            ? v : throw new MrhException($"{path}: '{field}' value '{Shorten(s)}' is not an integer");

    static double ParseDouble(string s, string field, string path) =>
        double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out double v)
            ? v : throw new MrhException($"{path}: '{field}' value '{Shorten(s)}' is not a number");

    static string Shorten(string s)
    {
        s = new string(s.Select(c => c is >= ' ' and < (char)127 ? c : '?').ToArray());
        return s.Length > 40 ? s[..40] + "..." : s;
    }
}
