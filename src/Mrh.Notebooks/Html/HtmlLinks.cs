using System.Text.RegularExpressions;

namespace Mrh.Notebooks.Html;

/// <summary>
/// The links of a notebook rewritten for the HTML pages that <c>mrh reproduce</c> writes side by side: a notebook keeps
/// links that work in Jupyter or VS Code from the notebooks folder (<c>00-tour.ipynb#Glossary</c>,
/// <c>../docs/findings.md#fig-1--training-size</c>), which in the output folder would open raw JSON or a file that is
/// not there. A sibling notebook <c>X.ipynb#Anchor</c> becomes <c>X.html#anchor</c>, docs/findings.md becomes
/// <see cref="FindingsPage"/>, and an anchor becomes the id the page gives its heading (Markdig's: lower case, spaces
/// as dashes).
/// </summary>
public static partial class HtmlLinks
{
    /// <summary>docs/findings.md as a page of the output folder.</summary>
    public const string FindingsPage = "findings.html";

    /// <summary>docs/findings.md as the notebooks link to it.</summary>
    public const string FindingsFromNotebooks = "../docs/findings.md";

    [GeneratedRegex("(?<![\\w:-])href=\"([^\"]*)\"")]
    private static partial Regex Href();

    [GeneratedRegex("^[A-Za-z0-9_.-]+\\.ipynb$")]
    private static partial Regex SiblingNotebook();

    /// <summary>
    /// <paramref name="html"/> with its <c>href</c> attributes rewritten; with <paramref name="inPageAnchors"/> a
    /// link to an anchor of the same page (<c>#Glossary</c>) is rewritten too (markdown of the notebook; not outputs,
    /// whose SVG may refer to its own ids), and with <paramref name="page"/> it points at that page (the notebook's
    /// text shown elsewhere, as on a slide).
    /// </summary>
    public static string Rewrite(string html, bool inPageAnchors = false, string? page = null)
    {
        ArgumentNullException.ThrowIfNull(html);
        return Href().Replace(html, m => $"href=\"{Target(m.Groups[1].Value, inPageAnchors, page)}\"");
    }

    /// <summary>One link's target as the HTML pages need it (unchanged when it is none of the cases above).</summary>
    public static string Target(string href, bool inPageAnchors = false, string? page = null)
    {
        ArgumentNullException.ThrowIfNull(href);
        int hash = href.IndexOf('#', StringComparison.Ordinal);
        string path = hash < 0 ? href : href[..hash];
        string? anchor = hash < 0 ? null : href[(hash + 1)..];
        string suffix = anchor is null ? "" : "#" + Anchor(anchor);
        if (path.Length == 0) return anchor is null || !(inPageAnchors || page is not null) ? href : page + suffix;
        if (path == FindingsFromNotebooks) return FindingsPage + suffix;
        if (SiblingNotebook().IsMatch(path)) return path[..^".ipynb".Length] + ".html" + suffix;
        return href;
    }

    /// <summary>An anchor as Markdig's automatic heading ids spell it: lower case, spaces as dashes.</summary>
    public static string Anchor(string anchor) => anchor.Trim().Replace(' ', '-').ToLowerInvariant();
}
