using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Mrh.Plots;

/// <summary>A plotly.js trace: its attributes by name (<c>type</c>, <c>x</c>, <c>y</c>, <c>marker</c>, ...).</summary>
public sealed class Trace : Dictionary<string, object>;

/// <summary>A plotly.js layout: its attributes by name (<c>title</c>, <c>xaxis</c>, <c>shapes</c>, ...).</summary>
public sealed class Layout : Dictionary<string, object>;

/// <summary>
/// A Plotly figure: traces and a layout, exactly the attribute trees plotly.js documents, serialised as the
/// figure JSON of the <c>application/vnd.plotly.v1+json</c> MIME type. In the .NET Interactive kernel (Jupyter,
/// VS Code Polyglot Notebooks) a figure displays itself as an interactive chart that draws offline
/// (<see cref="FigureFormatterSource"/>); nothing else is needed in the notebook.
/// </summary>
[TypeFormatterSource(typeof(FigureFormatterSource), PreferredMimeTypes = [FigureHtml.MimeType])]
public sealed class Figure
{
    /// <summary>The MIME type of Plotly figures in Jupyter and VS Code.</summary>
    public const string PlotlyMimeType = "application/vnd.plotly.v1+json";

    public Figure(IEnumerable<Trace> data, Layout layout)
    {
        Data = data.ToArray();
        Layout = layout;
    }

    public IReadOnlyList<Trace> Data { get; }

    public Layout Layout { get; }

    /// <summary>A copy with <paramref name="more"/>'s attributes added to (or replacing those of) the layout.</summary>
    public Figure WithLayout(Layout more)
    {
        var layout = new Layout();
        foreach (var (k, v) in Layout) layout[k] = v;
        foreach (var (k, v) in more) layout[k] = v;
        return new Figure(Data, layout);
    }

    /// <summary>The figure JSON: <c>{"data": [...], "layout": {...}}</c>. Non-finite numbers are written as null (a gap).</summary>
    public string ToJson() => JsonSerializer.Serialize(new { data = Data, layout = Layout }, JsonOptions);

    public override string ToString() => $"Plotly figure ({Data.Count} traces)";

    static readonly JsonSerializerOptions JsonOptions = new()
    {
        Converters = { new FiniteDoubleConverter(), new FiniteFloatConverter() },
        // the JSON goes into HTML script elements and notebook files: keep it ASCII-safe but readable
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    sealed class FiniteDoubleConverter : JsonConverter<double>
    {
        public override double Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            reader.TokenType == JsonTokenType.Null ? double.NaN : reader.GetDouble();

        public override void Write(Utf8JsonWriter writer, double value, JsonSerializerOptions options)
        {
            if (double.IsFinite(value)) writer.WriteNumberValue(value);
            else writer.WriteNullValue();
        }
    }

    sealed class FiniteFloatConverter : JsonConverter<float>
    {
        public override float Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            reader.TokenType == JsonTokenType.Null ? float.NaN : reader.GetSingle();

        public override void Write(Utf8JsonWriter writer, float value, JsonSerializerOptions options)
        {
            if (float.IsFinite(value)) writer.WriteNumberValue(value);
            else writer.WriteNullValue();
        }
    }
}
