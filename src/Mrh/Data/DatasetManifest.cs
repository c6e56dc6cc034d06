using System.Text.Json;
using Mrh.Imaging;

namespace Mrh.Data;

/// <summary>Parses and checks a <c>dataset.json</c> manifest (schema in data/README.md).</summary>
static class DatasetManifest
{
    static readonly string[] TopKeys = ["format", "version", "name", "description", "axes", "voxelSizeMm", "protocol", "defaults", "subjects"];
    static readonly string[] SubjectKeys = ["id", "group", "inputs", "mask", "labels", "targets", "maps"];
    static readonly string[] DefaultKeys = ["group", "inputs", "mask", "labels", "targets", "maps"];
    const long MaxManifestBytes = 64L << 20;

    public static Dataset Parse(string directoryOrManifest)
    {
        ArgumentException.ThrowIfNullOrEmpty(directoryOrManifest);
        string file = Directory.Exists(directoryOrManifest)
            ? Path.Combine(directoryOrManifest, Dataset.ManifestFileName)
            : directoryOrManifest;
        var info = new FileInfo(file);
        if (!info.Exists)
            throw new MrhException(Directory.Exists(directoryOrManifest)
                ? $"{directoryOrManifest}: no {Dataset.ManifestFileName} in this folder"
                : $"{directoryOrManifest}: dataset manifest not found");
        if (info.Length > MaxManifestBytes) throw new MrhException($"{file}: {info.Length:N0} bytes is too large for a manifest");
        string full = Path.GetFullPath(file);
        string root = Path.GetDirectoryName(full)!;
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(File.ReadAllBytes(full), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException e)
        {
            throw new MrhException($"{file}: invalid JSON (line {(e.LineNumber ?? 0) + 1}, byte {(e.BytePositionInLine ?? 0) + 1}): {FirstSentence(e.Message)}");
        }
        using (doc)
        {
            var j = new ManifestJson(file);
            var top = j.Object(doc.RootElement, "manifest");
            j.OnlyKnown(top, "manifest", TopKeys);
            if (j.OptString(top, "format", "manifest") is { } format && format != Dataset.FormatName)
                throw j.Error("format", $"'{format}' is not '{Dataset.FormatName}'");
            if (top.TryGetProperty("version", out var ver) && j.Int(ver, "version") > Dataset.FormatVersion)
                throw j.Error("version", $"version {ver.GetRawText()} is newer than this program reads ({Dataset.FormatVersion})");
            var axes = Axes(top, j);
            double[]? voxel = null;
            if (top.TryGetProperty("voxelSizeMm", out var vs) && vs.ValueKind != JsonValueKind.Null)
            {
                voxel = j.Numbers(vs, "voxelSizeMm", 3);
                if (voxel.Any(v => !(v > 0))) throw j.Error("voxelSizeMm", "voxel sizes must be positive");
            }
            if (!top.TryGetProperty("protocol", out var p)) throw j.Error("manifest", "no 'protocol' (a preset name such as \"default67\", or {\"channels\": [...]})");
            var protocol = ProtocolManifest.Parse(p, j, root);
            JsonElement? defaults = null;
            if (top.TryGetProperty("defaults", out var d))
            {
                j.Object(d, "defaults");
                j.OnlyKnown(d, "defaults", DefaultKeys);
                defaults = d;
            }
            if (!top.TryGetProperty("subjects", out var subs)) throw j.Error("manifest", "no 'subjects'");
            var subjects = new List<SubjectEntry>();
            int i = 0;
            foreach (var s in j.Array(subs, "subjects").EnumerateArray())
                subjects.Add(Subject(s, defaults, j, $"subjects[{i++}]", root));
            if (subjects.Count == 0) throw j.Error("subjects", "no subjects");
            var dup = subjects.GroupBy(s => s.Id).FirstOrDefault(g => g.Count() > 1);
            if (dup is not null) throw j.Error("subjects", $"subject id '{dup.Key}' appears {dup.Count()} times");
            return Dataset.Create(root, full, j.OptString(top, "name", "manifest") ?? Path.GetFileName(root),
                j.OptString(top, "description", "manifest") ?? "", protocol, axes, voxel, subjects);
        }
    }

    static AnatomicalAxes Axes(JsonElement top, ManifestJson j)
    {
        if (!top.TryGetProperty("axes", out var a) || a.ValueKind == JsonValueKind.Null) return AnatomicalAxes.Atlas;
        if (a.ValueKind == JsonValueKind.String)
            return a.GetString() == "atlas" ? AnatomicalAxes.Atlas : throw j.Error("axes", $"unknown axes '{a.GetString()}' (\"atlas\" or an object)");
        j.Object(a, "axes");
        j.OnlyKnown(a, "axes", "leftRight", "dorsalVentral", "anteriorPosterior");
        int Get(string n) => a.TryGetProperty(n, out var v) ? j.Int(v, $"axes.{n}") : throw j.Error("axes", $"needs '{n}' (0, 1 or 2)");
        var axes = new AnatomicalAxes(Get("leftRight"), Get("dorsalVentral"), Get("anteriorPosterior"));
        try { axes.Validate(); }
        catch (ArgumentException e) { throw j.Error("axes", e.Message); }
        return axes;
    }

