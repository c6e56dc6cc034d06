using System.Reflection;

namespace Mrh.Plots;

/// <summary>
/// plotly.js, carried by this library as a resource (taken at build time from the Plotly.NET package, see
/// build/NotebookLibrary.targets) so that figures draw without the internet.
/// </summary>
public static class PlotlyJs
{
    const string ResourceName = "Mrh.Plots.plotly.min.js";

    static readonly Lazy<string> Loaded = new(Load);

    /// <summary>The plotly.js version carried (e.g. "2.28.0").</summary>
    public static string Version =>
        typeof(PlotlyJs).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().FirstOrDefault(a => a.Key == "plotly.js")?.Value ?? "?";

    /// <summary>The minified plotly.js source.</summary>
    public static string Script => Loaded.Value;

    /// <summary>The script as the body of a <c>&lt;script&gt;</c> element (no "&lt;/script" inside).</summary>
    public static string ForScriptElement => Script.Replace("</script", "<\\/script", StringComparison.OrdinalIgnoreCase);

    static string Load()
    {
        using var stream = typeof(PlotlyJs).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new MrhException($"plotly.js ({ResourceName}) is not among the resources of Mrh.Core; rebuild the library");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
