using Mrh.Model.Compute;

namespace Mrh.Tests.Model.Compute;

/// <summary>
/// A fact about the Winograd engine: skipped, visibly and with the reason, where the engine cannot run
/// (no SIMD acceleration for .NET); runs everywhere else.
/// </summary>
public sealed class EngineFactAttribute : FactAttribute
{
    public EngineFactAttribute()
    {
        if (!FastPatchNetwork.IsAvailable) Skip = EngineWidthData.NoSimd;
    }
}

/// <summary>A theory about the Winograd engine (see <see cref="EngineFactAttribute"/>).</summary>
public sealed class EngineTheoryAttribute : TheoryAttribute
{
    public EngineTheoryAttribute()
    {
        if (!FastPatchNetwork.IsAvailable) Skip = EngineWidthData.NoSimd;
    }
}

/// <summary>Theory data: every vector width the engine runs at on this machine.</summary>
public static class EngineWidthData
{
    public const string NoSimd = "no SIMD acceleration for .NET on this machine (Vector128.IsHardwareAccelerated is false): the engine cannot run, the reference path does";

    public static TheoryData<EngineWidth> Widths()
    {
        var data = new TheoryData<EngineWidth>();
        foreach (var w in EngineWidths.Supported) data.Add(w);
        return data;
    }

    /// <summary>Each row of <paramref name="rows"/> once per supported width (the width last).</summary>
    public static IEnumerable<object[]> Cross(IEnumerable<object[]> rows) =>
        from row in rows.ToList() from w in EngineWidths.Supported select row.Append(w).ToArray();
}
