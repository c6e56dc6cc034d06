using System.Text.Json;

namespace Mrh.Data;

/// <summary>
/// The <c>protocol</c> entry of a dataset manifest: a preset name ("default67", "ogse42") or
/// <c>{"channels": [...]}</c> whose items are channels (<c>name, kind, bValue, direction,
/// ogseFrequencyHz, acquisitionMinutes, group</c>) or gradient tables that expand to channels
/// (<c>gradientTable</c>, or <c>bvals</c> + <c>bvecs</c>, with <c>namePrefix, group,
/// ogseFrequencyHz, acquisitionMinutes, b0Threshold</c>).
/// </summary>
static class ProtocolManifest
{
    static readonly string[] ChannelKeys = ["name", "kind", "bValue", "direction", "ogseFrequencyHz", "acquisitionMinutes", "group"];
    static readonly string[] TableKeys = ["gradientTable", "bvals", "bvecs", "namePrefix", "group", "ogseFrequencyHz", "acquisitionMinutes", "b0Threshold"];

    public static Protocol Parse(JsonElement e, ManifestJson j, string root)
    {
        const string where = "protocol";
        if (e.ValueKind == JsonValueKind.String)
            return Preset(e.GetString()!) ?? throw j.Error(where, $"unknown preset '{e.GetString()}' (default67, ogse42, or an object with channels)");
        j.Object(e, where);
        j.OnlyKnown(e, where, "channels");
        if (!e.TryGetProperty("channels", out var items)) throw j.Error(where, "needs 'channels' (or use a preset name such as \"default67\")");
        var list = new List<ProtocolChannel>();
        int i = 0;
        foreach (var item in j.Array(items, $"{where}.channels").EnumerateArray())
        {
            string w = $"{where}.channels[{i++}]";
            j.Object(item, w);
            if (item.TryGetProperty("gradientTable", out _) || item.TryGetProperty("bvals", out _))
                list.AddRange(Table(item, j, w, root).Channels);
            else
                list.Add(Channel(item, j, w));
        }
        if (list.Count == 0) throw j.Error(where, "no channels");
        var dup = list.GroupBy(c => c.Name).FirstOrDefault(g => g.Count() > 1);
        if (dup is not null) throw j.Error(where, $"channel name '{dup.Key}' appears {dup.Count()} times");
        return new Protocol(list);
    }

    public static Protocol? Preset(string name) => name.ToLowerInvariant() switch
    {
        "default67" => Protocol.Default67(),
        "ogse42" => Protocol.Ogse42(),
        _ => null,
    };

    static ProtocolChannel Channel(JsonElement e, ManifestJson j, string w)
    {
        j.OnlyKnown(e, w, ChannelKeys);
        string name = j.OptString(e, "name", w) ?? throw j.Error(w, "a channel needs a 'name'");
        string kindText = j.OptString(e, "kind", w) ?? throw j.Error(w, "a channel needs a 'kind' (b0, dwi, t2w, mtOn, mtOff, other)");
        var kind = ParseKind(kindText) ?? throw j.Error($"{w}.kind", $"unknown kind '{kindText}' (b0, dwi, t2w, mtOn, mtOff, other)");
        double[]? dir = null;
        if (e.TryGetProperty("direction", out var d) && d.ValueKind != JsonValueKind.Null)
        {
            dir = j.Numbers(d, $"{w}.direction", 3);
            double n = Math.Sqrt(dir.Sum(x => x * x));
            if (!(n > 0)) throw j.Error($"{w}.direction", "a zero vector is not a direction");
            if (Math.Abs(n - 1) > 1e-12) dir = dir.Select(x => x / n).ToArray(); // unit vectors read back unchanged
        }
        double b = j.OptNumber(e, "bValue", w) ?? 0;
        if (b < 0) throw j.Error($"{w}.bValue", "negative b-value");
        if (kind == ChannelKind.Dwi && dir is null) throw j.Error(w, "a dwi channel needs a 'direction'");
        return new ProtocolChannel(name, kind, b, dir,
            j.OptNumber(e, "ogseFrequencyHz", w) ?? 0,
            j.OptNumber(e, "acquisitionMinutes", w) ?? DefaultMinutes(kind),
            j.OptString(e, "group", w) ?? "");
    }

