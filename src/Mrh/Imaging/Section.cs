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

    /// <summary>The pixels inside <paramref name="window"/>, which must lie within the section.</summary>
    public Section Crop(SectionWindow window)
    {
        ArgumentNullException.ThrowIfNull(window);
        if (window.Column < 0 || window.Row < 0 || window.Width < 1 || window.Height < 1 ||
            window.Column + window.Width > Width || window.Row + window.Height > Height)
            throw new ArgumentOutOfRangeException(nameof(window), $"window {window} does not fit a {Width} x {Height} section");
        var pixels = new float[window.Width * window.Height];
        for (int r = 0; r < window.Height; r++)
            Pixels.AsSpan((window.Row + r) * Width + window.Column, window.Width).CopyTo(pixels.AsSpan(r * window.Width, window.Width));
        return new Section(window.Width, window.Height, pixels);
    }
}
