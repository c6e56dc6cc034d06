using Mrh.Analysis;
using Mrh.Imaging;

namespace Mrh.Tests.Analysis;

public class PixelMismatchTests
{
    // 0.1 mm voxels: the 1 mm grid is 10 voxels
    static Volume Grid(int nx = 40, int ny = 36, int nz = 6, Func<int, int, int, float>? f = null)
    {
        var data = new float[nx * ny * nz];
        for (int z = 0; z < nz; z++)
            for (int y = 0; y < ny; y++)
                for (int x = 0; x < nx; x++)
                    data[(z * ny + y) * nx + x] = f?.Invoke(x, y, z) ?? 0;
        return new Volume(nx, ny, nz, [data], [0.1, 0.1, 0.1]);
    }

    [Fact]
    public void BSplineWeightsArePartitionOfUnity()
    {
        Span<double> w = stackalloc double[4];
        foreach (double t in new[] { 0, 0.25, 0.5, 0.99 })
        {
            CubicBSpline.Weights(t, w);
            Assert.Equal(1, w[0] + w[1] + w[2] + w[3], 14);
            // the curve reproduces linear functions: sum_k w_k (k - 1) = t
            Assert.Equal(t, -w[0] + w[2] + 2 * w[3], 14);
        }
        CubicBSpline.Weights(0, w);
        Assert.Equal([1 / 6.0, 4 / 6.0, 1 / 6.0, 0], w.ToArray());
    }

    [Fact]
    public void FieldHasTheTargetMeanLiesInPlaneAndIsChiLike()
    {
        var v = Grid(60, 60, 8);
        var field = PixelMismatch.RandomField(v, new PixelMismatchOptions(MeanDisplacementVoxels: 1.5, Seed: 3));
        Assert.Equal(1.5, field.MeanMagnitude(), 5);
        Assert.All(field.Dz, d => Assert.Equal(0, d)); // coronal sections: z (anterior-posterior) is the normal
        // Rayleigh (chi, 2 dof) has SD / mean = sqrt(4 / pi - 1) = 0.523; a B-spline blend of Gaussians
        // stays Gaussian per component, with a variance that varies a little with the position on the grid
        var m = field.Magnitudes();
        double mean = m.Average(x => (double)x), sd = Math.Sqrt(m.Average(x => (x - mean) * (x - mean)));
        Assert.InRange(sd / mean, 0.45, 0.62);

        // sagittal: the normal is x
        var sag = PixelMismatch.RandomField(v, new PixelMismatchOptions(Plane: AnatomicalPlane.Sagittal, Seed: 3));
        Assert.All(sag.Dx, d => Assert.Equal(0, d));
        Assert.Contains(sag.Dz, d => d != 0);
    }

    [Fact]
    public void FieldIsSmoothOnTheGridScaleAndSeeded()
    {
        var v = Grid(60, 60, 3);
        var o = new PixelMismatchOptions(Seed: 8);
        var a = PixelMismatch.RandomField(v, o);
        // neighbouring voxels (0.1 of the 1 mm grid apart) move almost together
        double num = 0, den = 0;
        for (int z = 0; z < 3; z++)
            for (int y = 0; y < 60; y++)
                for (int x = 0; x < 59; x++)
                {
                    int i = v.Index(x, y, z);
                    num += a.Dx[i] * a.Dx[i + 1]; den += a.Dx[i] * a.Dx[i];
                }
        Assert.True(num / den > 0.95, $"neighbour correlation {num / den}");
        Assert.Equal(a.Dx, PixelMismatch.RandomField(v, o).Dx);
        Assert.NotEqual(a.Dx, PixelMismatch.RandomField(v, o with { Seed = 9 }).Dx);
        // sections are independent: section 0 and 1 differ
        Assert.NotEqual(a.Dx.AsSpan(0, 3600).ToArray(), a.Dx.AsSpan(3600, 3600).ToArray());
    }

    [Fact]
    public void ResamplingPullsFromTheDisplacedPositionTrilinearly()
    {
        var v = Grid(f: (x, y, z) => x * x + 10 * y);
        // one voxel in +x: out(x) = in(x + 1)
        var shifted = PixelMismatch.Apply(v, DisplacementField.Constant(v.NX, v.NY, v.NZ, 1, 0, 0));
        Assert.Equal(v[6, 4, 2], shifted[5, 4, 2]);
        Assert.Equal(v[v.NX - 1, 4, 2], shifted[v.NX - 1, 4, 2]); // clamped at the edge
        // half a voxel in x and y: the average of the four neighbours (bilinear)
        var half = PixelMismatch.Apply(v, DisplacementField.Constant(v.NX, v.NY, v.NZ, 0.5f, 0.5f, 0));
        float expected = (v[5, 4, 2] + v[6, 4, 2] + v[5, 5, 2] + v[6, 5, 2]) / 4;
        Assert.Equal(expected, half[5, 4, 2], 3);
    }

    [Fact]
    public void LinearImagesMoveByExactlyTheField()
    {
        // trilinear interpolation reproduces a linear image: out = in + 2 dx + 3 dy inside the grid
        var v = Grid(60, 60, 2, (x, y, z) => 2 * x + 3 * y);
        var (moved, field) = PixelMismatch.Simulate(v, new PixelMismatchOptions(MeanDisplacementVoxels: 1, Seed: 1));
        for (int y = 5; y < 55; y++)
            for (int x = 5; x < 55; x++)
            {
                int i = v.Index(x, y, 1);
                Assert.Equal(v.Channels[0][i] + 2.0 * field.Dx[i] + 3.0 * field.Dy[i], moved.Channels[0][i], 1e-3);
            }
        // zero mean displacement leaves the image unchanged
        var (same, _) = PixelMismatch.Simulate(v, new PixelMismatchOptions(MeanDisplacementVoxels: 0));
        Assert.Equal(v.Channels[0], same.Channels[0]);
    }
}
