namespace Mrh.Plots;

/// <summary>
/// Thin helpers to build plotly.js attribute trees: every figure here can set exactly the attributes plotly.js
/// documents (shared colour ranges, error bars, annotations, secondary axes). The figures are <see cref="Figure"/>
/// values that notebooks display and <see cref="Figure.ToJson"/> serialises.
/// </summary>
public static class Plotly
{
    /// <summary>A plotly.js attribute object from name/value pairs (null values are left out).</summary>
    public static Dictionary<string, object> Obj(params (string Name, object? Value)[] attributes)
    {
        var d = new Dictionary<string, object>(attributes.Length);
        foreach (var (name, value) in attributes)
            if (value is not null) d[name] = value;
        return d;
    }

    /// <summary>A title object: {text: ...}.</summary>
    public static Dictionary<string, object> Title(string text) => Obj(("text", text));

    public static Trace Trace(string type, params (string Name, object? Value)[] attributes)
    {
        var t = new Trace { ["type"] = type };
        foreach (var (name, value) in attributes)
            if (value is not null) t[name] = value;
        return t;
    }

    public static Layout Layout(params (string Name, object? Value)[] attributes)
    {
        var l = new Layout();
        foreach (var (name, value) in attributes)
            if (value is not null) l[name] = value;
        return l;
    }

    /// <summary>A figure of the given traces with the given layout.</summary>
    public static Figure Chart(IEnumerable<Trace> traces, Layout layout) => new(traces, layout);

    /// <summary>An axis with a title (units belong in the title) and optional fixed range.</summary>
    public static Dictionary<string, object> Axis(string title, double[]? range = null, params (string Name, object? Value)[] more) =>
        Obj([("title", Title(title)), ("range", range), ("zeroline", false), .. more]);

    /// <summary>The figure as plotly.js JSON (data, layout).</summary>
    public static string ToJson(Figure figure) => figure.ToJson();

    internal static double[] ToDoubles(IEnumerable<float> values) => values.Select(v => (double)v).ToArray();
}
