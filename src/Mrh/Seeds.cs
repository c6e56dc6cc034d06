using System.Text;

namespace Mrh;

/// <summary>
/// The one seed scheme of the library: a run's seed and a path of names/numbers ("mri-train", 3, "noise")
/// give a seed that is the same on every machine and run (FNV-1a over the parts, then SplitMix64
/// finalisation) — 64-bit for the phantom's generators, a non-negative int for <see cref="System.Random"/>,
/// samplers, trainers and TorchSharp. Never uses <see cref="string.GetHashCode()"/>, which is randomised per
/// process, and never adds offsets to a seed (seed + 1 of one run is another run's seed).
/// </summary>
public static class Seeds
{
    /// <summary>A seed for the named random stream below <paramref name="seed"/>.</summary>
    public static ulong Derive(ulong seed, params object[] path)
    {
        ulong h = 14695981039346656037UL ^ Mix(seed);
        foreach (var part in path)
        {
            string s = part switch
            {
                int i => "i" + i.ToString(System.Globalization.CultureInfo.InvariantCulture),
                long l => "i" + l.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ulong u => "u" + u.ToString(System.Globalization.CultureInfo.InvariantCulture),
                _ => "s" + Convert.ToString(part, System.Globalization.CultureInfo.InvariantCulture),
            };
            foreach (byte b in Encoding.UTF8.GetBytes(s)) { h ^= b; h *= 1099511628211UL; }
            h ^= 0xFF; h *= 1099511628211UL; // separator, so ("ab","c") != ("a","bc")
        }
        return Mix(h);
    }

    /// <summary>A non-negative int seed for the named random stream below <paramref name="seed"/> (the low 31 bits of <see cref="Derive"/>).</summary>
    public static int Int(long seed, params object[] path) => (int)(Derive(unchecked((ulong)seed), path) & 0x7FFFFFFF);

    /// <summary>SplitMix64 finaliser: a bijective 64-bit mixer.</summary>
    public static ulong Mix(ulong z)
    {
        z += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
