namespace Mrh.Phantom;

/// <summary>
/// Complex Gaussian noise drawn on the (coarser) acquisition grid and trilinearly interpolated to the
/// phantom grid, normalised so that every fine voxel has the same noise SD; then the magnitude
/// |signal + noise| (Rician). This is how noise looks in images acquired at 0.1 mm and interpolated to
/// 0.06 mm, and it needs far fewer random draws than noise on the fine grid.
/// </summary>
sealed class AcquisitionNoise
{
    readonly PhantomGrid _grid;
    readonly int _cx, _cy, _cz;
    readonly int[] _ix, _iy, _iz;
    readonly float[] _wx, _wy, _wz, _vx, _vy, _vz;
    readonly float[] _re, _im;

    public AcquisitionNoise(PhantomGrid grid, double acquisitionMm)
    {
        _grid = grid;
        double ratio = grid.Spacing / acquisitionMm;
        (_ix, _wx, _vx, _cx) = Axis(grid.NX, ratio);
        (_iy, _wy, _vy, _cy) = Axis(grid.NY, ratio);
        (_iz, _wz, _vz, _cz) = Axis(grid.NZ, ratio);
        _re = new float[_cx * _cy * _cz];
        _im = new float[_re.Length];
    }

    static (int[] Index, float[] Weight, float[] Variance, int Count) Axis(int n, double ratio)
    {
        var index = new int[n];
        var weight = new float[n];
        var variance = new float[n];
        int count = (int)Math.Ceiling((n - 1) * ratio) + 2;
        for (int i = 0; i < n; i++)
        {
            double u = i * ratio;
            int k = Math.Min((int)u, count - 2);
            float w = (float)(u - k);
            index[i] = k; weight[i] = w;
            variance[i] = (1 - w) * (1 - w) + w * w; // variance of an interpolated pair of iid values
        }
        return (index, weight, variance, count);
    }

    /// <summary>data = |data + sigma (n_re + i n_im)| with correlated unit-variance noise (in place).</summary>
    public void AddRician(float[] data, double sigma, ulong seed)
    {
        int cx = _cx, cy = _cy, cz = _cz;
        Parallel.For(0, cz, z =>
        {
            var rng = new Rng(Seeds.Derive(seed, z));
            for (int i = z * cx * cy; i < (z + 1) * cx * cy; i++) { _re[i] = (float)rng.NextGaussian(); _im[i] = (float)rng.NextGaussian(); }
        });
        int nx = _grid.NX, ny = _grid.NY, nz = _grid.NZ;
        float s = (float)sigma;
        Parallel.For(0, nz, z =>
        {
            int kz = _iz[z];
            float wz = _wz[z];
            for (int y = 0; y < ny; y++)
            {
                int ky = _iy[y];
                float wy = _wy[y], vyz = _vy[y] * _vz[z];
                int r00 = (kz * cy + ky) * cx, r01 = (kz * cy + ky + 1) * cx, r10 = ((kz + 1) * cy + ky) * cx, r11 = ((kz + 1) * cy + ky + 1) * cx;
                int o = (z * ny + y) * nx;
                for (int x = 0; x < nx; x++)
                {
                    int kx = _ix[x];
                    float wx = _wx[x];
                    float norm = s / MathF.Sqrt(_vx[x] * vyz);
                    float nr = Interpolate(_re, kx, wx, wy, wz, r00, r01, r10, r11) * norm;
                    float ni = Interpolate(_im, kx, wx, wy, wz, r00, r01, r10, r11) * norm;
                    float a = data[o + x] + nr;
                    data[o + x] = MathF.Sqrt(a * a + ni * ni);
                }
            }
        });
    }

    static float Interpolate(float[] v, int kx, float wx, float wy, float wz, int r00, int r01, int r10, int r11)
    {
        float c00 = v[r00 + kx] + wx * (v[r00 + kx + 1] - v[r00 + kx]);
        float c01 = v[r01 + kx] + wx * (v[r01 + kx + 1] - v[r01 + kx]);
        float c10 = v[r10 + kx] + wx * (v[r10 + kx + 1] - v[r10 + kx]);
        float c11 = v[r11 + kx] + wx * (v[r11 + kx + 1] - v[r11 + kx]);
        float c0 = c00 + wy * (c01 - c00), c1 = c10 + wy * (c11 - c10);
        return c0 + wz * (c1 - c0);
    }
}
