using Mrh.Imaging;
using Mrh.Patches;

namespace Mrh.Tests.Model;

/// <summary>
/// A small co-registered MRI/histology pair built in the test: smooth random-phase sine fields as
/// input channels (with very different gains, to exercise the normalisation), a target that is a
/// known smooth nonlinear function of three of them at the same voxel, and an ellipsoid mask.
/// </summary>
static class SyntheticPair
{
    public static readonly float[] Gains = [1f, 20f, 0.05f, 300f];

    /// <summary>The unscaled channel value u_c in [0.1, 0.9] at voxel (x, y, z).</summary>
    static float Field(int c, int x, int y, int z, int n, Random rng, double[] phases, double[] kx, double[] ky, double[] kz) =>
        (float)(0.5 + 0.4 * Math.Sin(kx[c] * x + ky[c] * y + kz[c] * z + phases[c]));

    /// <summary>The target as a function of the unscaled channel values.</summary>
    public static float Truth(float u0, float u1, float u2) =>
        (float)(1.0 + Math.Tanh(4 * (u0 - 0.5)) * u1 + 0.8 * u2 * u2);

    public static PatchSource Make(int n = 20, int seed = 1, string id = "s1", int channels = 4)
    {
        var rng = new Random(seed);
        var phases = Enumerable.Range(0, channels).Select(_ => rng.NextDouble() * 2 * Math.PI).ToArray();
        double Freq() => (0.15 + 0.25 * rng.NextDouble()) * (rng.Next(2) == 0 ? 1 : -1);
        var kx = Enumerable.Range(0, channels).Select(_ => Freq()).ToArray();
        var ky = Enumerable.Range(0, channels).Select(_ => Freq()).ToArray();
        var kz = Enumerable.Range(0, channels).Select(_ => Freq()).ToArray();
        int nv = n * n * n;
        var data = Enumerable.Range(0, channels).Select(_ => new float[nv]).ToArray();
        var target = new float[nv];
        var mask = new bool[nv];
        double c0 = (n - 1) / 2.0, rad = 0.45 * n;
        for (int z = 0; z < n; z++)
            for (int y = 0; y < n; y++)
                for (int x = 0; x < n; x++)
                {
                    int i = (z * n + y) * n + x;
                    var u = new float[channels];
                    for (int c = 0; c < channels; c++)
                    {
                        u[c] = Field(c, x, y, z, n, rng, phases, kx, ky, kz);
                        data[c][i] = u[c] * Gains[c % Gains.Length];
                    }
                    target[i] = Truth(u[0], u[1], u[2]);
                    double dx = (x - c0) / rad, dy = (y - c0) / (0.9 * rad), dz = (z - c0) / rad;
                    mask[i] = dx * dx + dy * dy + dz * dz <= 1;
                }
        var spacing = new[] { 0.1, 0.1, 0.1 };
        var names = Enumerable.Range(0, channels).Select(c => $"img{c}").ToArray();
        var inputs = new Volume(n, n, n, data, spacing, channelNames: names);
        var tv = new Volume(n, n, n, [target], spacing, channelNames: ["AF"]);
        return new PatchSource(id, inputs, tv, mask);
    }
}
