using Mrh.Analysis;
using Mrh.Imaging;
using Mrh.Phantom;

namespace Mrh.Experiments;

/// <summary>
/// The regions of Fig. 3, cut from atlas structure labels (<see cref="StructureLabel"/> values): the
/// whole brain, the cortex, the hippocampus, the white matter (fibre tracts) and cortex + hippocampus,
/// each restricted to a given set of voxels (e.g. the evaluation sections of an animal).
/// </summary>
public static class BrainRegions
{
    public const string WholeBrain = "whole brain", Cortex = "cortex", Hippocampus = "hippocampus",
        WhiteMatter = "white matter", CortexHippocampus = "cortex/hippocampus", CorpusCallosum = "corpus callosum";

    /// <summary>The voxels of <paramref name="within"/> whose label satisfies <paramref name="keep"/>.</summary>
    public static bool[] Where(Volume labels, bool[] within, Func<StructureLabel, bool> keep)
    {
        var l = labels.Channels[0];
        if (l.Length != within.Length) throw new MrhException($"the labels have {l.Length} voxels, the region {within.Length}");
        var r = new bool[within.Length];
        for (int i = 0; i < r.Length; i++) r[i] = within[i] && keep((StructureLabel)(byte)Math.Round(l[i]));
        return r;
    }

    /// <summary>Whole brain (every voxel of <paramref name="within"/>), cortex and hippocampus: the ROC regions of Fig. 3B, F, G.</summary>
    public static IReadOnlyList<(string Name, bool[] Voxels)> RocRegions(Volume labels, bool[] within) =>
    [
        (WholeBrain, within),
        (Cortex, Where(labels, within, l => l == StructureLabel.Cortex)),
        (Hippocampus, Where(labels, within, l => l == StructureLabel.Hippocampus)),
    ];

    /// <summary>Whole brain, white matter and cortex/hippocampus: the regions of the contributions of Fig. 3H.</summary>
    public static IReadOnlyList<(string Name, bool[] Voxels)> ContributionRegions(Volume labels, bool[] within) =>
    [
        (WholeBrain, within),
        (WhiteMatter, Where(labels, within, l => l.IsWhiteMatter())),
        (CortexHippocampus, Where(labels, within, l => l is StructureLabel.Cortex or StructureLabel.Hippocampus)),
    ];

    /// <summary>The corpus callosum / external capsule (Fig. 3E).</summary>
    public static bool[] CorpusCallosumOf(Volume labels, bool[] within) => Where(labels, within, l => l == StructureLabel.CorpusCallosum);

    /// <summary>The voxels of <paramref name="within"/> on one section (index along <paramref name="plane"/>'s normal).</summary>
    public static bool[] Section(Volume like, bool[] within, AnatomicalPlane plane, int index) =>
        VoxelMask.KeepAlong(like, within, like.Axes.NormalAxis(plane), s => s == index);

    /// <summary>The section (of <paramref name="sections"/>, along <paramref name="plane"/>'s normal) holding the most voxels of <paramref name="region"/>.</summary>
    public static int RichestSection(Volume like, bool[] region, IReadOnlyList<int> sections, AnatomicalPlane plane = AnatomicalPlane.Coronal)
    {
        if (sections.Count == 0) throw new MrhException("no sections to choose from");
        var count = VoxelMask.CountAlong(like, region, like.Axes.NormalAxis(plane));
        return sections.OrderByDescending(s => count[s]).ThenBy(s => s).First();
    }

    /// <summary>
    /// The voxels of <paramref name="region"/> in the half of the volume with the lower left-right index (one
    /// hemisphere, for an enlarged view of a structure that spans both, such as the cortex).
    /// </summary>
    public static bool[] OneHemisphere(Volume like, bool[] region)
    {
        int axis = like.Axes.LeftRight, half = like.Size(axis) / 2;
        return VoxelMask.KeepAlong(like, region, axis, s => s < half);
    }

    /// <summary>
    /// The window of section <paramref name="index"/> (of <paramref name="plane"/>) around the voxels of
    /// <paramref name="region"/> there, grown by <paramref name="margin"/> pixels (Fig. 3F-G's enlarged views); a
    /// clear error when the region is not on that section.
    /// </summary>
    public static SectionWindow Window(Volume like, bool[] region, AnatomicalPlane plane, int index, int margin = 3)
    {
        var mask = Volume.FromArray(like, region.Select(b => b ? 1f : 0f).ToArray(), "region");
        return SectionWindow.Around(mask.Slice(plane, index), margin)
            ?? throw new MrhException($"the region has no voxels on {plane.ToString().ToLowerInvariant()} section {index}");
    }
}
