using Mrh.Imaging;

namespace Mrh.Phantom;

/// <summary>
/// The voxel grid of the phantom in the atlas frame: array axis 0 = x (left-right), 1 = y (dorsal to
/// ventral), 2 = z (anterior to posterior). World coordinates are millimetres with x = 0 on the midline,
/// y = 0 at the dorsal edge of the field of view and z = 0 at its anterior edge; voxel i of an axis has its
/// centre at <c>origin + i * spacing</c>.
/// </summary>
public sealed record PhantomGrid(int NX, int NY, int NZ, double Spacing, double OriginX, double OriginY, double OriginZ)
{
    /// <summary>The grid covering a field of view (mm) at a spacing (mm), centred left-right on the midline.</summary>
    public static PhantomGrid Covering(double fovX, double fovY, double fovZ, double spacing)
    {
        int nx = Math.Max(1, (int)Math.Round(fovX / spacing));
        int ny = Math.Max(1, (int)Math.Round(fovY / spacing));
        int nz = Math.Max(1, (int)Math.Round(fovZ / spacing));
        return new PhantomGrid(nx, ny, nz, spacing, -0.5 * (nx - 1) * spacing, 0.5 * spacing, 0.5 * spacing);
    }

    public int VoxelCount => NX * NY * NZ;
    public double X(int i) => OriginX + i * Spacing;
    public double Y(int j) => OriginY + j * Spacing;
    public double Z(int k) => OriginZ + k * Spacing;
    public int Index(int x, int y, int z) => (z * NY + y) * NX + x;

    /// <summary>Nearest voxel index along each axis of a world position (clamped).</summary>
    public int IndexX(double x) => Math.Clamp((int)Math.Round((x - OriginX) / Spacing), 0, NX - 1);
    public int IndexY(double y) => Math.Clamp((int)Math.Round((y - OriginY) / Spacing), 0, NY - 1);
    public int IndexZ(double z) => Math.Clamp((int)Math.Round((z - OriginZ) / Spacing), 0, NZ - 1);

    /// <summary>Voxel-to-world transform (row-major 4x4).</summary>
    public double[] Affine =>
    [
        Spacing, 0, 0, OriginX,
        0, Spacing, 0, OriginY,
        0, 0, Spacing, OriginZ,
        0, 0, 0, 1,
    ];

    /// <summary>A volume on this grid with the given channels.</summary>
    public Volume CreateVolume(float[][] channels, string[] names) =>
        new(NX, NY, NZ, channels, [Spacing, Spacing, Spacing], Affine, names, AnatomicalAxes.Atlas);

    public Volume CreateVolume(float[] channel, string name) => CreateVolume([channel], [name]);

    public override string ToString() => $"{NX}x{NY}x{NZ} @ {Spacing:0.###} mm";
}
