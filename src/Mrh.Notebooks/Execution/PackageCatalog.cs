using System.Reflection;

namespace Mrh.Notebooks.Execution;

/// <summary>
/// The packages a notebook can reference with <c>#r "nuget: ..."</c>: TorchSharp-cpu, Plotly.NET, Plotly.NET.CSharp,
/// XPlot.Plotly, MathNet.Numerics and this package's library (Mrh.Core), at the versions pinned in
/// Directory.Packages.props (recorded in this assembly at build time). <c>Plotly.NET.Interactive</c> and
/// <c>XPlot.Plotly.Interactive</c>, which in the real kernel only add chart formatters, are satisfied by the
/// built-in formatters. Anything else cannot be downloaded here and is an error naming the package.
/// </summary>
public static class PackageCatalog
{
    static readonly Lazy<IReadOnlyList<CarriedPackage>> Packages = new(Build);

    /// <summary>Every carried package.</summary>
    public static IReadOnlyList<CarriedPackage> All => Packages.Value;

    /// <summary>The carried package with this id (case-insensitive), or null.</summary>
    public static CarriedPackage? Find(string id) =>
        All.FirstOrDefault(p => string.Equals(p.Id, id, StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// The package for <c>#r "nuget: id, version"</c>; throws <see cref="MrhException"/> for an unknown package or a
    /// version other than the carried one.
    /// </summary>
    public static CarriedPackage Resolve(string id, string? version)
    {
        var p = Find(id) ?? throw new MrhException(
            $"package '{id}'{(version is null ? "" : $" version {version}")} is not available: packages cannot be downloaded here; " +
            $"the executor carries {string.Join(", ", All.Where(x => !x.AnyVersion).DistinctBy(x => x.Roots[0]).Select(x => $"{x.Id} {x.Version}"))}");
        if (!p.AnyVersion && !VersionSpec.Accepts(version, p.Version))
            throw new MrhException(
                $"package '{p.Id}' version {version} is not available: the executor carries {p.Id} {p.Version} " +
                $"(write #r \"nuget: {p.Id}, {p.Version}\" or leave out the version)");
        return p;
    }

    static IReadOnlyList<CarriedPackage> Build()
    {
        var own = typeof(PackageCatalog).Assembly;
        string V(string id) => own.GetCustomAttributes<AssemblyMetadataAttribute>().FirstOrDefault(a => a.Key == "package:" + id)?.Value
                               ?? throw new InvalidOperationException($"no carried version recorded for {id}");
        var torch = typeof(TorchSharp.torch).Assembly;
        var plotly = typeof(Plotly.NET.GenericChart).Assembly;
        var plotlyCs = typeof(Plotly.NET.CSharp.Chart).Assembly;
        var xplot = typeof(XPlot.Plotly.PlotlyChart).Assembly;
        var mathnet = typeof(MathNet.Numerics.Control).Assembly;
        var mrh = typeof(MrhException).Assembly;
        string mrhVersion = (mrh.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
                             ?? mrh.GetName().Version?.ToString(3) ?? "1.0.0").Split('+')[0];
        return
        [
            new("TorchSharp-cpu", V("TorchSharp-cpu"), [torch]),
            new("TorchSharp", V("TorchSharp-cpu"), [torch]),
            new("Plotly.NET", V("Plotly.NET"), [plotly]),
            new("Plotly.NET.CSharp", V("Plotly.NET.CSharp"), [plotlyCs, plotly]),
            new("XPlot.Plotly", V("XPlot.Plotly"), [xplot]),
            new("MathNet.Numerics", V("MathNet.Numerics"), [mathnet]),
            new("Mrh.Core", mrhVersion, [mrh]),
            new("Plotly.NET.Interactive", V("Plotly.NET"), [plotly], AnyVersion: true),
            new("XPlot.Plotly.Interactive", V("XPlot.Plotly"), [xplot], AnyVersion: true),
        ];
    }

    /// <summary>
    /// The assemblies a script needs to use <paramref name="roots"/>: the roots and, transitively, the assemblies
    /// they reference that are not part of the .NET runtime (e.g. FSharp.Core, DynamicObj, Newtonsoft.Json).
    /// </summary>
    public static IReadOnlyList<Assembly> WithDependencies(IEnumerable<Assembly> roots)
    {
        string runtimeDir = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
        var seen = new Dictionary<string, Assembly>(StringComparer.OrdinalIgnoreCase);
        var queue = new Queue<Assembly>(roots);
        while (queue.Count > 0)
        {
            var a = queue.Dequeue();
            if (a.IsDynamic || string.IsNullOrEmpty(a.Location)) continue;
            if (string.Equals(Path.GetDirectoryName(a.Location), runtimeDir, StringComparison.Ordinal)) continue;
            if (!seen.TryAdd(a.GetName().Name!, a)) continue;
            foreach (var name in a.GetReferencedAssemblies())
            {
                if (seen.ContainsKey(name.Name!)) continue;
                Assembly? dep;
                try { dep = Assembly.Load(name); }
                catch (Exception e) when (e is FileNotFoundException or FileLoadException or BadImageFormatException) { dep = null; }
                if (dep != null) queue.Enqueue(dep);
            }
        }
        return seen.Values.ToList();
    }

    /// <summary>The carried assembly with this simple name (e.g. "Mrh.Core", "TorchSharp"), or null.</summary>
    public static Assembly? CarriedAssembly(string simpleName) =>
        WithDependencies(All.SelectMany(p => p.Roots))
            .FirstOrDefault(a => string.Equals(a.GetName().Name, simpleName, StringComparison.OrdinalIgnoreCase));
}
