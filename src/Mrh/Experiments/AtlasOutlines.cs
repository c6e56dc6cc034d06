using Mrh.Imaging;
using Mrh.Phantom;
using Mrh.Plots;

namespace Mrh.Experiments;

/// <summary>Outlines of named atlas structures (<see cref="StructureLabel"/>) on a section, for slice figures.</summary>
public static class AtlasOutlines
{
    /// <summary>
    /// The outlines of <paramref name="structures"/> on section <paramref name="index"/> of <paramref name="labels"/>
    /// (none when the data have no labels), each in its own colour of <see cref="Palette.Series"/>.
    /// </summary>
    public static IReadOnlyList<StructureOutline> On(Volume? labels, AnatomicalPlane plane, int index, params StructureLabel[] structures)
    {
        if (labels is null) return [];
        var section = labels.Slice(plane, index);
        return structures.Select((s, i) => StructureOutline.Of(section, (int)s, s.Name(), Palette.SeriesColor(i + 1))).ToArray();
    }

    /// <summary><paramref name="image"/> (section <paramref name="index"/> in <paramref name="plane"/>) with the outlines of <paramref name="structures"/> over it.</summary>
    public static SliceImage Outlined(this SliceImage image, Volume? labels, AnatomicalPlane plane, int index, params StructureLabel[] structures) =>
        image.WithOutlines(On(labels, plane, index, structures));
}
