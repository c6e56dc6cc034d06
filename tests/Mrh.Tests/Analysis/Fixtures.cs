using System.Text.Json;

namespace Mrh.Tests.Analysis;

/// <summary>
/// Reference values made by scikit-image / SciPy / scikit-learn (see Fixtures/make_fixtures.py for how),
/// copied next to the test assembly.
/// </summary>
static class Fixtures
{
    static readonly Lazy<JsonElement> Root = new(() =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Analysis", "Fixtures", "analysis_fixtures.json"))).RootElement);

    public static JsonElement Get(string name) => Root.Value.GetProperty(name);

    public static float[] Floats(this JsonElement e) => e.EnumerateArray().Select(v => (float)v.GetDouble()).ToArray();
    public static double[] Doubles(this JsonElement e) => e.EnumerateArray().Select(v => v.GetDouble()).ToArray();
    public static bool[] Bools(this JsonElement e) => e.EnumerateArray().Select(v => v.GetBoolean()).ToArray();
    public static double Number(this JsonElement e, string name) => e.GetProperty(name).GetDouble();
}
