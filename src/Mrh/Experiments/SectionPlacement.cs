using System.Globalization;
using Mrh.Imaging;
using Mrh.Phantom;

namespace Mrh.Experiments;

/// <summary>
/// Where a section lies, in millimetres, for the text and the titles of slice figures. Coronal sections are placed
/// from bregma when the data has atlas labels with the anterior commissure: the commissure's crossing of the
/// midline lies at about bregma +<see cref="CommissureCrossingFromBregmaMm"/> mm in the mouse (Paxinos and Franklin's
/// atlas), so a section <c>d</c> mm behind the crossing is at bregma <c>0.1 − d</c> mm (negative = posterior). The
/// digital mouse brain has no skull, so this is an estimate by landmark, and the text says so. Without such labels,
/// and for horizontal and sagittal sections, the position is the distance from the first section of the volume.
/// </summary>
public sealed class SectionPlacement
{
    /// <summary>Bregma position of the anterior commissure's midline crossing (mm; anterior positive), about +0.1 mm.</summary>
    public const double CommissureCrossingFromBregmaMm = 0.1;

    readonly double[] _spacing;
    readonly AnatomicalAxes _axes;

    SectionPlacement(double[] spacing, AnatomicalAxes axes, double? crossingIndex)
    {
        _spacing = spacing;
        _axes = axes;
        CrossingIndex = crossingIndex;
    }

    /// <summary>The (fractional) coronal section index of the anterior commissure's midline crossing; null when not found.</summary>
    public double? CrossingIndex { get; }

    /// <summary>True when coronal sections are placed from (estimated) bregma.</summary>
    public bool FromBregma => CrossingIndex is not null;

    /// <summary>
    /// Placement for sections of volumes on the grid of <paramref name="labels"/> (atlas labels numbered as
    /// <see cref="StructureLabel"/>), or of <paramref name="like"/> when there are no labels.
    /// </summary>
    public static SectionPlacement For(Volume? labels, Volume like)
    {
        ArgumentNullException.ThrowIfNull(like);
        if (labels is null) return new SectionPlacement(like.Spacing, like.Axes, null);
        return new SectionPlacement(labels.Spacing, labels.Axes, CommissureCrossing(labels));
    }

    /// <summary>
    /// The mean anterior-posterior index of the anterior-commissure voxels closest to the midline (the left-right
    /// middle of the grid), or null when the labels have no anterior commissure.
    /// </summary>
    public static double? CommissureCrossing(Volume labels)
    {
        ArgumentNullException.ThrowIfNull(labels);
        var ax = labels.Axes;
        int[] n = [labels.NX, labels.NY, labels.NZ];
        double mid = (n[ax.LeftRight] - 1) / 2.0;
        var data = labels.Channels[0];
        double best = double.MaxValue, sum = 0;
        int count = 0;
        for (int z = 0; z < labels.NZ; z++)
            for (int y = 0; y < labels.NY; y++)
                for (int x = 0; x < labels.NX; x++)
                {
                    if ((int)MathF.Round(data[(z * labels.NY + y) * labels.NX + x]) != (int)StructureLabel.AnteriorCommissure) continue;
                    int[] i = [x, y, z];
                    double d = Math.Abs(i[ax.LeftRight] - mid);
                    if (d < best - 1e-9) { best = d; sum = 0; count = 0; }
                    if (Math.Abs(d - best) <= 1e-9) { sum += i[ax.AnteriorPosterior]; count++; }
                }
        return count == 0 ? null : sum / count;
    }

    /// <summary>
    /// Millimetres of section <paramref name="index"/>: from bregma for coronal sections where the crossing is known
    /// (anterior positive), else from the volume's first section along the plane's normal.
    /// </summary>
    public double Mm(AnatomicalPlane plane, int index)
    {
        int axis = _axes.NormalAxis(plane);
        if (plane == AnatomicalPlane.Coronal && CrossingIndex is double crossing)
            return CommissureCrossingFromBregmaMm - (index - crossing) * _spacing[axis];
        return index * _spacing[axis];
    }

    /// <summary>"bregma −1.90 mm" or "2.40 mm from the first horizontal section".</summary>
    public string Describe(AnatomicalPlane plane, int index)
    {
        double mm = Mm(plane, index);
        if (plane == AnatomicalPlane.Coronal && FromBregma)
            return string.Create(CultureInfo.InvariantCulture, $"bregma {(mm >= 0 ? "+" : "−")}{Math.Abs(mm):0.00} mm");
        string name = plane.ToString().ToLowerInvariant();
        return string.Create(CultureInfo.InvariantCulture, $"{mm:0.00} mm from the first {name} section");
    }

    /// <summary>One sentence on how sections are placed, for a notebook's text.</summary>
    public string Explanation => FromBregma
        ? "Coronal sections are placed in mm from bregma (negative = behind bregma), estimated from a landmark: the anterior commissure " +
          $"crosses the midline at about bregma +{CommissureCrossingFromBregmaMm.ToString(CultureInfo.InvariantCulture)} mm in the mouse; the data have no skull, so bregma itself is not visible."
        : "These data have no atlas labels with the anterior commissure, so sections are placed in mm from the volume's first section.";
}