    static Protocol Table(JsonElement e, ManifestJson j, string w, string root)
    {
        j.OnlyKnown(e, w, TableKeys);
        GradientTable table;
        double b0Threshold = j.OptNumber(e, "b0Threshold", w) ?? GradientTable.DefaultB0Threshold;
        if (j.OptString(e, "gradientTable", w) is { } file)
        {
            if (e.TryGetProperty("bvals", out _) || e.TryGetProperty("bvecs", out _))
                throw j.Error(w, "give either 'gradientTable' or 'bvals' + 'bvecs', not both");
            table = GradientTable.Read(Path.Combine(root, file), b0Threshold);
        }
        else
        {
            string bvals = j.OptString(e, "bvals", w)!;
            string bvecs = j.OptString(e, "bvecs", w) ?? throw j.Error(w, "'bvals' needs 'bvecs'");
            table = GradientTable.ReadFsl(Path.Combine(root, bvals), Path.Combine(root, bvecs), b0Threshold);
        }
        string prefix = j.OptString(e, "namePrefix", w) ?? throw j.Error(w, "a gradient table needs a 'namePrefix' for its channel names (e.g. \"b2000\")");
        try
        {
            return table.ToProtocol(prefix, j.OptString(e, "group", w) ?? "",
                j.OptNumber(e, "ogseFrequencyHz", w) ?? 0,
                j.OptNumber(e, "acquisitionMinutes", w) ?? Protocol.DwiMinutes);
        }
        catch (MrhException ex)
        {
            throw j.Error(w, ex.Message);
        }
    }

    public static ChannelKind? ParseKind(string s) => s.Replace("-", "").Replace("_", "").ToLowerInvariant() switch
    {
        "b0" => ChannelKind.B0,
        "dwi" => ChannelKind.Dwi,
        "t2w" or "t2" => ChannelKind.T2W,
        "mton" => ChannelKind.MtOn,
        "mtoff" => ChannelKind.MtOff,
        "other" => ChannelKind.Other,
        _ => null,
    };

    public static string KindName(ChannelKind k) => k switch
    {
        ChannelKind.B0 => "b0",
        ChannelKind.Dwi => "dwi",
        ChannelKind.T2W => "t2w",
        ChannelKind.MtOn => "mtOn",
        ChannelKind.MtOff => "mtOff",
        _ => "other",
    };

    static double DefaultMinutes(ChannelKind k) => k switch
    {
        ChannelKind.B0 or ChannelKind.Dwi => Protocol.DwiMinutes,
        ChannelKind.T2W => Protocol.T2wMinutes,
        ChannelKind.MtOn or ChannelKind.MtOff => Protocol.MtMinutes,
        _ => 0,
    };

    /// <summary>Writes every channel explicitly (a manifest that reads back to the same protocol).</summary>
    public static void Write(Utf8JsonWriter w, Protocol protocol)
    {
        w.WriteStartObject();
        w.WriteStartArray("channels");
        foreach (var c in protocol.Channels)
        {
            w.WriteStartObject();
            w.WriteString("name", c.Name);
            w.WriteString("kind", KindName(c.Kind));
            if (c.BValue != 0) w.WriteNumber("bValue", c.BValue);
            if (c.Direction is { } d)
            {
                w.WriteStartArray("direction");
                foreach (var x in d) w.WriteNumberValue(x);
                w.WriteEndArray();
            }
            if (c.OgseFrequencyHz != 0) w.WriteNumber("ogseFrequencyHz", c.OgseFrequencyHz);
            w.WriteNumber("acquisitionMinutes", c.AcquisitionMinutes);
            if (c.Group.Length > 0) w.WriteString("group", c.Group);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteEndObject();
    }
}
