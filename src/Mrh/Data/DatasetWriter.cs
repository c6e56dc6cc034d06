using System.Text.Json;
using Mrh.Imaging;
using Mrh.IO;

namespace Mrh.Data;

/// <summary>
/// Writes a data set from volumes in memory: one folder per subject with NIfTI files
/// (<c>{id}/inputs</c> float32 4D, <c>mask</c> uint8, <c>labels</c> in the smallest integer type that
/// holds them, <c>target_{name}</c> and <c>map_{name}</c> float32) and a <c>dataset.json</c> manifest
/// listing them with the protocol spelled out channel by channel. Each file is written atomically as
/// it is added; the manifest last, so a folder with a manifest is complete.
/// </summary>
/// <example>
/// <code>
/// var w = new DatasetWriter("out/my-dataset", Protocol.Default67(), name: "my study");
/// w.AddSubject("mri01", inputs, mask, labels, group: "mri-train");
/// w.AddSubject("af01", null, targets: new Dictionary&lt;string, Volume&gt; { ["AF"] = af }, group: "af");
/// string manifest = w.Save();
/// </code>
/// </example>
public sealed class DatasetWriter
{
    readonly string _root;
    readonly Protocol _protocol;
    readonly string _name;
    readonly AnatomicalAxes _axes;
    readonly string _extension;
    readonly List<WrittenSubject> _subjects = [];

