using System.Collections;
using System.Globalization;
using System.Net;
using System.Reflection;
using System.Text;

namespace Mrh.Plots;

/// <summary>
/// Rows of values under named columns, shown as an HTML table in the .NET Interactive kernel. The kernel itself
/// shows a sequence of objects as an index/value list of collapsed trees; <c>rows.ToTable()</c> shows one column
/// per property instead (anonymous types and records alike). Values are written invariantly ("0.125", not "0,125").
/// </summary>
[TypeFormatterSource(typeof(TableFormatterSource), PreferredMimeTypes = [FigureHtml.MimeType])]
public sealed class Table
{
    public Table(IReadOnlyList<string> columns, IEnumerable<IReadOnlyList<string>> rows)
    {
        Columns = columns;
        Rows = rows.ToArray();
        if (Rows.Any(r => r.Count != columns.Count)) throw new ArgumentException("every row needs one value per column");
    }

    public IReadOnlyList<string> Columns { get; }

    public IReadOnlyList<IReadOnlyList<string>> Rows { get; }

    /// <summary>A table with one row per item and one column per public property of <typeparamref name="T"/>.</summary>
    public static Table Of<T>(IEnumerable<T> items)
    {
        var properties = typeof(T).GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.GetIndexParameters().Length == 0).ToArray();
        if (properties.Length == 0 || typeof(T) == typeof(string) || typeof(T).IsPrimitive)
            return new Table(["value"], items.Select(i => (IReadOnlyList<string>)[Text(i)]));
        return new Table(properties.Select(p => p.Name).ToArray(),
            items.Select(i => (IReadOnlyList<string>)properties.Select(p => Text(p.GetValue(i))).ToArray()));
    }

    /// <summary>
    /// The same rows under other column names, one per column: headers for readers ("training error" for a
    /// property named trainLoss), which property names cannot spell.
    /// </summary>
    public Table Renamed(params string[] columns)
    {
        ArgumentNullException.ThrowIfNull(columns);
        if (columns.Length != Columns.Count) throw new ArgumentException($"the table has {Columns.Count} columns, not {columns.Length}");
        return new Table(columns, Rows);
    }

    /// <summary>The table as an HTML <c>table</c> element.</summary>
    public string ToHtml()
    {
        var sb = new StringBuilder("<table class=\"mrh-table\"><thead><tr>");
        foreach (var c in Columns) sb.Append("<th>").Append(WebUtility.HtmlEncode(c)).Append("</th>");
        sb.Append("</tr></thead><tbody>");
        foreach (var row in Rows)
        {
            sb.Append("<tr>");
            foreach (var v in row) sb.Append("<td>").Append(WebUtility.HtmlEncode(v)).Append("</td>");
            sb.Append("</tr>");
        }
        return sb.Append("</tbody></table>").ToString();
    }

    /// <summary>The table as aligned plain text.</summary>
    public override string ToString()
    {
        var widths = Columns.Select((c, k) => Rows.Select(r => r[k].Length).Prepend(c.Length).Max()).ToArray();
        var sb = new StringBuilder();
        sb.AppendLine(string.Join("  ", Columns.Select((c, k) => c.PadRight(widths[k]))).TrimEnd());
        foreach (var row in Rows) sb.AppendLine(string.Join("  ", row.Select((v, k) => v.PadRight(widths[k]))).TrimEnd());
        return sb.ToString();
    }

    static string Text(object? value) => value switch
    {
        null => "",
        string s => s,
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        IEnumerable e => string.Join(", ", e.Cast<object?>().Select(Text)),
        _ => value.ToString() ?? "",
    };
}

/// <summary><c>rows.ToTable()</c>: see <see cref="Table.Of{T}"/>.</summary>
public static class TableExtensions
{
    public static Table ToTable<T>(this IEnumerable<T> rows) => Table.Of(rows);
}

/// <summary>The kernel's formatter for <see cref="Table"/> (found through <see cref="TypeFormatterSourceAttribute"/>).</summary>
public sealed class TableFormatterSource
{
    public IEnumerable<object> CreateTypeFormatters() =>
    [
        new KernelFormatter<Table>(FigureHtml.MimeType, (table, writer) => writer.Write(table.ToHtml())),
        new KernelFormatter<Table>("text/plain", (table, writer) => writer.Write(table.ToString())),
    ];
}
