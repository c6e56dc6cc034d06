using System.Globalization;
using Mrh.Data;

namespace Mrh.Patches;

/// <summary>
/// Picks input channels from a text such as "T2W,MT_on,MT_off", "1-32,65" (1-based, inclusive) or
/// protocol group names ("DWI-low,MT"), in any mix. The result keeps the protocol's order and has no
/// duplicates; an unknown name or an index out of range is a one-line error listing what exists.
/// </summary>
public static class ChannelSelection
{
    public static int[] Parse(string spec, IReadOnlyList<string> names, Protocol? protocol = null)
    {
        var chosen = new SortedSet<int>();
        foreach (var raw in spec.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            int exact = IndexOf(names, raw);
            if (exact >= 0) { chosen.Add(exact); continue; }
            if (protocol != null)
            {
                var group = protocol.IndicesWhere(c => string.Equals(c.Group, raw, StringComparison.OrdinalIgnoreCase));
                if (group.Length > 0) { foreach (int g in group) chosen.Add(g); continue; }
            }
            var parts = raw.Split('-');
            if (parts.Length is 1 or 2 && parts.All(p => int.TryParse(p, NumberStyles.None, CultureInfo.InvariantCulture, out _)))
            {
                int a = int.Parse(parts[0], CultureInfo.InvariantCulture), b = int.Parse(parts[^1], CultureInfo.InvariantCulture);
                if (a < 1 || b > names.Count || a > b)
                    throw new MrhException($"channel range '{raw}' outside 1..{names.Count}");
                for (int i = a; i <= b; i++) chosen.Add(i - 1);
                continue;
            }
            var groups = protocol?.Channels.Select(c => c.Group).Where(g => g.Length > 0).Distinct().ToArray() ?? [];
            throw new MrhException($"unknown channel '{raw}' (channels: {Summary(names)}{(groups.Length > 0 ? "; groups: " + string.Join(", ", groups) : "")}; or 1-based indices like 1-32)");
        }
        if (chosen.Count == 0) throw new MrhException("no channels selected");
        return chosen.ToArray();
    }

    static int IndexOf(IReadOnlyList<string> names, string name)
    {
        for (int i = 0; i < names.Count; i++)
            if (string.Equals(names[i], name, StringComparison.OrdinalIgnoreCase)) return i;
        return -1;
    }

    static string Summary(IReadOnlyList<string> names) =>
        names.Count <= 8 ? string.Join(", ", names) : $"{string.Join(", ", names.Take(4))}, ..., {names[^1]}";
}
