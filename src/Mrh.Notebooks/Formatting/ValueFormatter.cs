using System.Collections;
using System.Net;
using System.Numerics;
using System.Reflection;
using Mrh.Notebooks.Documents;
using Mrh.Notebooks.Kernel;

namespace Mrh.Notebooks.Formatting;

/// <summary>
/// Turns a value into the MIME bundle that a cell output shows: Plotly.NET and XPlot.Plotly charts as
/// <c>application/vnd.plotly.v1+json</c> with a <c>text/html</c> fallback; images (objects with a
/// <c>byte[] ToPng()</c> method) as <c>image/png</c>; collections of records, records and dictionaries as HTML tables;
/// strings, numbers and other values as <c>text/plain</c>. One instance per notebook run (it numbers the charts and
/// displays it makes, so that the ids in a notebook are deterministic).
/// </summary>
public sealed class ValueFormatter
{
    int _charts, _displays;

    /// <summary>A new display id ("display-1", "display-2", ...).</summary>
    public string NextDisplayId() => $"display-{Interlocked.Increment(ref _displays)}";

    /// <summary>
    /// The representations of <paramref name="value"/>. With <paramref name="mimeTypes"/> non-empty, only those
    /// (a string is taken as already being in each requested type; a missing text/plain or text/html is derived).
    /// </summary>
    public MimeBundle Format(object? value, IReadOnlyCollection<string>? mimeTypes = null)
    {
        if (mimeTypes is { Count: > 0 })
        {
            if (value is string s)
            {
                var b = new MimeBundle();
                foreach (var m in mimeTypes) b.With(m, s);
                return b;
            }
            var full = Format(value);
            var only = full.Only(mimeTypes);
            foreach (var m in mimeTypes.Where(m => !only.Has(m)))
            {
                if (m == "text/plain") only.With(m, full.Text("text/plain") ?? ValueText.Of(value));
                else if (m == "text/html") only.With(m, full.Text("text/html") ?? Pre(full.Text("text/plain") ?? ValueText.Of(value)));
            }
            return only.Count > 0 ? only : new MimeBundle().With("text/plain", ValueText.Of(value));
        }
        try
        {
            return FormatDefault(value);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return new MimeBundle().With("text/plain", $"{ValueText.Of(value)}\n(formatting failed: {e.GetType().Name}: {e.Message})");
        }
    }

    MimeBundle FormatDefault(object? value)
    {
        var bundle = new MimeBundle();
        switch (value)
        {
            case null:
                return bundle.With("text/plain", "<null>");
            case HtmlString html:
                return bundle.With("text/html", html.Html);
            case string s:
                return bundle.With("text/plain", s);
            case bool or char or Enum or BigInteger or DateTime or DateTimeOffset or TimeSpan or Guid:
                return bundle.With("text/plain", ValueText.Of(value));
        }
        var type = value.GetType();
        if (type.IsPrimitive || value is decimal or Half)
            return bundle.With("text/plain", ValueText.Of(value));
        if (PlotlyFigure.TryFromChart(value) is { } figure)
        {
            string id = $"mrh-plotly-{Interlocked.Increment(ref _charts)}";
            int traces = figure["data"] is System.Text.Json.Nodes.JsonArray a ? a.Count : 0;
            return bundle.WithJson(PlotlyFigure.MimeType, figure)
                .With("text/html", PlotlyFigure.HtmlFallback(figure, id))
                .With("text/plain", $"Plotly chart ({traces} trace{(traces == 1 ? "" : "s")})");
        }
        if (PngOf(value) is { } png)
            return bundle.With("image/png", Convert.ToBase64String(png)).With("text/plain", $"<{type.Name}: PNG image, {png.Length} bytes>");
        if (value is IDictionary dict)
            return bundle.With("text/html", HtmlTable.ForDictionary(dict)).With("text/plain", ValueText.Of(value));
        if (value is IEnumerable items)
        {
            var elementType = ElementType(type);
            if (elementType != null && HtmlTable.IsRecordLike(elementType))
                return bundle.With("text/html", HtmlTable.ForItems(items, elementType)).With("text/plain", ValueText.OfSequence(items));
            return bundle.With("text/plain", ValueText.OfSequence(items));
        }
        if (HtmlTable.IsRecordLike(type))
            return bundle.With("text/html", HtmlTable.ForRecord(value)).With("text/plain", ValueText.Of(value));
        return bundle.With("text/plain", ValueText.Of(value));
    }

    static string Pre(string text) => $"<pre>{WebUtility.HtmlEncode(text)}</pre>";

    /// <summary>The T of the first IEnumerable&lt;T&gt; the type implements.</summary>
    static Type? ElementType(Type type)
    {
        if (type.IsArray) return type.GetElementType();
        return type.GetInterfaces().Append(type)
            .FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEnumerable<>))
            ?.GetGenericArguments()[0];
    }

    static readonly byte[] PngSignature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    /// <summary>The PNG bytes of an object with a public <c>byte[] ToPng()</c> method that returns a PNG.</summary>
    static byte[]? PngOf(object value)
    {
        var method = value.GetType().GetMethod("ToPng", BindingFlags.Public | BindingFlags.Instance, Type.EmptyTypes);
        if (method is null || method.ReturnType != typeof(byte[])) return null;
        var bytes = (byte[]?)method.Invoke(value, null);
        return bytes != null && bytes.AsSpan().StartsWith(PngSignature) ? bytes : null;
    }
}
