namespace Mrh.Plots;

/// <summary>
/// The kernel's formatters for <see cref="Figure"/> (found through <see cref="TypeFormatterSourceAttribute"/>):
/// <c>text/html</c>, a chart drawn by plotly.js in the page (Jupyter, nbconvert's HTML, VS Code), the one the kernel
/// writes by default; and <c>application/vnd.plotly.v1+json</c>, the figure JSON, on request only
/// (<c>display(figure, "application/vnd.plotly.v1+json")</c>): the kernel's Jupyter protocol sends that MIME type as a
/// string, not a JSON object, so a front end that draws Plotly figures natively (JupyterLab with the plotly
/// extension) would draw nothing if it were written by default.
/// The kernel creates the source once per session, so the HTML formatter's <see cref="FigureHtml"/> instance
/// carries plotly.js with the first figure of the session only.
/// </summary>
public sealed class FigureFormatterSource
{
    public IEnumerable<object> CreateTypeFormatters() =>
    [
        new KernelFormatter<Figure>(FigureHtml.MimeType, new FigureHtml().Write),
        new KernelFormatter<Figure>(Figure.PlotlyMimeType, (figure, writer) => writer.Write(figure.ToJson())),
    ];
}

/// <summary>One formatter in the kernel's convention: a MIME type, the type it formats and a Format method.</summary>
public sealed class KernelFormatter<T>(string mimeType, Action<T, TextWriter> write)
{
    public string MimeType { get; } = mimeType;

    public Type Type => typeof(T);

    public bool Format(object instance, TextWriter writer)
    {
        if (instance is not T value) return false;
        write(value, writer);
        return true;
    }
}
