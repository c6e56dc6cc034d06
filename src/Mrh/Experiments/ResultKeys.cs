namespace Mrh.Experiments;

/// <summary>
/// Checks a lookup of a result by its labels (stain "NF", region "hippocampus", map "DR b=2,000"): each label must
/// be one the results use, so a misspelt label is an error that lists the known ones instead of a silent NaN.
/// A known combination that was not scored (a region too small to analyse) is still NaN.
/// </summary>
static class ResultKeys
{
    public static void Check<T>(IEnumerable<T> rows, string kind, string value, Func<T, string> label)
    {
        var known = rows.Select(label).Distinct(StringComparer.Ordinal).ToList();
        if (known.Count > 0 && !known.Contains(value, StringComparer.Ordinal))
            throw new KeyNotFoundException($"no {kind} '{value}' in these results (known: {string.Join(", ", known)})");
    }
}
