using Mrh.Mri;
using Mrh.Phantom;
using Mrh.Presets;

namespace Mrh.Tests.Mri;

/// <summary>
/// The product's marker code (MarkerJob: MTR and per-shell DTI) on the digital mouse brain: white matter
/// bright in FA and MTR, and the shiverer effect in the corpus callosum (MTR down, radial diffusivity up).
/// Region medians from the phantom's own structure labels.
/// </summary>
public class MarkersOnPhantomTests
{
    static readonly PhantomStudy Study = new(PhantomConfig.For(Preset.Smoke) with { Cohorts = new CohortSizes { Shiverer = 2, ShivererControls = 2 } });

    static double Median(float[] map, byte[] labels, StructureLabel label)
    {
        var v = Enumerable.Range(0, map.Length).Where(i => labels[i] == (byte)label && float.IsFinite(map[i])).Select(i => (double)map[i]).Order().ToArray();
        Assert.True(v.Length > 10, $"too few {label} voxels");
        return v[v.Length / 2];
    }

    static (IReadOnlyList<NamedMap> Maps, byte[] Labels) Markers(Cohort cohort, int index)
    {
        var maps = new MarkerJob(cohort.Protocol!).Run(cohort.Mri(index), cohort.Mask(index));
        return (maps, cohort.Truth(index).Labels);
    }

    static float[] Map(IReadOnlyList<NamedMap> maps, string name) => maps.Single(m => m.Name == name).Map.Channels[0];

    [Fact]
    public void WhiteMatterIsBrightInFaAndMtr()
    {
        var (maps, labels) = Markers(Study.MriTraining, 0);
        foreach (var name in new[] { "mtr", "b2000_fa", "b5000_fa" })
        {
            double wm = Median(Map(maps, name), labels, StructureLabel.CorpusCallosum);
            double cortex = Median(Map(maps, name), labels, StructureLabel.Cortex);
            Assert.True(wm > cortex * 1.1, $"{name}: callosum {wm:0.000} vs cortex {cortex:0.000}");
        }
        // ex vivo ranges (reference/tissue-parameters.md): callosum MTR ~0.45-0.6, FA at b = 2,000 well above cortex
        double mtr = Median(Map(maps, "mtr"), labels, StructureLabel.CorpusCallosum);
        Assert.InRange(mtr, 0.35, 0.7);
    }

    [Fact]
    public void ShivererCallosumHasLowerMtrAndHigherRadialDiffusivity()
    {
        double Mean(Cohort c, string name) => Enumerable.Range(0, c.Count)
            .Select(i => { var (m, l) = Markers(c, i); return Median(Map(m, name), l, StructureLabel.CorpusCallosum); }).Average();
        double mtrShi = Mean(Study.Shiverer, "mtr"), mtrCtl = Mean(Study.ShivererControls, "mtr");
        double rdShi = Mean(Study.Shiverer, "b2000_rd"), rdCtl = Mean(Study.ShivererControls, "b2000_rd");
        Assert.True(mtrShi < mtrCtl * 0.95, $"MTR shiverer {mtrShi:0.000} vs control {mtrCtl:0.000}");
        Assert.True(rdShi > rdCtl * 1.1, $"RD shiverer {rdShi:0.00000} vs control {rdCtl:0.00000}");
    }
}
