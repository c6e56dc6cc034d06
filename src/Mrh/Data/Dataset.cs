using System.Text.Json;
using Mrh.Imaging;

namespace Mrh.Data;

/// <summary>
/// A data set on disk described by a <c>dataset.json</c> manifest: subjects, their MRI channel files,
/// masks, labels and histology targets, and the protocol. See data/README.md for the schema.
/// </summary>
/// <remarks>
/// Loading reads and checks the manifest only (and that every named file exists); volumes are read
/// when asked for. <see cref="Validate"/> also reads every header and checks grids and channel counts.
/// Relative paths resolve against <see cref="Root"/>; <c>{id}</c> in a path is the subject id.
/// </remarks>
public sealed class Dataset
{
    /// <summary>The manifest's file name inside a dataset folder.</summary>
    public const string ManifestFileName = "dataset.json";
    public const string FormatName = "mrh-dataset";
    public const int FormatVersion = 1;

    Dataset() { }

    /// <summary>Loads a manifest (a folder holding dataset.json, or the path of the json itself).</summary>
    public static Dataset Load(string directoryOrManifest) => DatasetManifest.Parse(directoryOrManifest);

    /// <summary>Folder that relative paths of the manifest are resolved against.</summary>
    public string Root { get; private init; } = "";
    /// <summary>Full path of the manifest file.</summary>
    public string ManifestPath { get; private init; } = "";
    public string Name { get; private init; } = "";
    public string Description { get; private init; } = "";
    public Protocol Protocol { get; private init; } = new([]);
    public IReadOnlyList<string> SubjectIds { get; private init; } = [];
    /// <summary>Which array axis is which anatomical direction in every volume of the data set.</summary>
    public AnatomicalAxes Axes { get; private init; } = AnatomicalAxes.Atlas;
    /// <summary>Voxel size that replaces the files' own (mm), or null to keep what the files say.</summary>
    public double[]? VoxelSizeMm { get; private init; }

    internal IReadOnlyDictionary<string, SubjectEntry> Subjects { get; private init; } = new Dictionary<string, SubjectEntry>();

    internal static Dataset Create(string root, string manifestPath, string name, string description, Protocol protocol,
        AnatomicalAxes axes, double[]? voxelSize, IReadOnlyList<SubjectEntry> subjects) => new()
        {
            Root = root,
            ManifestPath = manifestPath,
            Name = name,
            Description = description,
            Protocol = protocol,
            Axes = axes,
            VoxelSizeMm = voxelSize,
            SubjectIds = subjects.Select(s => s.Id).ToArray(),
            Subjects = subjects.ToDictionary(s => s.Id),
        };

    /// <summary>
    /// Every file the manifest names (the manifest itself first, then each subject's inputs, mask, labels, targets
    /// and maps; an Analyze .hdr with its .img), each once, in manifest order: what identifies the data's content.
    /// </summary>
    public IReadOnlyList<string> ReferencedFiles()
    {
        var files = new List<string> { ManifestPath };
        foreach (var id in SubjectIds)
        {
            var s = Subjects[id];
            files.AddRange(s.Inputs.Select(i => i.Path));
            if (s.Mask is { } m) files.Add(m);
            if (s.Labels is { } l) files.Add(l);
            files.AddRange(s.Targets.Select(t => t.Value));
            files.AddRange(s.Maps.Select(t => t.Value));
        }
        var withPairs = files.SelectMany(f => f.EndsWith(".hdr", StringComparison.OrdinalIgnoreCase) ? [f, Path.ChangeExtension(f, ".img")] : new[] { f });
        return withPairs.Distinct(StringComparer.Ordinal).ToArray();
    }

    /// <summary>The subject's group ("train", "test", "shiverer", ...), or "" if none.</summary>
    public string SubjectGroup(string subjectId) => Subject(subjectId).Group;

    /// <summary>Ids of the subjects in a group, in manifest order.</summary>
    public IReadOnlyList<string> SubjectsInGroup(string group) =>
        SubjectIds.Where(id => Subjects[id].Group == group).ToArray();

    /// <summary>True if the subject has MRI inputs (histology-only animals have none).</summary>
    public bool HasInputs(string subjectId) => Subject(subjectId).Inputs.Count > 0;

    /// <summary>All MRI channels of a subject, in protocol order, as one multi-channel volume.</summary>
    public Volume LoadInputs(string subjectId)
    {
        var s = Subject(subjectId);
        if (s.Inputs.Count == 0) throw new MrhException($"{ManifestPath}: subject '{subjectId}' has no inputs");
        var parts = new List<Volume>();
        int total = 0;
        foreach (var input in s.Inputs)
        {
            var v = VolumeFile.Read(input.Path);
            if (input.Volumes is { } pick)
            {
                foreach (int k in pick)
                    if (k >= v.ChannelCount)
                        throw new MrhException($"{input.Path}: the manifest picks volume {k}, but the file has {v.ChannelCount} (0..{v.ChannelCount - 1})");
                v = v.SelectChannels(pick);
            }
            if (parts.Count > 0 && !v.SameGrid(parts[0]))
                throw new MrhException($"{input.Path}: grid {v.NX}x{v.NY}x{v.NZ} differs from {parts[0].NX}x{parts[0].NY}x{parts[0].NZ} of {s.Inputs[0].Path}");
            total += v.ChannelCount;
            if (total > Protocol.Count) break;
            parts.Add(v);
        }
        if (total != Protocol.Count)
            throw new MrhException($"{ManifestPath}: subject '{subjectId}' inputs hold {(total > Protocol.Count ? "more than " : "")}{total} channels, but the protocol has {Protocol.Count}");
        var all = parts.Count == 1 ? parts[0] : Volume.Concat(parts.ToArray());
        return Finish(all).WithChannelNames(Protocol.Names);
    }

