using Mrh.Imaging;

namespace Mrh.Benchmarking;

/// <summary>
/// A stand-in for a quick-preset animal when timing whole-volume prediction: a multi-channel volume of
/// smooth deterministic patterns with a brain-shaped mask (two slightly separated hemispheres, an
/// ellipsoid each, flattened ventrally). Only its size and mask fraction matter for timing.
/// </summary>
public static class SyntheticBrainVolume
{
    /// <summary>The volume (channels "c00", "c01", ...) and its mask.</summary>
    public static (Volume Inputs, bool[] Mask) Make(int nx, int ny, int nz, int channels, long seed)
    {
        var mask = new bool[nx * ny * nz];
        double cx = (nx - 1) / 2.0, cy = (ny - 1) / 2.0, cz = (nz - 1) / 2.0;
        for (int z = 0; z < nz; z++)
            for (int y = 0; y < ny; y++)
                for (int x = 0; x < nx; x++)
                {
                    double dz = (z - cz) / (0.46 * nz), dy = (y - cy) / (0.44 * ny);
                    if (dy > 0) dy *= 1.3; // flatter towards the ventral side
                    double dx = (Math.Abs(x - cx) - 0.21 * nx) / (0.25 * nx); // two hemispheres
                    mask[(z * ny + y) * nx + x] = dx * dx + dy * dy + dz * dz <= 1 && Math.Abs(x - cx) > 0.5;
                }
        var data = new float[channels][];
        Parallel.For(0, channels, c =>
        {
            var r = new Random(Seeds.Int(seed, "channel", c));
            double a = 0.05 + 0.2 * r.NextDouble(), b = 0.05 + 0.2 * r.NextDouble(), d = 0.05 + 0.2 * r.NextDouble(), phase = 6.28 * r.NextDouble();
            var v = new float[nx * ny * nz];
            for (int z = 0; z < nz; z++)
                for (int y = 0; y < ny; y++)
                    for (int x = 0; x < nx; x++)
                    {
                        int i = (z * ny + y) * nx + x;
                        v[i] = mask[i] ? (float)(Math.Sin(a * x + b * y + d * z + phase) + 0.1 * Math.Cos(0.7 * x - 0.3 * z)) : 0f;
                    }
            data[c] = v;
        });
        var names = Enumerable.Range(0, channels).Select(c => $"c{c:00}").ToArray();
        return (new Volume(nx, ny, nz, data, channelNames: names), mask);
    }
}
