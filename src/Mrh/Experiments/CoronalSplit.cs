using Mrh.Analysis;
using Mrh.Imaging;

namespace Mrh.Experiments;

/// <summary>
/// Fig. 4A: the volume cut into two parts along the anterior-posterior axis, as the paper separates the 3D
/// Nissl data: a training block of whole coronal sections and a test part of the remaining sections. Patches
/// are coronal (in-plane), so a patch centred in one part never reads a voxel of the other: training and test
/// voxels are disjoint by construction.
/// </summary>
public sealed record CoronalSplit(int[] TrainSections, int[] TestSections)
{
    /// <summary>
    /// The first <paramref name="trainFraction"/> of the sections between the first and last that hold brain
    /// (rounded, at least one) train; the rest of that range tests.
    /// </summary>
    public static CoronalSplit Blocks(Volume like, bool[] brain, double trainFraction)
    {
        if (!(trainFraction > 0 && trainFraction < 1)) throw new MrhException($"the training fraction must be between 0 and 1 (got {trainFraction})");
        var has = SectionsWithBrain(like, brain);
        int first = Array.IndexOf(has, true), last = Array.LastIndexOf(has, true);
        if (first < 0) throw new MrhException("the brain mask is empty");
        int n = last - first + 1;
        int train = Math.Clamp((int)Math.Round(trainFraction * n), 1, n - 1);
        if (n < 2) throw new MrhException("the brain spans a single coronal section; it cannot be split");
        return new CoronalSplit(Enumerable.Range(first, train).ToArray(), Enumerable.Range(first + train, n - train).ToArray());
    }

    /// <summary>Brain voxels in the training sections.</summary>
    public bool[] TrainMask(Volume like, bool[] brain) => Restrict(like, brain, TrainSections);

    /// <summary>Brain voxels in the test sections.</summary>
    public bool[] TestMask(Volume like, bool[] brain) => Restrict(like, brain, TestSections);

    /// <summary>
    /// <paramref name="count"/> test sections evenly spaced through the test part (all when 0 or more than
    /// there are): where the networks are evaluated.
    /// </summary>
    public int[] EvaluationSections(int count) => Evenly(TestSections, count);

    /// <summary>The middle section of the training part and of the test part (for the figures).</summary>
    public (int Train, int Test) MiddleSections => (TrainSections[TrainSections.Length / 2], TestSections[TestSections.Length / 2]);

    /// <summary><paramref name="count"/> of <paramref name="sections"/> at evenly spaced positions (all when 0 or too many).</summary>
    public static int[] Evenly(IReadOnlyList<int> sections, int count) =>
        count <= 0 || count >= sections.Count
            ? sections.ToArray()
            : Enumerable.Range(0, count).Select(k => sections[(int)((k + 0.5) * sections.Count / count)]).Distinct().ToArray();

    /// <summary>Brain voxels whose coronal section is one of <paramref name="sections"/>.</summary>
    public static bool[] Restrict(Volume like, bool[] brain, IEnumerable<int> sections)
    {
        if (brain.Length != like.VoxelCount) throw new MrhException($"the mask has {brain.Length} voxels, the volume {like.VoxelCount}");
        var keep = sections.ToHashSet();
        return VoxelMask.KeepAlong(like, brain, like.Axes.NormalAxis(AnatomicalPlane.Coronal), keep.Contains);
    }

    /// <summary>For each coronal section, whether it holds a voxel of <paramref name="mask"/>.</summary>
    public static bool[] SectionsWithBrain(Volume like, bool[] mask) =>
        VoxelMask.CountAlong(like, mask, like.Axes.NormalAxis(AnatomicalPlane.Coronal)).Select(c => c > 0).ToArray();
}
