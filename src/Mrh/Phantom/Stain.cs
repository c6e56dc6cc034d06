namespace Mrh.Phantom;

/// <summary>The histology contrasts of the study.</summary>
public enum Stain
{
    /// <summary>Auto-fluorescence (serial two-photon tomography): dark where myelin is high.</summary>
    AutoFluorescence,
    /// <summary>Neurofilament immunostaining: axons (and neurofilament-rich dendrites).</summary>
    Neurofilament,
    /// <summary>Myelin basic protein immunostaining: compact myelin.</summary>
    MyelinBasicProtein,
    /// <summary>Nissl: cell bodies (rendered bright where cells are dense).</summary>
    Nissl,
}

/// <summary>Short names of stains as used in file and channel names.</summary>
public static class StainNames
{
    public static string ShortName(this Stain stain) => stain switch
    {
        Stain.AutoFluorescence => "AF",
        Stain.Neurofilament => "NF",
        Stain.MyelinBasicProtein => "MBP",
        Stain.Nissl => "Nissl",
        _ => stain.ToString(),
    };

    /// <summary>Parses "AF", "NF", "MBP", "Nissl" (any case).</summary>
    public static Stain Parse(string text) => text.Trim().ToLowerInvariant() switch
    {
        "af" or "autofluorescence" => Stain.AutoFluorescence,
        "nf" or "neurofilament" => Stain.Neurofilament,
        "mbp" or "myelinbasicprotein" => Stain.MyelinBasicProtein,
        "nissl" => Stain.Nissl,
        _ => throw new MrhException($"unknown stain '{text}' (expected AF, NF, MBP or Nissl)"),
    };
}
