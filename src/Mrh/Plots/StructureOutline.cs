using Mrh.Imaging;

namespace Mrh.Plots;

/// <summary>
/// The outline of one labelled structure on a section: the pixels of the structure that touch (4-neighbourhood)
/// a pixel of another label or the image's edge, as column and row indices, with the structure's name and a colour.
/// </summary>
public sealed record StructureOutline(string Name, int[] Columns, int[] Rows, string Color)
{
    /// <summary>The boundary pixels of <paramref name="label"/> on a section of integer labels (stored as floats).</summary>
    public static StructureOutline Of(Section labels, int label, string name, string color)
    {
        ArgumentNullException.ThrowIfNull(labels);
        var cols = new List<int>();
        var rows = new List<int>();
        bool Is(int c, int r) => c >= 0 && r >= 0 && c < labels.Width && r < labels.Height && (int)MathF.Round(labels[c, r]) == label;
        for (int r = 0; r < labels.Height; r++)
            for (int c = 0; c < labels.Width; c++)
                if (Is(c, r) && !(Is(c - 1, r) && Is(c + 1, r) && Is(c, r - 1) && Is(c, r + 1)))
                {
                    cols.Add(c);
                    rows.Add(r);
                }
        return new StructureOutline(name, cols.ToArray(), rows.ToArray(), color);
    }

    public bool IsEmpty => Columns.Length == 0;
}
