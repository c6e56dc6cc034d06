namespace Mrh.Imaging;

/// <summary>A 2D section of one channel: <see cref="Width"/> columns by <see cref="Height"/> rows, row-major.</summary>
public sealed record Section(int Width, int Height, float[] Pixels)
{
    public float this[int column, int row] => Pixels[row * Width + column];

    /// <summary>The section as rows of values (for Plotly heatmaps: z[row][column]).</summary>
    public float[][] ToRows()
    {
        var rows = new float[Height][];
        for (int r = 0; r < Height; r++) rows[r] = Pixels.AsSpan(r * Width, Width).ToArray();
        return rows;
    }
}
