using Mrh.Imaging;

namespace Mrh.Patches;

/// <summary>
/// Where the pixels of a k x k in-plane patch lie in a volume's flat arrays. Patches are cut in one
/// anatomical plane: patch row i runs along the plane's row axis and patch column j along its column
/// axis (see <see cref="AnatomicalAxes.InPlaneAxes"/>), centred on a voxel. Pixels outside the array
/// read as 0, and so do NaN/infinite values (as the authors replace NaN by 0).
/// </summary>
public readonly struct PatchGeometry
{
    /// <summary>Patch side length (odd).</summary>
    public int Size { get; }
    /// <summary>(Size - 1) / 2.</summary>
    public int Half => Size / 2;
    public AnatomicalPlane Plane { get; }
    public int NormalAxis { get; }
    public int ColumnAxis { get; }
    public int RowAxis { get; }
    readonly int _nx, _ny, _nz;

    public PatchGeometry(Volume like, AnatomicalPlane plane, int size)
    {
        if (size < 1 || size % 2 == 0) throw new ArgumentException($"patch size must be a positive odd number (got {size})");
        Size = size;
        Plane = plane;
        NormalAxis = like.Axes.NormalAxis(plane);
        (ColumnAxis, RowAxis) = like.Axes.InPlaneAxes(plane);
        _nx = like.NX; _ny = like.NY; _nz = like.NZ;
    }

    /// <summary>Flat-index step along array axis 0, 1 or 2.</summary>
    public int Stride(int axis) => axis switch { 0 => 1, 1 => _nx, 2 => _nx * _ny, _ => throw new ArgumentOutOfRangeException(nameof(axis)) };

    public int Extent(int axis) => axis switch { 0 => _nx, 1 => _ny, 2 => _nz, _ => throw new ArgumentOutOfRangeException(nameof(axis)) };

    /// <summary>Number of sections in the plane.</summary>
    public int SectionCount => Extent(NormalAxis);
    /// <summary>Section width (pixels along the column axis) and height (along the row axis).</summary>
    public int Width => Extent(ColumnAxis);
    public int Height => Extent(RowAxis);

    /// <summary>The voxel (x, y, z) at section <paramref name="section"/>, column and row.</summary>
    public (int X, int Y, int Z) Voxel(int section, int column, int row)
    {
        Span<int> p = stackalloc int[3];
        p[NormalAxis] = section; p[ColumnAxis] = column; p[RowAxis] = row;
        return (p[0], p[1], p[2]);
    }

    /// <summary>Flat voxel index of section/column/row.</summary>
    public int Index(int section, int column, int row) =>
        section * Stride(NormalAxis) + column * Stride(ColumnAxis) + row * Stride(RowAxis);

    /// <summary>True when the whole patch centred at (column, row) lies inside the section.</summary>
    public bool Inside(int column, int row) =>
        column - Half >= 0 && column + Half < Width && row - Half >= 0 && row + Half < Height;

    /// <summary>
    /// Copies one channel's k x k patch (row-major) centred at section/column/row into
    /// <paramref name="destination"/>; outside pixels and non-finite values become 0.
    /// </summary>
    public void Extract(float[] data, int section, int column, int row, Span<float> destination)
    {
        int h = Half, k = Size, w = Width, ht = Height;
        int cs = Stride(ColumnAxis), rs = Stride(RowAxis);
        int baseIndex = section * Stride(NormalAxis);
        if (column >= h && column + h < w && row >= h && row + h < ht)
        {
            // interior: no bounds checks
            int first = baseIndex + (column - h) * cs + (row - h) * rs;
            for (int i = 0, o = 0; i < k; i++)
            {
                int at = first + i * rs;
                for (int j = 0; j < k; j++, o++, at += cs)
                {
                    float v = data[at];
                    destination[o] = float.IsFinite(v) ? v : 0;
                }
            }
            return;
        }
        for (int i = 0; i < k; i++)
        {
            int r = row + i - h;
            for (int j = 0; j < k; j++)
            {
                int c = column + j - h;
                float v = 0;
                if (r >= 0 && r < ht && c >= 0 && c < w)
                {
                    v = data[baseIndex + c * cs + r * rs];
                    if (!float.IsFinite(v)) v = 0;
                }
                destination[i * k + j] = v;
            }
        }
    }

    /// <summary>Copies the patch of every channel, [C][k][k], into <paramref name="destination"/>.</summary>
    public void ExtractChannels(float[][] channels, int section, int column, int row, Span<float> destination)
    {
        int kk = Size * Size;
        for (int c = 0; c < channels.Length; c++)
            Extract(channels[c], section, column, row, destination.Slice(c * kk, kk));
    }
}
