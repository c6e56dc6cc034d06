namespace Mrh.Phantom;

/// <summary>Separable Gaussian smoothing of a 3D array (x fastest), in place, with clamped edges.</summary>
public static class GaussianBlur
{
    /// <summary>Normalised 1D kernel for a sigma in voxels (radius 3 sigma, at least 1 tap each side).</summary>
    public static float[] Kernel(double sigmaVoxels)
    {
        if (!(sigmaVoxels > 0)) return [1f];
        int r = Math.Max(1, (int)Math.Ceiling(3 * sigmaVoxels));
        var k = new double[2 * r + 1];
        double sum = 0;
        for (int i = -r; i <= r; i++) sum += k[i + r] = Math.Exp(-0.5 * i * i / (sigmaVoxels * sigmaVoxels));
        return k.Select(v => (float)(v / sum)).ToArray();
    }

    /// <summary>Sum of squared kernel weights: the factor by which the blur scales the variance of white noise, per axis.</summary>
    public static double NoiseVarianceFactor(float[] kernel) => kernel.Sum(w => (double)w * w);

    /// <summary>Blurs <paramref name="data"/> along all three axes with the same kernel (in place).</summary>
    public static void Apply(float[] data, int nx, int ny, int nz, float[] kernel)
    {
        if (kernel.Length == 1) return;
        var tmp = new float[data.Length];
        Pass(data, tmp, nx, ny, nz, kernel, 0);
        Pass(tmp, data, nx, ny, nz, kernel, 1);
        Pass(data, tmp, nx, ny, nz, kernel, 2);
        Array.Copy(tmp, data, data.Length);
    }

    static void Pass(float[] src, float[] dst, int nx, int ny, int nz, float[] kernel, int axis)
    {
        int r = kernel.Length / 2;
        int n = axis == 0 ? nx : axis == 1 ? ny : nz;
        int stride = axis == 0 ? 1 : axis == 1 ? nx : nx * ny;
        Parallel.For(0, nz, z =>
        {
            for (int y = 0; y < ny; y++)
            {
                int rowStart = (z * ny + y) * nx;
                for (int x = 0; x < nx; x++)
                {
                    int i = rowStart + x;
                    int pos = axis == 0 ? x : axis == 1 ? y : z;
                    int origin = i - pos * stride;
                    float s = 0;
                    for (int k = -r; k <= r; k++)
                    {
                        int q = Math.Clamp(pos + k, 0, n - 1);
                        s += kernel[k + r] * src[origin + q * stride];
                    }
                    dst[i] = s;
                }
            }
        });
    }
}
