using Mrh.Imaging;

namespace Mrh.Tests.Imaging;

public class ResamplingTests
{
    static double Linear(double x, double y, double z) => 3 + 2 * x - 0.5 * y + 0.25 * z;

    /// <summary>A volume whose value is a linear function of world position (affine with an offset).</summary>
    static Volume LinearVolume(int nx, int ny, int nz, double[] spacing, double[] origin)
    {
        var a = Volume.DiagonalAffine(spacing);
        a[3] = origin[0]; a[7] = origin[1]; a[11] = origin[2];
        var data = new float[nx * ny * nz];
        for (int z = 0; z < nz; z++) for (int y = 0; y < ny; y++) for (int x = 0; x < nx; x++)
            data[(z * ny + y) * nx + x] = (float)Linear(a[0] * x + a[3], a[5] * y + a[7], a[10] * z + a[11]);
        return new Volume(nx, ny, nz, [data], spacing, a);
    }

    [Fact]
    public void TrilinearReproducesALinearFieldAtTheSameWorldPositions()
    {
        var v = LinearVolume(8, 6, 5, [0.2, 0.3, 0.4], [1, -2, 0.5]);
        var up = Resampling.ToSpacing(v, [0.1, 0.15, 0.2]);
        Assert.Equal((16, 12, 10), (up.NX, up.NY, up.NZ));
        Assert.Equal([0.1, 0.15, 0.2], up.Spacing);
        var a = up.Affine;
        int checkedVoxels = 0;
        for (int z = 1; z < up.NZ - 1; z++) for (int y = 1; y < up.NY - 1; y++) for (int x = 1; x < up.NX - 1; x++)
        {
            // inside the input's voxel centres the interpolation is exact for a linear function
            double wx = a[0] * x + a[3], wy = a[5] * y + a[7], wz = a[10] * z + a[11];
            Assert.Equal(Linear(wx, wy, wz), up[x, y, z], 4);
            checkedVoxels++;
        }
        Assert.True(checkedVoxels > 500);
    }

    [Fact]
    public void DownsamplingByTwoAveragesPairsAndKeepsTheFieldOfView()
    {
        var data = Enumerable.Range(0, 4).Select(i => (float)(i * i)).ToArray(); // 0 1 4 9 along x
        var v = new Volume(4, 1, 1, [data], [0.5, 1, 1]);
        var down = Resampling.ToSize(v, 2, 1, 1);
        Assert.Equal([0.5f, 6.5f], down.Channels[0]);            // midpoints of (0,1) and (4,9)
        Assert.Equal(1.0, down.Spacing[0]);
        Assert.Equal(0.25, down.Affine[3], 12);                   // centre of old voxels 0 and 1: 0.25 mm
        Assert.Equal(4 * 0.5, down.NX * down.Spacing[0]);         // same extent
    }

    [Fact]
    public void SameSizeIsTheIdentityAndNearestKeepsLabels()
    {
        var labels = Enumerable.Range(0, 60).Select(i => (float)(i % 7)).ToArray();
        var v = new Volume(5, 4, 3, [labels], [1, 1, 1]);
        Assert.Equal(labels, Resampling.ToSize(v, 5, 4, 3).Channels[0]);
        var nn = Resampling.ToSpacing(v, [0.5, 0.5, 0.5], Interpolation.Nearest);
        Assert.Subset(labels.ToHashSet(), nn.Channels[0].ToHashSet());
        Assert.Equal(v[2, 1, 1], nn[4, 2, 2]);
        Assert.Equal(v[2, 1, 1], nn[5, 3, 3]);
    }

    [Fact]
    public void KeepsChannelsNamesAndAxes()
    {
        var v = new Volume(2, 2, 2, [new float[8], Enumerable.Repeat(5f, 8).ToArray()], channelNames: ["a", "b"], axes: new AnatomicalAxes(2, 1, 0));
        var r = Resampling.ToSize(v, 3, 3, 3);
        Assert.Equal(["a", "b"], r.ChannelNames);
        Assert.Equal(new AnatomicalAxes(2, 1, 0), r.Axes);
        Assert.All(r.Channels[1], x => Assert.Equal(5f, x));
        Assert.Throws<ArgumentException>(() => Resampling.ToSpacing(v, [0, 1, 1]));
    }
}
