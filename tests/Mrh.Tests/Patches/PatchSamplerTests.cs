using Mrh.Imaging;
using Mrh.Patches;

namespace Mrh.Tests.Patches;

public class PatchSamplerTests
{
    /// <summary>
    /// 40 x 40 x 3, coronal sections along z. Section 0: full mask (stride 6), target 0 for x &lt; 10,
    /// FA 0 for y &gt;= 30. Section 1: mask only x, y in 20..22 (1.6% tissue: stride 20). Section 2: mask
    /// y &lt;= 13 (35% tissue: stride 7).
    /// </summary>
    static PatchSource Layered()
    {
        const int n = 40, nz = 3;
        var inputs = new float[2][] { new float[n * n * nz], new float[n * n * nz] };
        var target = new float[n * n * nz];
        var fa = new float[n * n * nz];
        var mask = new bool[n * n * nz];
        for (int z = 0; z < nz; z++)
            for (int y = 0; y < n; y++)
                for (int x = 0; x < n; x++)
                {
                    int i = (z * n + y) * n + x;
                    inputs[0][i] = x; inputs[1][i] = y + 0.5f;
                    target[i] = z == 0 && x < 10 ? 0 : 1;
                    fa[i] = y >= 30 ? 0 : 0.4f;
                    mask[i] = z switch { 0 => true, 1 => x is >= 20 and <= 22 && y is >= 20 and <= 22, _ => y <= 13 };
                }
        var v = new Volume(n, n, nz, inputs, channelNames: ["a", "b"]);
        return new PatchSource("L", v, Volume.FromArray(v, target, "AF"), mask, Volume.FromArray(v, fa, "FA"));
    }

    [Fact]
    public void AuthorsSamplerFollowsStrideMaskLabelAndFaRules()
    {
        var set = PatchSampler.Authors(Layered(), new AuthorsSamplerOptions());
        var centres = Enumerable.Range(0, set.Count).Select(set.Center).ToList();
        // section 0: columns 13..37 step 6 (1 and 7 hold only zero target), rows 1..25 step 6 (31, 37 lack FA)
        var s0 = from r in new[] { 1, 7, 13, 19, 25 } from c in new[] { 13, 19, 25, 31, 37 } select (c, r, 0);
        // section 1: stride 20 -> (1,1), (21,1), (1,21), (21,21); only (21,21) lies in the mask
        var s1 = new[] { (21, 21, 1) };
        // section 2: stride 7 -> rows 1, 8 keep the patch inside y <= 13; columns 1..36 step 7
        var s2 = from r in new[] { 1, 8 } from c in new[] { 1, 8, 15, 22, 29, 36 } select (c, r, 2);
        Assert.Equal(s0.Concat(s1).Concat(s2).OrderBy(t => t).ToList(), centres.OrderBy(t => t).ToList());
        // patch contents come from the right place
        int k = set.Centers.Length / 3 - 1;
        var (x, y, z) = set.Center(k);
        Assert.Equal(x - 1, set.Inputs[k * 18 + 0]); // channel a, row 0, column 0 = x - 1
        Assert.Equal(y + 1 + 0.5f, set.Inputs[k * 18 + 9 + 8]); // channel b, row 2 = y + 1
    }

    [Fact]
    public void AuthorsSamplerBandAndScaledStrides()
    {
        var band = PatchSampler.Authors(Layered(), new AuthorsSamplerOptions { Band = new SectionBand(1, 2) });
        Assert.Equal(13, band.Count);
        Assert.All(Enumerable.Range(0, band.Count), i => Assert.True(band.Center(i).Z >= 1));
        var scaled = new AuthorsSamplerOptions().ScaledTo(0.125);
        Assert.Equal([3, 4, 4], scaled.StrideTiers.Select(t => t.Stride)); // 6, 7, 8 x 0.5 (3.5 rounds to even 4)
        Assert.Equal(10, scaled.SparseStride);
        var noFa = PatchSampler.Authors(Layered() with { Fa = null }, new AuthorsSamplerOptions { Band = new SectionBand(0, 0) });
        Assert.Equal(35, noFa.Count); // without FA the rows 31 and 37 come back: 5 columns x 7 rows
    }

    [Fact]
    public void RandomSamplerDrawsDistinctInMaskCentresReproducibly()
    {
        var src = Layered();
        var o = new RandomSamplerOptions { Count = 200, Seed = 5 };
        var a = PatchSampler.RandomInMask(src, o);
        var b = PatchSampler.RandomInMask(src, o);
        var c = PatchSampler.RandomInMask(src, o with { Seed = 6 });
        Assert.Equal(200, a.Count);
        Assert.Equal(a.Centers, b.Centers);
        Assert.Equal(a.Inputs, b.Inputs);
        Assert.NotEqual(a.Centers, c.Centers);
        var set = Enumerable.Range(0, a.Count).Select(a.Center).ToHashSet();
        Assert.Equal(200, set.Count);
        Assert.All(set, p => Assert.True(src.Mask![src.Inputs.Index(p.X, p.Y, p.Z)]));
        Assert.All(set, p => Assert.InRange(p.X, 1, 38));
        // asking for more than there is gives all candidates: section 1 holds 9 in-mask voxels, all interior
        var all = PatchSampler.RandomInMask(src, o with { Count = 100_000, Band = new SectionBand(1, 1) });
        Assert.Equal(9, all.Count);
    }

    [Fact]
    public void SamplingValidatesItsInputs()
    {
        var src = Layered();
        var bad = src with { Target = Volume.Zeros(3, 3, 3) };
        Assert.Throws<MrhException>(() => PatchSampler.Authors(bad, new AuthorsSamplerOptions()));
        Assert.Throws<MrhException>(() => PatchSampler.RandomInMask(src, new RandomSamplerOptions { PatchSize = 2 }));
        Assert.Throws<MrhException>(() => PatchSampler.Authors(src with { Mask = new bool[3] }, new AuthorsSamplerOptions()));
    }
}
