namespace Mrh.Plots;

/// <summary>
/// A scale bar on a section in millimetres: a line <see cref="LengthMm"/> long from (<see cref="X0Mm"/>,
/// <see cref="YMm"/>), in the panel's own axis coordinates (the axes of <see cref="SlicePanels"/> are in mm), so
/// that it spans <c>LengthMm / pixel width</c> pixels of the image.
/// </summary>
public sealed record ScaleBar(double LengthMm, double X0Mm, double YMm)
{
    public double X1Mm => X0Mm + LengthMm;

    /// <summary>"1 mm", "0.5 mm", "2 mm".</summary>
    public string Label => $"{LengthMm.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture)} mm";

    /// <summary>How many of the image's pixels the bar spans.</summary>
    public double LengthInPixels(double pixelWidthMm) => LengthMm / pixelWidthMm;

    /// <summary>
    /// The longest of 0.1, 0.2, 0.5, 1, 2, 5, 10 mm that is at most a quarter of <paramref name="widthMm"/>
    /// (the shortest when even that is longer).
    /// </summary>
    public static double NiceLength(double widthMm)
    {
        double[] steps = [0.1, 0.2, 0.5, 1, 2, 5, 10];
        double best = steps[0];
        foreach (var s in steps) if (s <= widthMm / 4) best = s;
        return best;
    }

    /// <summary>The bar for an image: a nice length, in its lower-left corner (5% in from the left, 8% up from the bottom).</summary>
    public static ScaleBar For(SliceImage image, double? lengthMm = null)
    {
        double width = image.Section.Width * image.PixelWidthMm, height = image.Section.Height * image.PixelHeightMm;
        double length = lengthMm ?? NiceLength(width);
        if (!(length > 0)) throw new ArgumentException("a scale bar needs a positive length");
        return new ScaleBar(length, image.OriginXMm + 0.05 * width, image.OriginYMm + 0.92 * height);
    }
}
