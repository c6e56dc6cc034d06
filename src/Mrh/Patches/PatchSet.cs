using Mrh.Imaging;

namespace Mrh.Patches;

/// <summary>
/// A set of training patches: <see cref="Inputs"/> laid out [N][C][k][k] and <see cref="Targets"/>
/// [N][k][k] (row-major, float), with the voxel at each patch centre (x, y, z) and the subject it came
/// from. Patch rows and columns follow <see cref="Plane"/> (see <see cref="PatchGeometry"/>).
/// Operations return new sets; arrays are never modified after construction.
/// </summary>
public sealed class PatchSet
{
    public int Count { get; }
    public int Channels { get; }
    /// <summary>Patch side length k.</summary>
    public int Size { get; }
    public AnatomicalPlane Plane { get; }
    public float[] Inputs { get; }
    public float[] Targets { get; }
    /// <summary>Patch centres as x, y, z triples (3N values).</summary>
    public int[] Centers { get; }
    /// <summary>For each patch, an index into <see cref="Subjects"/>.</summary>
    public int[] SubjectIndex { get; }
    public string[] Subjects { get; }
    public string[] ChannelNames { get; }

    public PatchSet(int count, int channels, int size, AnatomicalPlane plane, float[] inputs, float[] targets,
        int[] centers, int[] subjectIndex, string[] subjects, string[] channelNames)
    {
        if (count < 0 || channels < 1 || size < 1 || size % 2 == 0)
            throw new ArgumentException($"invalid patch set shape: {count} patches, {channels} channels, size {size}");
        long kk = (long)size * size;
        if (inputs.LongLength != count * channels * kk) throw new ArgumentException($"inputs hold {inputs.Length} values, expected {count * channels * kk}");
        if (targets.LongLength != count * kk) throw new ArgumentException($"targets hold {targets.Length} values, expected {count * kk}");
        if (centers.Length != 3 * count) throw new ArgumentException($"centres hold {centers.Length} values, expected {3 * count}");
        if (subjectIndex.Length != count) throw new ArgumentException($"subject index holds {subjectIndex.Length} values, expected {count}");
        if (channelNames.Length != channels) throw new ArgumentException($"{channelNames.Length} channel names for {channels} channels");
        foreach (int s in subjectIndex)
            if (s < 0 || s >= subjects.Length) throw new ArgumentException($"subject index {s} outside 0..{subjects.Length - 1}");
        Count = count; Channels = channels; Size = size; Plane = plane;
        Inputs = inputs; Targets = targets; Centers = centers; SubjectIndex = subjectIndex;
        Subjects = subjects; ChannelNames = channelNames;
    }

    /// <summary>Values per patch input (C k k).</summary>
    public int InputLength => Channels * Size * Size;
    public int TargetLength => Size * Size;

    /// <summary>The subject of patch <paramref name="i"/>.</summary>
    public string SubjectOf(int i) => Subjects[SubjectIndex[i]];

    public (int X, int Y, int Z) Center(int i) => (Centers[3 * i], Centers[3 * i + 1], Centers[3 * i + 2]);

    /// <summary>The centre pixel of every target patch.</summary>
    public float[] CenterTargets()
    {
        int kk = TargetLength, c = kk / 2;
        var r = new float[Count];
        for (int i = 0; i < Count; i++) r[i] = Targets[i * kk + c];
        return r;
    }

    /// <summary>The patches at <paramref name="indices"/>, in that order.</summary>
    public PatchSet Select(IReadOnlyList<int> indices)
    {
        int n = indices.Count, il = InputLength, tl = TargetLength;
        var inputs = new float[(long)n * il];
        var targets = new float[(long)n * tl];
        var centers = new int[3 * n];
        var subj = new int[n];
        for (int o = 0; o < n; o++)
        {
            int i = indices[o];
            if (i < 0 || i >= Count) throw new ArgumentOutOfRangeException(nameof(indices), $"patch {i} outside 0..{Count - 1}");
            Array.Copy(Inputs, (long)i * il, inputs, (long)o * il, il);
            Array.Copy(Targets, (long)i * tl, targets, (long)o * tl, tl);
            Array.Copy(Centers, 3 * i, centers, 3 * o, 3);
            subj[o] = SubjectIndex[i];
        }
        return new PatchSet(n, Channels, Size, Plane, inputs, targets, centers, subj, Subjects, ChannelNames);
    }

    /// <summary>The patches in a seeded random order (Fisher-Yates with <see cref="Random"/>(seed)).</summary>
    public PatchSet Shuffle(int seed) => Select(Permutation(Count, seed));

    /// <summary><paramref name="count"/> patches drawn at random without replacement (all if fewer), seeded.</summary>
    public PatchSet Sample(int count, int seed)
    {
        if (count < 0) throw new ArgumentOutOfRangeException(nameof(count));
        var perm = Permutation(Count, seed);
        return Select(perm.Take(Math.Min(count, Count)).ToArray());
    }

    /// <summary>The first <paramref name="count"/> patches.</summary>
    public PatchSet Take(int count) => Select(Enumerable.Range(0, Math.Clamp(count, 0, Count)).ToArray());

    /// <summary>Only the patches of the given subjects (an unknown id is an error).</summary>
    public PatchSet OfSubjects(params string[] subjectIds)
    {
        foreach (var id in subjectIds)
            if (Array.IndexOf(Subjects, id) < 0)
                throw new MrhException($"no patches of subject '{id}' (subjects: {string.Join(", ", Subjects)})");
        var keep = subjectIds.Select(id => Array.IndexOf(Subjects, id)).ToHashSet();
        return Select(Enumerable.Range(0, Count).Where(i => keep.Contains(SubjectIndex[i])).ToArray());
    }

