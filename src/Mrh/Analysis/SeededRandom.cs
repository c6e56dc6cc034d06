namespace Mrh.Analysis;

/// <summary>
/// The random streams of the analysis: a seeded <see cref="Random"/> (the same seed gives the same
/// numbers on every run) with standard normal draws by the Box-Muller transform. Seeds of sub-tasks
/// (channel c, repeat r) come from <see cref="Seeds.Int"/>, so that parallel work stays deterministic.
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
}
