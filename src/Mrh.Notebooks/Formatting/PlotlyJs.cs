using System.Reflection;

namespace Mrh.Notebooks.Formatting;

/// <summary>
/// plotly.js itself, for pages that must draw charts offline. Plotly.NET carries the minified script as an
/// assembly resource (<c>Plotly.NET.plotly-2.28.0.min.js</c> in Plotly.NET 6); it is read once.
/// </summary>
public static class PlotlyJs
{
    static readonly Lazy<(string Version, string Script)> Loaded = new(Load);

    /// <summary>The plotly.js version carried (e.g. "2.28.0").</summary>
    public static string Version => Loaded.Value.Version;

    /// <summary>The minified plotly.js source.</summary>
    public static string Script => Loaded.Value.Script;

    static (string, string) Load()
    {
        Assembly plotly = typeof(Plotly.NET.GenericChart).Assembly;
        string name = plotly.GetManifestResourceNames()
            .FirstOrDefault(n => n.Contains("plotly-", StringComparison.Ordinal) && n.EndsWith(".min.js", StringComparison.Ordinal))
            ?? throw new MrhException($"plotly.js is not among the resources of {plotly.GetName().Name} {plotly.GetName().Version}; cannot embed charts");
        using var stream = plotly.GetManifestResourceStream(name)!;
        using var reader = new StreamReader(stream);
        string version = name[(name.IndexOf("plotly-", StringComparison.Ordinal) + 7)..^".min.js".Length];
        return (version, reader.ReadToEnd());
    }

    /// <summary>The script as the body of a <c>&lt;script&gt;</c> element (no "&lt;/script" inside).</summary>
    public static string ForScriptElement => Script.Replace("</script", "<\\/script", StringComparison.OrdinalIgnoreCase);
}
