namespace Mrh.Notebooks.Execution;

/// <summary>
/// Does a NuGet version as written in <c>#r "nuget: Name, Version"</c> accept the carried version? No version,
/// <c>*</c> and <c>*-*</c> accept any; <c>6.*</c> a prefix; <c>[6.0,7.0)</c> a range; anything else must equal the
/// carried version (6.0 = 6.0.0 = 6.0.0.0).
/// </summary>
public static class VersionSpec
{
    /// <summary>True when <paramref name="requested"/> accepts <paramref name="carried"/>.</summary>
    public static bool Accepts(string? requested, string carried)
    {
        if (string.IsNullOrWhiteSpace(requested)) return true;
        string r = requested.Trim();
        if (r is "*" or "*-*") return true;
        if (r.EndsWith('*'))
        {
            string prefix = r.TrimEnd('*').TrimEnd('-');
            return carried.StartsWith(prefix, StringComparison.OrdinalIgnoreCase);
        }
        if (r[0] is '[' or '(') return InRange(r, carried);
        return Same(r, carried);
    }

    static bool Same(string a, string b)
    {
        if (a.Contains('-') || b.Contains('-')) return string.Equals(a, b, StringComparison.OrdinalIgnoreCase);
        return Parse(a) is { } x && Parse(b) is { } y && x == y;
    }

    static bool InRange(string r, string carried)
    {
        if (r.Length < 3 || r[^1] is not (']' or ')')) return false;
        bool minInclusive = r[0] == '[', maxInclusive = r[^1] == ']';
        var parts = r[1..^1].Split(',');
        var v = Parse(carried);
        if (v is null) return false;
        if (parts.Length == 1)
            return minInclusive && maxInclusive && Parse(parts[0].Trim()) is { } exact && exact == v;
        if (parts.Length != 2) return false;
        string lo = parts[0].Trim(), hi = parts[1].Trim();
        if (lo.Length > 0)
        {
            if (Parse(lo) is not { } min) return false;
            int c = v.CompareTo(min);
            if (c < 0 || (c == 0 && !minInclusive)) return false;
        }
        if (hi.Length > 0)
        {
            if (Parse(hi) is not { } max) return false;
            int c = v.CompareTo(max);
            if (c > 0 || (c == 0 && !maxInclusive)) return false;
        }
        return true;
    }

    /// <summary>A numeric version padded to four parts (prerelease suffixes are not compared here).</summary>
    static Version? Parse(string s)
    {
        int dash = s.IndexOf('-');
        if (dash >= 0) s = s[..dash];
        if (!Version.TryParse(s.Contains('.') ? s : s + ".0", out var v)) return null;
        return new Version(v.Major, v.Minor, Math.Max(0, v.Build), Math.Max(0, v.Revision));
    }
}
