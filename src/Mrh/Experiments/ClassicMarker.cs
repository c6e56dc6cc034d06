using Mrh.Analysis;
using Mrh.Data;
using Mrh.Imaging;
using Mrh.Mri;

namespace Mrh.Experiments;

/// <summary>
/// An MRI marker commonly used for axons and myelin (Fig. 3): the name shown, the <see cref="MarkerJob"/>
/// map it comes from, its units, and which direction means "more axons / myelin" (<see cref="Polarity.High"/>
/// for MTR and FA; <see cref="Polarity.Low"/> for the radial diffusivity, which drops where myelin is).
/// </summary>
public sealed record ClassicMarker(string Name, string MapName, string Units, Polarity RichIs)
{
    public static readonly ClassicMarker Mtr = new("MTR", "mtr", "MTR (unitless)", Polarity.High);
    public static readonly ClassicMarker FaLow = new("FA b=2,000", "b2000_fa", "FA (unitless)", Polarity.High);
    public static readonly ClassicMarker FaHigh = new("FA b=5,000", "b5000_fa", "FA (unitless)", Polarity.High);
    public static readonly ClassicMarker DrLow = new("DR b=2,000", "b2000_rd", "DR (mm²/s)", Polarity.Low);
    public static readonly ClassicMarker DrHigh = new("DR b=5,000", "b5000_rd", "DR (mm²/s)", Polarity.Low);

    /// <summary>The markers Fig. 3 compares the networks with: MTR, and FA and DR at both shells.</summary>
    public static IReadOnlyList<ClassicMarker> Fig3 { get; } = [Mtr, FaLow, FaHigh, DrLow, DrHigh];

    /// <summary>
    /// The maps of <paramref name="markers"/> for an animal's MRI (channels in <paramref name="protocol"/>'s order),
    /// computed inside <paramref name="region"/> only (0 elsewhere); a clear error when the protocol lacks a map.
    /// </summary>
    public static IReadOnlyDictionary<string, Volume> Compute(IReadOnlyList<ClassicMarker> markers, Protocol protocol, Volume mri, bool[] region)
    {
        var job = new MarkerJob(protocol);
        foreach (var m in markers)
            if (!job.MapNames.Contains(m.MapName))
                throw new MrhException($"the protocol gives no '{m.MapName}' map for {m.Name} (maps: {string.Join(", ", job.MapNames)})");
        var mask = Volume.FromArray(mri, region.Select(b => b ? 1f : 0f).ToArray(), "mask");
        var maps = job.Run(mri, mask).ToDictionary(m => m.Name, m => m.Map);
        return markers.ToDictionary(m => m.Name, m => maps[m.MapName]);
    }
}
