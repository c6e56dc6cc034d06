using System.Collections;
using System.Net;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text;

namespace Mrh.Notebooks.Formatting;

/// <summary>
/// HTML tables for collections of records (one row per item, one column per public property or field) and for
/// single records and dictionaries. Cell values are written as plain text.
/// </summary>
public static class HtmlTable
{
    /// <summary>Rows shown before the rest is summarised as "(N more)".</summary>
    public const int MaxRows = 100;

    /// <summary>
    /// True for types shown as a row of named values: records, anonymous types, tuples, and classes or structs that
    /// do not override <see cref="object.ToString"/> and have public properties or fields.
    /// </summary>
    public static bool IsRecordLike(Type t)
    {
        if (t.IsPrimitive || t.IsEnum || t == typeof(string) || t == typeof(decimal) || typeof(IEnumerable).IsAssignableFrom(t)) return false;
        // reading the properties of these could block (Task.Result), be costly or say nothing useful
        if (typeof(Task).IsAssignableFrom(t) || typeof(Delegate).IsAssignableFrom(t) || typeof(Exception).IsAssignableFrom(t) ||
            typeof(MemberInfo).IsAssignableFrom(t) || typeof(Stream).IsAssignableFrom(t) || t.FullName?.StartsWith("System.Threading.Tasks.ValueTask", StringComparison.Ordinal) == true)
            return false;
        if (t.GetCustomAttribute<CompilerGeneratedAttribute>() != null && t.Name.Contains("AnonymousType", StringComparison.Ordinal)) return true;
        if (t.GetMethod("<Clone>$") != null || t.GetProperty("EqualityContract", BindingFlags.NonPublic | BindingFlags.Instance) != null) return true;
        if (t.IsGenericType && t.FullName?.StartsWith("System.ValueTuple`", StringComparison.Ordinal) == true) return true;
        var toString = t.GetMethod(nameof(ToString), Type.EmptyTypes);
        bool ownToString = toString != null && toString.DeclaringType != typeof(object) && toString.DeclaringType != typeof(ValueType);
        return !ownToString && Members(t).Count > 0;
    }

    /// <summary>A table of items with the given element type (columns from its members).</summary>
    public static string ForItems(IEnumerable items, Type elementType)
    {
        var members = Members(elementType);
        var sb = new StringBuilder("<table class=\"mrh-table\"><thead><tr>");
        foreach (var m in members) sb.Append("<th>").Append(WebUtility.HtmlEncode(m.Name)).Append("</th>");
        sb.Append("</tr></thead><tbody>");
        int n = 0, more = 0;
        foreach (var item in items)
        {
            if (n >= MaxRows) { more++; if (more > 1_000_000) break; continue; }
            n++;
            sb.Append("<tr>");
            foreach (var m in members) sb.Append("<td>").Append(WebUtility.HtmlEncode(ValueText.Of(Read(m, item)))).Append("</td>");
            sb.Append("</tr>");
        }
        sb.Append("</tbody></table>");
        if (more > 0) sb.Append($"<p class=\"mrh-more\">({more} more)</p>");
        return sb.ToString();
    }

    /// <summary>A one-row table of a single record.</summary>
    public static string ForRecord(object record) => ForItems(new[] { record }, record.GetType());

    /// <summary>A key/value table of a dictionary.</summary>
    public static string ForDictionary(IDictionary dictionary)
    {
        var sb = new StringBuilder("<table class=\"mrh-table\"><thead><tr><th>key</th><th>value</th></tr></thead><tbody>");
        int n = 0;
        foreach (DictionaryEntry e in dictionary)
        {
            if (n++ >= MaxRows) { sb.Append("</tbody></table>").Append($"<p class=\"mrh-more\">({dictionary.Count - MaxRows} more)</p>"); return sb.ToString(); }
            sb.Append("<tr><td>").Append(WebUtility.HtmlEncode(ValueText.Of(e.Key))).Append("</td><td>")
              .Append(WebUtility.HtmlEncode(ValueText.Of(e.Value))).Append("</td></tr>");
        }
        return sb.Append("</tbody></table>").ToString();
    }

    static List<MemberInfo> Members(Type t) =>
        t.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.GetIndexParameters().Length == 0 && p.GetMethod != null && p.Name != "EqualityContract")
            .Cast<MemberInfo>()
            .Concat(t.GetFields(BindingFlags.Public | BindingFlags.Instance))
            .ToList();

    static object? Read(MemberInfo m, object? item)
    {
        if (item is null) return null;
        try
        {
            return m switch
            {
                PropertyInfo p => p.GetValue(item),
                FieldInfo f => f.GetValue(item),
                _ => null,
            };
        }
        catch (Exception e)
        {
            return $"({(e is TargetInvocationException { InnerException: { } inner } ? inner.GetType().Name : e.GetType().Name)})";
        }
    }
}
