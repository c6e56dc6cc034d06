namespace Mrh.Imaging;

/// <summary>A rectangle of a <see cref="Section"/>: first column and row, width and height in pixels.</summary>
public sealed record SectionWindow(int Column, int Row, int Width, int Height)
{
    /// <summary>
    /// The smallest window holding every pixel of <paramref name="mask"/> above 0.5, grown by <paramref name="margin"/>
    /// pixels on each side and clipped to the section; null when no pixel is set.
    /// </summary>
    public static SectionWindow? Around(Section mask, int margin = 0)
    {
        ArgumentNullException.ThrowIfNull(mask);
        if (margin < 0) throw new ArgumentOutOfRangeException(nameof(margin), "the margin cannot be negative");
        int c0 = int.MaxValue, r0 = int.MaxValue, c1 = -1, r1 = -1;
        for (int r = 0; r < mask.Height; r++)
            for (int c = 0; c < mask.Width; c++)
                if (mask[c, r] > 0.5f) { c0 = Math.Min(c0, c); c1 = Math.Max(c1, c); r0 = Math.Min(r0, r); r1 = Math.Max(r1, r); }
        if (c1 < 0) return null;
        c0 = Math.Max(0, c0 - margin); r0 = Math.Max(0, r0 - margin);
        c1 = Math.Min(mask.Width - 1, c1 + margin); r1 = Math.Min(mask.Height - 1, r1 + margin);
        return new SectionWindow(c0, r0, c1 - c0 + 1, r1 - r0 + 1);
    }
}