    /// <summary>The subject's brain mask (1 inside), or null if the manifest has none.</summary>
    public Volume? LoadMask(string subjectId) => Subject(subjectId).Mask is { } p ? ReadSingle(p, "mask") : null;

    /// <summary>The subject's structure labels, or null.</summary>
    public Volume? LoadLabels(string subjectId) => Subject(subjectId).Labels is { } p ? ReadSingle(p, "labels") : null;

    /// <summary>Names of the subject's histology targets (e.g. "AF", "NF", "MBP", "Nissl").</summary>
    public IReadOnlyList<string> TargetNames(string subjectId) => Subject(subjectId).Targets.Select(t => t.Key).ToArray();

    /// <summary>One histology target of a subject.</summary>
    public Volume LoadTarget(string subjectId, string targetName) =>
        ReadSingle(Lookup(Subject(subjectId).Targets, targetName, subjectId, "target"), targetName);

    /// <summary>Names of the subject's other maps (e.g. "FA").</summary>
    public IReadOnlyList<string> MapNames(string subjectId) => Subject(subjectId).Maps.Select(t => t.Key).ToArray();

    /// <summary>One extra map of a subject (e.g. the authors' FA, used by their patch rules).</summary>
    public Volume LoadMap(string subjectId, string mapName) =>
        ReadSingle(Lookup(Subject(subjectId).Maps, mapName, subjectId, "map"), mapName);

    /// <summary>
    /// Reads every header the manifest names (no voxel data) and checks that each file can hold its
    /// voxels, that the picked volumes exist, that the inputs add up to the protocol's channels and that
    /// all files of a subject share one grid. Throws the first problem as a one-line <see cref="MrhException"/>.
    /// </summary>
    public void Validate()
    {
        foreach (var id in SubjectIds)
        {
            var s = Subjects[id];
            int[]? grid = null;
            string gridFile = "";
            void Check(string path, VolumeFileInfo info)
            {
                var g = info.Dims[..3];
                if (grid is null) { grid = g; gridFile = path; return; }
                if (!g.SequenceEqual(grid))
                    throw new MrhException($"{path}: grid {string.Join("x", g)} differs from {string.Join("x", grid)} of {gridFile} (subject '{id}')");
            }
            int total = 0;
            foreach (var input in s.Inputs)
            {
                var info = VolumeFile.ReadHeader(input.Path);
                Check(input.Path, info);
                if (input.Volumes is { } pick)
                {
                    int bad = pick.FirstOrDefault(k => k >= info.Channels, -1);
                    if (bad >= 0) throw new MrhException($"{input.Path}: the manifest picks volume {bad}, but the file has {info.Channels}");
                    total += pick.Length;
                }
                else total += info.Channels;
            }
            if (s.Inputs.Count > 0 && total != Protocol.Count)
                throw new MrhException($"{ManifestPath}: subject '{id}' inputs hold {total} channels, but the protocol has {Protocol.Count}");
            foreach (var (what, path) in Singles(s))
            {
                var info = VolumeFile.ReadHeader(path);
                if (info.Channels != 1) throw new MrhException($"{path}: the {what} should have one channel, the file has {info.Channels}");
                Check(path, info);
            }
        }
    }

    static IEnumerable<(string, string)> Singles(SubjectEntry s)
    {
        if (s.Mask is { } m) yield return ("mask", m);
        if (s.Labels is { } l) yield return ("labels", l);
        foreach (var t in s.Targets) yield return ($"target '{t.Key}'", t.Value);
        foreach (var t in s.Maps) yield return ($"map '{t.Key}'", t.Value);
    }

    Volume ReadSingle(string path, string name)
    {
        var v = VolumeFile.Read(path);
        if (v.ChannelCount != 1) throw new MrhException($"{path}: expected one channel ({name}), the file has {v.ChannelCount}");
        return Finish(v).WithChannelNames([name]);
    }

    Volume Finish(Volume v)
    {
        if (VoxelSizeMm is { } s)
            return new Volume(v.NX, v.NY, v.NZ, v.Channels, s, Volume.DiagonalAffine(s), v.ChannelNames, Axes);
        return v.WithAxes(Axes);
    }

    SubjectEntry Subject(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        if (Subjects.TryGetValue(id, out var s)) return s;
        var known = SubjectIds.Take(10).ToList();
        throw new MrhException($"{ManifestPath}: no subject '{id}' (subjects: {string.Join(", ", known)}{(SubjectIds.Count > known.Count ? ", ..." : "")})");
    }

    string Lookup(IReadOnlyList<KeyValuePair<string, string>> items, string name, string subjectId, string what)
    {
        foreach (var kv in items) if (kv.Key == name) return kv.Value;
        foreach (var kv in items) if (string.Equals(kv.Key, name, StringComparison.OrdinalIgnoreCase)) return kv.Value;
        throw new MrhException($"{ManifestPath}: subject '{subjectId}' has no {what} '{name}' ({(items.Count == 0 ? "none" : string.Join(", ", items.Select(i => i.Key)))})");
    }

    public override string ToString() => $"Dataset '{Name}': {SubjectIds.Count} subjects, {Protocol.Count} channels ({Root})";
}

/// <summary>One input file of a subject, with the volumes it contributes (null = all, in order).</summary>
sealed record InputEntry(string Path, int[]? Volumes);

/// <summary>One subject of a manifest with its paths resolved.</summary>
sealed record SubjectEntry(
    string Id,
    string Group,
    IReadOnlyList<InputEntry> Inputs,
    string? Mask,
    string? Labels,
    IReadOnlyList<KeyValuePair<string, string>> Targets,
    IReadOnlyList<KeyValuePair<string, string>> Maps);