    /// <summary>
    /// The authors' hold-out: shuffle (seeded) and keep the last <paramref name="validationCount"/>
    /// patches for validation, the rest for training.
    /// </summary>
    public (PatchSet Train, PatchSet Validation) SplitValidation(int validationCount = 1000, int seed = 0)
    {
        if (validationCount < 1 || validationCount >= Count)
            throw new MrhException($"cannot hold out {validationCount} validation patches from {Count} (need at least one left for training)");
        var perm = Permutation(Count, seed);
        int nt = Count - validationCount;
        return (Select(perm[..nt]), Select(perm[nt..]));
    }

    /// <summary>Patch sets stacked in order; they must agree on channels, size and plane.</summary>
    public static PatchSet Concat(IReadOnlyList<PatchSet> sets)
    {
        if (sets.Count == 0) throw new ArgumentException("nothing to concatenate");
        var f = sets[0];
        foreach (var s in sets)
            if (s.Channels != f.Channels || s.Size != f.Size || s.Plane != f.Plane || !s.ChannelNames.SequenceEqual(f.ChannelNames))
                throw new MrhException($"cannot combine patch sets with different channels, size or plane ({s.Channels}x{s.Size}x{s.Size} {s.Plane} vs {f.Channels}x{f.Size}x{f.Size} {f.Plane})");
        var subjects = sets.SelectMany(s => s.Subjects).Distinct().ToArray();
        int n = sets.Sum(s => s.Count);
        var inputs = new float[(long)n * f.InputLength];
        var targets = new float[(long)n * f.TargetLength];
        var centers = new int[3 * n];
        var subj = new int[n];
        long io = 0, to = 0; int co = 0, so = 0;
        foreach (var s in sets)
        {
            Array.Copy(s.Inputs, 0, inputs, io, s.Inputs.LongLength); io += s.Inputs.LongLength;
            Array.Copy(s.Targets, 0, targets, to, s.Targets.LongLength); to += s.Targets.LongLength;
            Array.Copy(s.Centers, 0, centers, co, s.Centers.Length); co += s.Centers.Length;
            for (int i = 0; i < s.Count; i++) subj[so++] = Array.IndexOf(subjects, s.Subjects[s.SubjectIndex[i]]);
        }
        return new PatchSet(n, f.Channels, f.Size, f.Plane, inputs, targets, centers, subj, subjects, f.ChannelNames);
    }

    /// <summary>
    /// Patches from the authors' prepared layout: MATLAB's <c>data</c> is k x k x C x N and <c>label</c>
    /// k x k x N, column-major (the first index, the patch row, varies fastest), which is how the values
    /// come out of a v7.3 .mat file read in storage order. Centres are unknown (0); one subject.
    /// </summary>
    public static PatchSet FromMatlabLayout(float[] data, float[] label, int size, int channels, string subject = "mat",
        string[]? channelNames = null, AnatomicalPlane plane = AnatomicalPlane.Coronal)
    {
        long kk = (long)size * size;
        if (size < 1 || size % 2 == 0 || channels < 1) throw new MrhException($"invalid patch shape {size}x{size}x{channels}");
        if (label.LongLength % kk != 0) throw new MrhException($"label holds {label.Length} values, not a whole number of {size}x{size} patches");
        long n = label.LongLength / kk;
        if (data.LongLength != n * channels * kk)
            throw new MrhException($"data holds {data.Length} values, expected {size}x{size}x{channels}x{n} = {n * channels * kk} for {n} labels");
        var inputs = new float[data.LongLength];
        var targets = new float[label.LongLength];
        for (long p = 0; p < n; p++)
        {
            for (int c = 0; c < channels; c++)
                for (int i = 0; i < size; i++)
                    for (int j = 0; j < size; j++)
                        inputs[((p * channels + c) * size + i) * size + j] = data[((p * channels + c) * size + j) * size + i];
            for (int i = 0; i < size; i++)
                for (int j = 0; j < size; j++)
                    targets[(p * size + i) * size + j] = label[(p * size + j) * size + i];
        }
        channelNames ??= Enumerable.Range(0, channels).Select(c => $"ch{c}").ToArray();
        return new PatchSet((int)n, channels, size, plane, inputs, targets, new int[3 * n], new int[n], [subject], channelNames);
    }

    /// <summary>The same patches with other input values (e.g. normalised), same layout.</summary>
    public PatchSet WithValues(float[] inputs, float[] targets) =>
        new(Count, Channels, Size, Plane, inputs, targets, Centers, SubjectIndex, Subjects, ChannelNames);

    /// <summary>A seeded permutation of 0..n-1 (Fisher-Yates, System.Random(seed)).</summary>
    public static int[] Permutation(int n, int seed)
    {
        var p = Enumerable.Range(0, n).ToArray();
        var rng = new Random(seed);
        for (int i = n - 1; i > 0; i--)
        {
            int j = rng.Next(i + 1);
            (p[i], p[j]) = (p[j], p[i]);
        }
        return p;
    }

    public override string ToString() => $"PatchSet {Count} x {Channels} x {Size}x{Size} ({Plane}, {Subjects.Length} subject(s))";
}
