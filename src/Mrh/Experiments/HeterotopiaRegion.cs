using Mrh.Analysis;
using Mrh.Imaging;

namespace Mrh.Experiments;

/// <summary>
/// Fig. 4F: where the mutants have dense neurons that the controls lack, read from the Nissl histology (as the
/// paper's dashed lines mark the heterotopia on the stained sections). A voxel of the common brain mask belongs
/// to the region when the mutants' mean Nissl exceeds the controls' mean by more than
/// <c>fraction</c> of the controls' cell-dense/cell-sparse contrast (the difference between the mean Nissl
/// above and at-or-below the controls' Otsu threshold), and of those voxels the largest 6-connected component is
/// kept (the heterotopia is one continuous band; differences of anatomy and registration elsewhere are scattered).
/// MRH-Nissl maps are then compared inside this region.
/// </summary>
public sealed record HeterotopiaRegion(bool[] Mask, int[] Sections, double Threshold, double Contrast)
{
    public int Voxels => Mask.Count(b => b);

    /// <summary>The region's outline on section <paramref name="index"/> in <paramref name="plane"/> of volumes shaped like <paramref name="like"/>.</summary>
    public Plots.StructureOutline Outline(Volume like, AnatomicalPlane plane, int index) =>
        Plots.StructureOutline.Of(Volume.FromArray(like, Mask.Select(b => b ? 1f : 0f).ToArray(), "heterotopia").Slice(plane, index), 1,
            "heterotopia region", Plots.Palette.Series[1]);

    /// <summary>The section holding the most region voxels (for the figure).</summary>
    public int LargestSection(Volume like)
    {
        var count = VoxelMask.CountAlong(like, Mask, like.Axes.NormalAxis(AnatomicalPlane.Coronal));
        return Array.IndexOf(count, count.Max());
    }

    public static HeterotopiaRegion Compute(IReadOnlyList<Volume> mutantNissl, IReadOnlyList<Volume> controlNissl, bool[] brain, double fraction = 0.5)
    {
        if (mutantNissl.Count == 0 || controlNissl.Count == 0) throw new MrhException("the heterotopia region needs Nissl of mutants and of controls");
        var like = controlNissl[0];
        var mutant = Mean(mutantNissl);
        var control = Mean(controlNissl);
        double t = Otsu.Threshold(control, brain);
        double high = 0, low = 0;
        int nh = 0, nl = 0;
        for (int i = 0; i < brain.Length; i++)
        {
            if (!brain[i]) continue;
            if (control[i] > t) { high += control[i]; nh++; } else { low += control[i]; nl++; }
        }
        if (nh == 0 || nl == 0) throw new MrhException("the controls' Nissl has no contrast inside the brain");
        double contrast = high / nh - low / nl;
        double threshold = fraction * contrast;
        var mask = new bool[brain.Length];
        for (int i = 0; i < mask.Length; i++) mask[i] = brain[i] && mutant[i] - control[i] > threshold;
        mask = LargestComponent(like, mask);
        var has = CoronalSplit.SectionsWithBrain(like, mask);
        return new HeterotopiaRegion(mask, Enumerable.Range(0, has.Length).Where(s => has[s]).ToArray(), threshold, contrast);
    }

    /// <summary>The largest 6-connected component of <paramref name="mask"/> (the band is one sheet; scattered differences are not).</summary>
    public static bool[] LargestComponent(Volume like, bool[] mask)
    {
        var component = new int[mask.Length];
        int best = 0, bestSize = 0, id = 0;
        var queue = new Queue<int>();
        int plane = like.NX * like.NY;
        for (int seed = 0; seed < mask.Length; seed++)
        {
            if (!mask[seed] || component[seed] != 0) continue;
            id++;
            int size = 0;
            component[seed] = id;
            queue.Enqueue(seed);
            while (queue.Count > 0)
            {
                int i = queue.Dequeue();
                size++;
                int x = i % like.NX, y = i / like.NX % like.NY, z = i / plane;
                void Visit(int j) { if (mask[j] && component[j] == 0) { component[j] = id; queue.Enqueue(j); } }
                if (x > 0) Visit(i - 1);
                if (x < like.NX - 1) Visit(i + 1);
                if (y > 0) Visit(i - like.NX);
                if (y < like.NY - 1) Visit(i + like.NX);
                if (z > 0) Visit(i - plane);
                if (z < like.NZ - 1) Visit(i + plane);
            }
            if (size > bestSize) { bestSize = size; best = id; }
        }
        return component.Select(c => c != 0 && c == best).ToArray();
    }

    static float[] Mean(IReadOnlyList<Volume> volumes)
    {
        var sum = new double[volumes[0].VoxelCount];
        foreach (var v in volumes)
        {
            if (v.VoxelCount != sum.Length) throw new MrhException("the Nissl volumes are not on one grid");
            var c = v.Channels[0];
            for (int i = 0; i < sum.Length; i++) sum[i] += c[i];
        }
        return sum.Select(s => (float)(s / volumes.Count)).ToArray();
    }
}

/// <summary>
/// Fig. 4F quantified: per animal the mean MRH-Nissl and the mean Nissl inside the heterotopia region, mutants
/// against controls (unpaired Student t-tests, as the paper's group comparisons).
/// </summary>
public sealed record HeterotopiaComparison(IReadOnlyList<string> Mutants, IReadOnlyList<string> Controls,
    double[] PredictedMutant, double[] PredictedControl, double[] NisslMutant, double[] NisslControl,
    TTestResult Predicted, TTestResult Nissl)
{
    public static HeterotopiaComparison Compute(IReadOnlyList<string> mutants, IReadOnlyList<string> controls,
        double[] predictedMutant, double[] predictedControl, double[] nisslMutant, double[] nisslControl) =>
        new(mutants, controls, predictedMutant, predictedControl, nisslMutant, nisslControl,
            TTest.Unpaired(predictedMutant, predictedControl), TTest.Unpaired(nisslMutant, nisslControl));
}
