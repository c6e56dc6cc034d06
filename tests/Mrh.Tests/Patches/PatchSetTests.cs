using Mrh.Imaging;
using Mrh.Patches;

namespace Mrh.Tests.Patches;

public class PatchSetTests
{
    /// <summary>n patches of 1 channel, 3 x 3; patch i holds the value i everywhere, target 10 i.</summary>
    static PatchSet Numbered(int n, string subject = "s", int offset = 0)
    {
        var inputs = new float[n * 9];
        var targets = new float[n * 9];
        var centres = new int[n * 3];
        for (int i = 0; i < n; i++)
        {
            for (int p = 0; p < 9; p++) { inputs[i * 9 + p] = i + offset; targets[i * 9 + p] = 10 * (i + offset); }
            centres[3 * i] = i + offset;
        }
        return new PatchSet(n, 1, 3, AnatomicalPlane.Coronal, inputs, targets, centres, new int[n], [subject], ["c"]);
    }

    [Fact]
    public void ValidationIsTheLastPatchesAfterShuffling()
    {
        var set = Numbered(50);
        var (train, val) = set.SplitValidation(10, seed: 3);
        Assert.Equal(40, train.Count);
        Assert.Equal(10, val.Count);
        var perm = PatchSet.Permutation(50, 3);
        Assert.Equal(perm[40..].Select(i => (float)i), Enumerable.Range(0, 10).Select(i => val.Inputs[i * 9]));
        var all = train.Centers.Where((_, i) => i % 3 == 0).Concat(val.Centers.Where((_, i) => i % 3 == 0)).OrderBy(v => v);
        Assert.Equal(Enumerable.Range(0, 50), all);
        Assert.All(Enumerable.Range(0, 10), i => Assert.Equal(val.Inputs[i * 9] * 10, val.Targets[i * 9 + 4]));
        Assert.Throws<MrhException>(() => set.SplitValidation(50));
    }

    [Fact]
    public void SubsetsBySubjectAndByCount()
    {
        var both = PatchSet.Concat([Numbered(5, "a"), Numbered(7, "b", 100)]);
        Assert.Equal(["a", "b"], both.Subjects);
        var b = both.OfSubjects("b");
        Assert.Equal(7, b.Count);
        Assert.All(Enumerable.Range(0, 7), i => Assert.Equal("b", b.SubjectOf(i)));
        Assert.Equal(100f, b.Inputs[0]);
        Assert.Throws<MrhException>(() => both.OfSubjects("c"));
        var s1 = both.Sample(4, seed: 9);
        var s2 = both.Sample(4, seed: 9);
        Assert.Equal(4, s1.Count);
        Assert.Equal(s1.Inputs, s2.Inputs);
        Assert.Equal(4, s1.Inputs.Where((_, i) => i % 9 == 0).Distinct().Count());
        Assert.Equal(12, both.Sample(1000, 1).Count);
    }
}

public class MatlabLayoutTests
{
    /// <summary>
    /// MATLAB data(i, j, c, n) (row i, column j, 1-based) sits at flat position
    /// (i-1) + 3 (j-1) + 9 (c-1) + 9 C (n-1); here data(i, j, c, n) = 1000 n + 100 c + 10 i + j.
    /// </summary>
    [Fact]
    public void ColumnMajorPatchesBecomeRowMajor()
    {
        int k = 3, c = 2, n = 2;
        var data = new float[k * k * c * n];
        var label = new float[k * k * n];
        for (int p = 1; p <= n; p++)
            for (int ch = 1; ch <= c; ch++)
                for (int j = 1; j <= k; j++)
                    for (int i = 1; i <= k; i++)
                    {
                        data[(i - 1) + k * (j - 1) + k * k * (ch - 1) + k * k * c * (p - 1)] = 1000 * p + 100 * ch + 10 * i + j;
                        label[(i - 1) + k * (j - 1) + k * k * (p - 1)] = -(1000 * p + 10 * i + j);
                    }
        var set = PatchSet.FromMatlabLayout(data, label, k, c);
        Assert.Equal(2, set.Count);
        // patch 2, channel 1, row 3, column 1 (0-based 1, 0, 2, 0)
        Assert.Equal(2131f, set.Inputs[((1 * c + 0) * k + 2) * k + 0]);
        Assert.Equal(1223f, set.Inputs[((0 * c + 1) * k + 1) * k + 2]);
        Assert.Equal(-2012f, set.Targets[(1 * k + 0) * k + 1]);
        Assert.Throws<MrhException>(() => PatchSet.FromMatlabLayout(data[..^1], label, k, c));
    }
}
