namespace Mrh.Presets;

/// <summary>
/// How big a run is. Each module turns a preset into its own settings (grid spacing, network size,
/// training length) with a <c>For(Preset)</c> factory, so the sizes live next to the code they configure.
/// </summary>
public enum Preset
{
    /// <summary>Tests and CI: coarse grid, tiny networks, an epoch or two.</summary>
    Smoke,
    /// <summary>The default main job on a laptop CPU.</summary>
    Quick,
    /// <summary>The paper's settings (GPU or long CPU runs).</summary>
    Paper,
}

public static class PresetNames
{
    /// <summary>Parses "smoke", "quick" or "paper" (any case); a clear error otherwise.</summary>
    public static Preset Parse(string text) => text.Trim().ToLowerInvariant() switch
    {
        "smoke" => Preset.Smoke,
        "quick" => Preset.Quick,
        "paper" => Preset.Paper,
        _ => throw new MrhException($"unknown preset '{text}' (expected smoke, quick or paper)"),
    };

    public static string Name(this Preset preset) => preset.ToString().ToLowerInvariant();
}
