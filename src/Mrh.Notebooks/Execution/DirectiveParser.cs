using System.Text;

namespace Mrh.Notebooks.Execution;

/// <summary>
/// Splits a cell into kernel directives and C# code, line by line as the .NET Interactive kernel does: a line whose
/// first non-blank characters are <c>#!</c>, <c>#r "</c> or <c>#i "</c> is a directive. Directive lines become
/// blank lines in the code, so that line numbers in errors stay those of the cell.
/// </summary>
public static class DirectiveParser
{
    /// <summary>The result: the code (directive lines blanked) and the directives in order.</summary>
    public sealed record ParsedCell(string Code, IReadOnlyList<Directive> Directives);

    /// <summary>Parses one cell's source.</summary>
    public static ParsedCell Parse(string source)
    {
        var directives = new List<Directive>();
        var code = new StringBuilder(source.Length);
        int lineNumber = 0, start = 0;
        while (start <= source.Length)
        {
            int nl = source.IndexOf('\n', start);
            int end = nl < 0 ? source.Length : nl;
            string line = source[start..end];
            lineNumber++;
            var directive = ParseLine(line, lineNumber);
            if (directive is null) code.Append(line);
            else directives.Add(directive);
            if (nl < 0) break;
            code.Append('\n');
            start = nl + 1;
        }
        return new ParsedCell(code.ToString(), directives);
    }

    static Directive? ParseLine(string line, int number)
    {
        string t = line.Trim();
        if (t.StartsWith("#!", StringComparison.Ordinal))
        {
            int sp = t.IndexOfAny([' ', '\t']);
            string name = (sp < 0 ? t[2..] : t[2..sp]).Trim();
            if (KernelNames.IsCSharp(name) || KernelNames.Others.Contains(name)) return new KernelSelector(number, t, name);
            return new UnsupportedMagic(number, t, "#!" + name);
        }
        if (IsQuoted(t, "#r", out string? r))
        {
            string v = r.Trim();
            if (v.StartsWith("nuget:", StringComparison.Ordinal))
            {
                var parts = v[6..].Split(',', 2);
                string name = parts[0].Trim();
                string? version = parts.Length > 1 ? parts[1].Trim() : null;
                return new NugetReference(number, t, name, string.IsNullOrEmpty(version) ? null : version);
            }
            return new AssemblyReference(number, t, v);
        }
        if (IsQuoted(t, "#i", out string? i))
        {
            string v = i.Trim();
            if (v.StartsWith("nuget:", StringComparison.Ordinal)) v = v[6..].Trim();
            return new PackageSourceDirective(number, t, v);
        }
        return null;
    }

    /// <summary><c>#r "value"</c> -> value (the line must be just the directive and a double-quoted string).</summary>
    static bool IsQuoted(string t, string keyword, out string value)
    {
        value = "";
        if (!t.StartsWith(keyword, StringComparison.Ordinal) || t.Length <= keyword.Length || !char.IsWhiteSpace(t[keyword.Length])) return false;
        string rest = t[keyword.Length..].Trim();
        if (rest.Length < 2 || rest[0] != '"') return false;
        int close = rest.IndexOf('"', 1);
        if (close < 0) return false;
        string after = rest[(close + 1)..].Trim();
        if (after.Length > 0 && !after.StartsWith("//", StringComparison.Ordinal)) return false;
        value = rest[1..close];
        return true;
    }
}
