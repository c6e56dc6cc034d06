namespace Mrh.Analysis;

/// <summary>
/// The random streams of the analysis: a seeded <see cref="Random"/> (the same seed gives the same
/// numbers on every run) with standard normal draws by the Box-Muller transform, and a way to derive
/// independent seeds for numbered sub-tasks (channel c, repeat r) so that parallel work stays
/// deterministic.
/// </summary>
public sealed class SeededRandom
{
    readonly Random _random;
    double _spare;
    bool _hasSpare;

    public SeededRandom(int seed) => _random = new Random(seed);

    /// <summary>Uniform in [0, 1).</summary>
    public double NextDouble() => _random.NextDouble();

    /// <summary>Standard normal.</summary>
    public double NextGaussian()
    {
        if (_hasSpare) { _hasSpare = false; return _spare; }
        double u1 = 1.0 - _random.NextDouble(); // (0, 1]
        double u2 = _random.NextDouble();
        double radius = Math.Sqrt(-2.0 * Math.Log(u1));
        _spare = radius * Math.Sin(2 * Math.PI * u2);
        _hasSpare = true;
        return radius * Math.Cos(2 * Math.PI * u2);
    }

    /// <summary>A seed for sub-task (a, b) of a run seeded with <paramref name="seed"/> (a fixed integer hash).</summary>
    public static int Derive(int seed, int a, int b = 0)
    {
        ulong h = 0x9E3779B97F4A7C15UL ^ (uint)seed;
        h = Mix(h + (uint)a);
        h = Mix(h + (uint)b);
        return (int)(h & 0x7FFFFFFF);
    }

    static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