    /// <param name="directory">Folder of the data set (created if needed).</param>
    /// <param name="protocol">The input channels every subject's inputs follow.</param>
    /// <param name="name">Name stored in the manifest.</param>
    /// <param name="axes">Anatomical axes of the volumes (stored in the manifest; default atlas).</param>
    /// <param name="extension">".nii.gz" (default), ".nii", or ".img" for Analyze 7.5 pairs.</param>
    public DatasetWriter(string directory, Protocol protocol, string name = "", AnatomicalAxes? axes = null, string extension = ".nii.gz")
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        ArgumentNullException.ThrowIfNull(protocol);
        if (protocol.Count == 0) throw new ArgumentException("the protocol has no channels");
        if (extension is not (".nii.gz" or ".nii" or ".img" or ".hdr"))
            throw new ArgumentException($"extension must be .nii.gz, .nii or .img, not '{extension}'");
        _root = Path.GetFullPath(directory);
        _protocol = protocol;
        _name = name;
        _axes = axes ?? AnatomicalAxes.Atlas;
        _axes.Validate();
        _extension = extension == ".hdr" ? ".img" : extension;
    }

    /// <summary>Free text stored in the manifest.</summary>
    public string Description { get; init; } = "";

    /// <summary>The manifest's path (written by <see cref="Save"/>).</summary>
    public string ManifestPath => Path.Combine(_root, Dataset.ManifestFileName);

    /// <summary>
    /// Writes one subject's volumes. <paramref name="inputs"/> must have the protocol's channel count;
    /// subjects without MRI (histology-only animals) pass null. All volumes must share one grid.
    /// </summary>
    public void AddSubject(string id, Volume? inputs, Volume? mask = null, Volume? labels = null,
        IReadOnlyDictionary<string, Volume>? targets = null, IReadOnlyDictionary<string, Volume>? maps = null,
        string group = "")
    {
        CheckName(id, "subject id");
        if (_subjects.Any(s => s.Id == id)) throw new ArgumentException($"subject '{id}' was already added");
        if (inputs is not null && inputs.ChannelCount != _protocol.Count)
            throw new ArgumentException($"subject '{id}': inputs have {inputs.ChannelCount} channels, the protocol {_protocol.Count}");
        var all = new[] { inputs, mask, labels }.Concat(targets?.Values ?? []).Concat(maps?.Values ?? []).Where(v => v is not null).ToList();
        if (all.Count == 0) throw new ArgumentException($"subject '{id}' has no volumes");
        var first = all[0]!;
        foreach (var v in all)
            if (!v!.SameGrid(first)) throw new ArgumentException($"subject '{id}': volumes on different grids ({v.NX}x{v.NY}x{v.NZ} and {first.NX}x{first.NY}x{first.NZ})");
        foreach (var v in new[] { mask, labels }.Concat(targets?.Values ?? []).Concat(maps?.Values ?? []))
            if (v is not null && v.ChannelCount != 1) throw new ArgumentException($"subject '{id}': masks, labels, targets and maps have one channel");

        var s = new WrittenSubject(id, group);
        if (inputs is not null) s.Inputs = Write(id, "inputs", inputs, VolumeDataType.Float32);
        if (mask is not null) s.Mask = Write(id, "mask", mask, VolumeDataType.UInt8);
        if (labels is not null) s.Labels = Write(id, "labels", labels, IntegerTypeFor(labels));
        foreach (var (name, v) in targets ?? new Dictionary<string, Volume>())
        {
            CheckName(name, "target name");
            s.Targets.Add(new(name, Write(id, $"target_{name}", v, VolumeDataType.Float32)));
        }
        foreach (var (name, v) in maps ?? new Dictionary<string, Volume>())
        {
            CheckName(name, "map name");
            s.Maps.Add(new(name, Write(id, $"map_{name}", v, VolumeDataType.Float32)));
        }
        _subjects.Add(s);
    }

    /// <summary>Writes dataset.json (atomically) and returns its path.</summary>
    public string Save()
    {
        if (_subjects.Count == 0) throw new InvalidOperationException("no subjects were added");
        using var ms = new MemoryStream();
        using (var w = new Utf8JsonWriter(ms, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteString("format", Dataset.FormatName);
            w.WriteNumber("version", Dataset.FormatVersion);
            if (_name.Length > 0) w.WriteString("name", _name);
            if (Description.Length > 0) w.WriteString("description", Description);
            w.WriteStartObject("axes");
            w.WriteNumber("leftRight", _axes.LeftRight);
            w.WriteNumber("dorsalVentral", _axes.DorsalVentral);
            w.WriteNumber("anteriorPosterior", _axes.AnteriorPosterior);
            w.WriteEndObject();
            w.WritePropertyName("protocol");
            ProtocolManifest.Write(w, _protocol);
            w.WriteStartArray("subjects");
            foreach (var s in _subjects)
            {
                w.WriteStartObject();
                w.WriteString("id", s.Id);
                if (s.Group.Length > 0) w.WriteString("group", s.Group);
                if (s.Inputs is not null)
                {
                    w.WriteStartArray("inputs");
                    w.WriteStringValue(s.Inputs);
                    w.WriteEndArray();
                }
                if (s.Mask is not null) w.WriteString("mask", s.Mask);
                if (s.Labels is not null) w.WriteString("labels", s.Labels);
                WriteMap(w, "targets", s.Targets);
                WriteMap(w, "maps", s.Maps);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }
        ms.WriteByte((byte)'\n');
        var bytes = ms.ToArray();
        AtomicFile.Write(ManifestPath, s => s.Write(bytes));
        return ManifestPath;
    }

    static void WriteMap(Utf8JsonWriter w, string name, List<KeyValuePair<string, string>> items)
    {
        if (items.Count == 0) return;
        w.WriteStartObject(name);
        foreach (var (k, v) in items) w.WriteString(k, v);
        w.WriteEndObject();
    }

    string Write(string id, string stem, Volume v, VolumeDataType type)
    {
        string relative = $"{id}/{stem}{_extension}";
        VolumeFile.Write(v, Path.Combine(_root, id, stem + _extension), type);
        return relative;
    }

    /// <summary>The smallest integer type holding every value exactly; float32 if some are not integers.</summary>
    public static VolumeDataType IntegerTypeFor(Volume v)
    {
        double min = double.PositiveInfinity, max = double.NegativeInfinity;
        foreach (var ch in v.Channels)
            foreach (float x in ch)
            {
                if (!float.IsFinite(x) || x != MathF.Round(x)) return VolumeDataType.Float32;
                if (x < min) min = x;
                if (x > max) max = x;
            }
        if (min >= 0 && max <= byte.MaxValue) return VolumeDataType.UInt8;
        if (min >= short.MinValue && max <= short.MaxValue) return VolumeDataType.Int16;
        if (min >= 0 && max <= ushort.MaxValue) return VolumeDataType.UInt16;
        return VolumeDataType.Int32;
    }

    static void CheckName(string name, string what)
    {
        if (string.IsNullOrEmpty(name) || name.Length > 100 || name is "." or ".." ||
            name.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.')))
            throw new ArgumentException($"'{name}' is not a valid {what} (letters, digits, '_', '-', '.')");
    }

    sealed class WrittenSubject(string id, string group)
    {
        public string Id { get; } = id;
        public string Group { get; } = group;
        public string? Inputs, Mask, Labels;
        public List<KeyValuePair<string, string>> Targets { get; } = [];
        public List<KeyValuePair<string, string>> Maps { get; } = [];
    }
}
