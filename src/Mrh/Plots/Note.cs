using System.Net;
using System.Text;

namespace Mrh.Plots;

/// <summary>One line of a <see cref="Note"/>: text, and optionally a link after it (e.g. to docs/findings.md).</summary>
public sealed record NoteLine(string Text, string? LinkText = null, string? Href = null);

/// <summary>
/// A short boxed note that a notebook shows under a figure or at its top (e.g. "what you should see", where the
/// data come from): a heading and a few lines, some with a link. In the kernel it displays as HTML
/// (<c>div.mrh-note</c>, which <c>mrh reproduce</c>'s slide view picks up); as text it reads the same.
/// </summary>
[TypeFormatterSource(typeof(NoteFormatterSource), PreferredMimeTypes = [FigureHtml.MimeType])]
public sealed record Note(string Heading, IReadOnlyList<NoteLine> Lines)
{
    /// <summary>The CSS class of the note's element (the slide view looks for it).</summary>
    public const string CssClass = "mrh-note";

    public string ToHtml()
    {
        static string E(string s) => WebUtility.HtmlEncode(s);
        var sb = new StringBuilder($"<div class=\"{CssClass}\" style=\"border-left:4px solid #307fc1;background:#f3f7fb;padding:0.4em 0.8em;margin:0.4em 0\">");
        sb.Append("<strong>").Append(E(Heading)).Append("</strong><ul style=\"margin:0.2em 0\">");
        foreach (var line in Lines)
        {
            sb.Append("<li>").Append(E(line.Text));
            if (line.Href is not null) sb.Append(" <a href=\"").Append(E(line.Href)).Append("\">").Append(E(line.LinkText ?? line.Href)).Append("</a>");
            sb.Append("</li>");
        }
        return sb.Append("</ul></div>").ToString();
    }

    public override string ToString()
    {
        var sb = new StringBuilder(Heading);
        foreach (var line in Lines)
        {
            sb.Append("\n- ").Append(line.Text);
            if (line.Href is not null) sb.Append(' ').Append(line.LinkText ?? line.Href).Append(" (").Append(line.Href).Append(')');
        }
        return sb.ToString();
    }
}

/// <summary>The kernel's formatters for <see cref="Note"/> (found through <see cref="TypeFormatterSourceAttribute"/>).</summary>
public sealed class NoteFormatterSource
{
    public IEnumerable<object> CreateTypeFormatters() =>
    [
        new KernelFormatter<Note>(FigureHtml.MimeType, (note, writer) => writer.Write(note.ToHtml())),
        new KernelFormatter<Note>("text/plain", (note, writer) => writer.Write(note.ToString())),
    ];
}
