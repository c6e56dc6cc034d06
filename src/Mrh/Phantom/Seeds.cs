using System.Text;

namespace Mrh.Phantom;

/// <summary>
/// Deterministic seed derivation: a study seed and a path of names/numbers ("mri-train", 3, "noise")
/// give a 64-bit seed that is the same on every machine and run (FNV-1a over the parts, then
/// SplitMix64 finalisation). Never uses <see cref="string.GetHashCode()"/>, which is randomised per process.
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

    /// <summary>SplitMix64 finaliser: a bijective 64-bit mixer.</summary>
    public static ulong Mix(ulong z)
    {
        z += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
