using Mrh.Analysis;
using Mrh.Imaging;

namespace Mrh.Experiments;

/// <summary>The voxels where networks are evaluated: a brain mask restricted to evenly spaced coronal sections.</summary>
public static class EvaluationRegion
{
    /// <summary>
    /// <paramref name="sections"/> coronal sections evenly spaced between the first and last section that
    /// hold brain (all sections when 0); returns the restricted mask and the section indices.
    /// </summary>
    public static (bool[] Mask, int[] Sections) Coronal(Volume like, bool[] brain, int sections)
    {
        int axis = like.Axes.NormalAxis(AnatomicalPlane.Coronal);
        var has = VoxelMask.CountAlong(like, brain, axis).Select(c => c > 0).ToArray();
        int first = Array.IndexOf(has, true), last = Array.LastIndexOf(has, true);
        if (first < 0) throw new MrhException("the brain mask is empty");
        int[] chosen = sections <= 0 || sections >= last - first + 1
            ? Enumerable.Range(first, last - first + 1).Where(i => has[i]).ToArray()
            : Enumerable.Range(0, sections).Select(k => first + (int)Math.Round((k + 0.5) * (last - first) / sections)).Distinct().ToArray();
        var mask = VoxelMask.KeepAlong(like, brain, axis, chosen.Contains);
        return (mask, chosen);
    }
}
