namespace Mrh.Phantom;

/// <summary>
/// A small, fast, deterministic random generator (xoshiro256** seeded through SplitMix64) with uniform
/// and standard normal draws. The normal draws use a 256-layer ziggurat built at start-up from the
/// normal density, so millions of noise samples per second cost little. One instance per stream; not
/// thread-safe (give each thread or slab its own stream via <see cref="Seeds.Derive"/>).
/// </summary>
public sealed class Rng
{
    ulong _s0, _s1, _s2, _s3;

    public Rng(ulong seed)
    {
        ulong x = seed;
        _s0 = Next(ref x); _s1 = Next(ref x); _s2 = Next(ref x); _s3 = Next(ref x);
        if ((_s0 | _s1 | _s2 | _s3) == 0) _s0 = 1;
        static ulong Next(ref ulong state) { state += 0x9E3779B97F4A7C15UL; return Seeds.Mix(state - 0x9E3779B97F4A7C15UL + 1); }
    }

    /// <summary>Next raw 64 random bits.</summary>
    public ulong NextUInt64()
    {
        ulong result = RotateLeft(_s1 * 5, 7) * 9;
        ulong t = _s1 << 17;
        _s2 ^= _s0; _s3 ^= _s1; _s1 ^= _s2; _s0 ^= _s3; _s2 ^= t; _s3 = RotateLeft(_s3, 45);
        return result;
    }

    static ulong RotateLeft(ulong x, int k) => (x << k) | (x >> (64 - k));

    /// <summary>Uniform in [0, 1).</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>Uniform in (0, 1): safe for logarithms.</summary>
    public double NextOpenDouble() => ((NextUInt64() >> 11) + 0.5) * (1.0 / (1UL << 53));

    /// <summary>Uniform integer in [0, n).</summary>
    public int NextInt(int n) => (int)((NextUInt64() >> 33) * (ulong)n >> 31);

    /// <summary>Standard normal N(0, 1).</summary>
    public double NextGaussian()
    {
        var z = Ziggurat.Table;
        while (true)
        {
            ulong bits = NextUInt64();
            int layer = (int)(bits & 0xFF);
            double u = ((bits >> 11) * (1.0 / (1UL << 53))) * 2 - 1; // (-1, 1)
            double x = u * z.X[layer];
            if (Math.Abs(x) < z.X[layer + 1]) return x; // inside the rectangle's sure part
            if (layer == 0)
            {
                // tail beyond r (Marsaglia's method)
                double a, b;
                do
                {
                    a = -Math.Log(NextOpenDouble()) / z.R;
                    b = -Math.Log(NextOpenDouble());
                } while (2 * b < a * a);
                return u < 0 ? -(z.R + a) : z.R + a;
            }
            double y = z.F[layer] + NextDouble() * (z.F[layer + 1] - z.F[layer]);
            if (y < Math.Exp(-0.5 * x * x)) return x;
        }
    }

    /// <summary>Fills <paramref name="target"/> with independent N(0, sigma^2) draws.</summary>
    public void FillGaussian(Span<float> target, double sigma = 1)
    {
        for (int i = 0; i < target.Length; i++) target[i] = (float)(sigma * NextGaussian());
    }
}

/// <summary>
/// Tables of a 256-layer ziggurat for the (unnormalised) normal density f(x) = exp(-x^2/2): layer
/// edges X (X[0] is the base strip's virtual width v/f(r), X[1] = r, X[256] = 0) and densities F at
/// the edges. r is found by bisection so that all 256 layers have the same area v.
/// </summary>
sealed class Ziggurat
{
    public const int Layers = 256;
    public static readonly Ziggurat Table = new();
    public readonly double R;
    public readonly double[] X = new double[Layers + 1];
    public readonly double[] F = new double[Layers + 1];

    Ziggurat()
    {
        double lo = 3.0, hi = 4.5;
        for (int it = 0; it < 200; it++)
        {
            double mid = 0.5 * (lo + hi);
            if (RTooSmall(mid)) lo = mid; else hi = mid;
        }
        R = 0.5 * (lo + hi);
        double v = Area(R);
        X[0] = v / Density(R);
        X[1] = R;
        for (int i = 1; i < Layers; i++)
        {
            double f = Density(X[i]) + v / X[i];
            X[i + 1] = f >= 1 ? 0 : Math.Sqrt(-2 * Math.Log(f));
        }
        X[Layers] = 0;
        for (int i = 0; i <= Layers; i++) F[i] = Density(X[i]);
        F[0] = Density(R); // the base strip's top edge
    }

    static double Density(double x) => Math.Exp(-0.5 * x * x);

    /// <summary>Area of the base strip: the rectangle up to r plus the tail beyond it.</summary>
    static double Area(double r) => r * Density(r) + Math.Sqrt(Math.PI / 2) * MathNet.Numerics.SpecialFunctions.Erfc(r / Math.Sqrt(2));

    /// <summary>
    /// True when r is too small: the layers (each of area v(r), larger for smaller r) reach the top of the
    /// density (f = 1) before the last layer, or leave less than one layer's area for the last one.
    /// </summary>
    static bool RTooSmall(double r)
    {
        double v = Area(r), x = r;
        for (int i = 1; i < Layers - 1; i++)
        {
            double f = Density(x) + v / x;
            if (f >= 1) return true;
            x = Math.Sqrt(-2 * Math.Log(f));
        }
        // the last layer must end exactly at the top: its area x * (1 - f(x)) should equal v
        return x * (1 - Density(x)) < v;
    }
}
