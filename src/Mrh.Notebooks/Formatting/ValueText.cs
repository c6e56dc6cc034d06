using System.Collections;
using System.Globalization;

namespace Mrh.Notebooks.Formatting;

/// <summary>Plain text of a value, culture-independent: numbers with the invariant culture, null as "&lt;null&gt;".</summary>
public static class ValueText
{
    /// <summary>Items listed before the rest of a sequence is summarised as "...".</summary>
    public const int MaxItems = 100;

    /// <summary>The value as text.</summary>
    public static string Of(object? value) => value switch
    {
        null => "<null>",
        string s => s,
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    /// <summary>A sequence as "[a, b, c]" (at most <see cref="MaxItems"/> items, then "...").</summary>
    public static string OfSequence(IEnumerable items)
    {
        var parts = new List<string>();
        foreach (var item in items)
        {
            if (parts.Count == MaxItems) { parts.Add("..."); break; }
            parts.Add(Of(item));
        }
        return "[" + string.Join(", ", parts) + "]";
    }
}
