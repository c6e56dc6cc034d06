using Mrh.Imaging;
using Mrh.Patches;

namespace Mrh.Tests.Patches;

public class PatchGeometryTests
{
    /// <summary>A volume whose value encodes its voxel: x + 100 y + 10000 z (+ 1, so 0 means "outside").</summary>
    static Volume Coded(int nx, int ny, int nz, AnatomicalAxes? axes = null)
    {
        var d = new float[nx * ny * nz];
        for (int z = 0; z < nz; z++)
            for (int y = 0; y < ny; y++)
                for (int x = 0; x < nx; x++) d[(z * ny + y) * nx + x] = 1 + x + 100 * y + 10000 * z;
        return new Volume(nx, ny, nz, [d], axes: axes);
    }

    static float Code(int x, int y, int z) => 1 + x + 100 * y + 10000 * z;

    [Theory]
    // atlas axes: coronal rows = y (DV), columns = x (LR); horizontal rows = z (AP), columns = x; sagittal rows = y, columns = z
    [InlineData(AnatomicalPlane.Coronal, 1, 0, 0, 0, 1, 0)]
    [InlineData(AnatomicalPlane.Horizontal, 1, 0, 0, 0, 0, 1)]
    [InlineData(AnatomicalPlane.Sagittal, 0, 0, 1, 0, 1, 0)]
    public void PatchPixelsAreTheInPlaneNeighbours(AnatomicalPlane plane, int cx, int cy, int cz, int rx, int ry, int rz)
    {
        var v = Coded(7, 6, 5);
        var g = new PatchGeometry(v, plane, 3);
        int x = 3, y = 2, z = 2;
        // section / column / row of voxel (3, 2, 2)
        int[] p = [x, y, z];
        var buf = new float[9];
        g.Extract(v.Channels[0], p[g.NormalAxis], p[g.ColumnAxis], p[g.RowAxis], buf);
        for (int i = 0; i < 3; i++)
            for (int j = 0; j < 3; j++)
                Assert.Equal(Code(x + (j - 1) * cx + (i - 1) * rx, y + (j - 1) * cy + (i - 1) * ry, z + (j - 1) * cz + (i - 1) * rz), buf[i * 3 + j]);
        Assert.Equal((x, y, z), g.Voxel(p[g.NormalAxis], p[g.ColumnAxis], p[g.RowAxis]));
    }

    [Fact]
    public void PlanesFollowTheVolumesAxesNotTheArrayOrder()
    {
        // array axis 0 = anterior-posterior, 1 = left-right, 2 = dorsal-ventral
        var v = Coded(5, 6, 7, new AnatomicalAxes(LeftRight: 1, DorsalVentral: 2, AnteriorPosterior: 0));
        var g = new PatchGeometry(v, AnatomicalPlane.Coronal, 3);
        Assert.Equal((0, 1, 2), (g.NormalAxis, g.ColumnAxis, g.RowAxis));
        var buf = new float[9];
        g.Extract(v.Channels[0], 2, 3, 4, buf); // x = 2 (AP), y = 3 (LR), z = 4 (DV)
        Assert.Equal(Code(2, 2, 3), buf[0]); // row - 1 (z - 1), column - 1 (y - 1)
        Assert.Equal(Code(2, 4, 5), buf[8]);
    }

    [Fact]
    public void OutsideTheArrayAndNonFiniteValuesReadAsZero()
    {
        var v = Coded(4, 4, 3);
        v.Channels[0][v.Index(1, 0, 0)] = float.NaN;
        var g = new PatchGeometry(v, AnatomicalPlane.Coronal, 3);
        var buf = new float[9];
        g.Extract(v.Channels[0], 0, 0, 0, buf); // corner voxel (0, 0, 0)
        Assert.Equal([0, 0, 0, 0, Code(0, 0, 0), 0, 0, Code(0, 1, 0), Code(1, 1, 0)], buf);
        Assert.False(g.Inside(0, 0));
        Assert.True(g.Inside(1, 1));
    }

    [Fact]
    public void EvenPatchSizesAreRejected() =>
        Assert.Throws<ArgumentException>(() => new PatchGeometry(Coded(4, 4, 4), AnatomicalPlane.Coronal, 4));
}
