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