    static SubjectEntry Subject(JsonElement s, JsonElement? defaults, ManifestJson j, string w, string root)
    {
        string id;
        JsonElement? own = null;
        if (s.ValueKind == JsonValueKind.String) id = s.GetString()!;
        else
        {
            j.Object(s, w);
            j.OnlyKnown(s, w, SubjectKeys);
            id = j.OptString(s, "id", w) ?? throw j.Error(w, "a subject needs an 'id'");
            own = s;
        }
        if (id.Length == 0 || id.Length > 100 || id.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.')) || id is "." or "..")
            throw j.Error($"{w}.id", $"'{id}' is not a valid subject id (letters, digits, '_', '-', '.')");
        w = $"{w} ('{id}')";

        // a property of the subject, else of the defaults; a subject's explicit null removes the default
        // (a histology-only animal in a manifest whose defaults describe the MRI animals: "inputs": null)
        (JsonElement Value, string Where)? Get(string name)
        {
            if (own is { } o && o.TryGetProperty(name, out var v)) return v.ValueKind == JsonValueKind.Null ? null : (v, $"{w}.{name}");
            if (defaults is { } d && d.TryGetProperty(name, out var dv) && dv.ValueKind != JsonValueKind.Null) return (dv, $"defaults.{name}");
            return null;
        }
        string Resolve(string path, string where)
        {
            string p = path.Replace("{id}", id);
            if (p.Length == 0) throw j.Error(where, "empty path");
            string full = Path.GetFullPath(Path.Combine(root, p));
            if (!File.Exists(full)) throw j.Error(where, $"file not found: {full}");
            return full;
        }
        List<KeyValuePair<string, string>> Map(string name)
        {
            var list = new List<KeyValuePair<string, string>>();
            if (own is { } n && n.TryGetProperty(name, out var nv) && nv.ValueKind == JsonValueKind.Null) return list;
            if (own is { } o && o.TryGetProperty(name, out var v) && v.ValueKind != JsonValueKind.Null)
                foreach (var kv in j.StringMap(v, $"{w}.{name}")) list.Add(new(kv.Key, Resolve(kv.Value, $"{w}.{name}.{kv.Key}")));
            if (defaults is { } d && d.TryGetProperty(name, out var dv) && dv.ValueKind != JsonValueKind.Null)
                foreach (var kv in j.StringMap(dv, $"defaults.{name}"))
                    if (!list.Any(x => x.Key == kv.Key)) list.Add(new(kv.Key, Resolve(kv.Value, $"defaults.{name}.{kv.Key}")));
            return list;
        }

        var inputs = new List<InputEntry>();
        if (Get("inputs") is var (ins, iw))
        {
            int k = 0;
            foreach (var item in j.Array(ins, iw).EnumerateArray())
            {
                string at = $"{iw}[{k++}]";
                if (item.ValueKind == JsonValueKind.String) { inputs.Add(new(Resolve(item.GetString()!, at), null)); continue; }
                j.Object(item, at);
                j.OnlyKnown(item, at, "file", "volumes");
                string file = j.OptString(item, "file", at) ?? throw j.Error(at, "needs 'file'");
                int[]? volumes = null;
                if (item.TryGetProperty("volumes", out var vol) && vol.ValueKind != JsonValueKind.Null)
                {
                    volumes = j.Array(vol, $"{at}.volumes").EnumerateArray().Select((x, n) => j.Int(x, $"{at}.volumes[{n}]")).ToArray();
                    if (volumes.Length == 0 || volumes.Any(v => v < 0)) throw j.Error($"{at}.volumes", "volume indices must be 0 or more, at least one");
                }
                inputs.Add(new(Resolve(file, $"{at}.file"), volumes));
            }
        }
        string? Single(string name) => Get(name) is var (v, vw) ? Resolve(j.String(v, vw), vw) : null;
        string group = Get("group") is var (g, gw) ? j.String(g, gw) : "";
        return new SubjectEntry(id, group, inputs, Single("mask"), Single("labels"), Map("targets"), Map("maps"));
    }

    static string FirstSentence(string s)
    {
        s = s.ReplaceLineEndings(" ");
        int i = s.IndexOf(" LineNumber:", StringComparison.Ordinal);
        return i > 0 ? s[..i].TrimEnd() : s;
    }
}
