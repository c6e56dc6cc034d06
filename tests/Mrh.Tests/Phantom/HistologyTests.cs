using Mrh.Phantom;

namespace Mrh.Tests.Phantom;

/// <summary>The histology forward model: contrasts, the heterotopia, misregistration.</summary>
[Collection("phantom")]
public class HistologyTests(PhantomFixture fx)
{
    [Fact]
    public void AutoFluorescenceIsDarkInWhiteMatter()
    {
        var atlas = fx.Study.Atlas();
        var reference = fx.Study.AfReference().Channels[0];
        double wm = PhantomFixture.Mean(reference, PhantomFixture.Label(atlas, StructureLabel.CorpusCallosum));
        double cortex = PhantomFixture.Mean(reference, PhantomFixture.Label(atlas, StructureLabel.Cortex));
        Assert.True(wm < 0.8 * cortex, $"AF white matter {wm:0.000} vs cortex {cortex:0.000}");
        // a single animal shows the same, despite its own intensity scale, shading and noise
        var m = fx.Study.AutoFluorescence.Truth(3);
        var single = fx.Study.AutoFluorescence.Histology(3).Channels[0];
        Assert.True(PhantomFixture.Mean(single, PhantomFixture.Label(m, StructureLabel.CorpusCallosum))
                    < 0.85 * PhantomFixture.Mean(single, PhantomFixture.Label(m, StructureLabel.Cortex)));
    }

    [Fact]
    public void StainsFollowTheirOwnTargets()
    {
        var nf = HistologySimulator.Ideal(fx.Study.Neurofilament.Truth(0), Stain.Neurofilament);
        var mbp = HistologySimulator.Ideal(fx.Study.MyelinBasicProtein.Truth(0), Stain.MyelinBasicProtein);
        var m = fx.Study.Neurofilament.Truth(0);
        // unmyelinated parallel fibres of the cerebellar molecular layer: NF-positive, MBP-negative
        Func<int, bool> parallelFibres = i => m.Inside[i] >= 0.99f && m.Axon[i] > 0.4f && m.Myelin[i] < 0.08f;
        Func<int, bool> callosum = PhantomFixture.Label(m, StructureLabel.CorpusCallosum);
        double nfRatio = PhantomFixture.Mean(nf, parallelFibres) / PhantomFixture.Mean(nf, callosum);
        double mbpRatio = PhantomFixture.Mean(mbp, parallelFibres) / PhantomFixture.Mean(mbp, callosum);
        Assert.True(nfRatio > 0.6 && mbpRatio < 0.3, $"NF ratio {nfRatio:0.00}, MBP ratio {mbpRatio:0.00}");
    }

    [Fact]
    public void NisslIsHighestInCellDenseLayers()
    {
        var cohort = fx.Study.Nissl;
        var m = cohort.Truth(0);
        var nissl = cohort.Histology(0).Channels[0];
        bool Whole(int i) => m.Inside[i] >= 0.99f;
        double dense = PhantomFixture.Mean(nissl, i => Whole(i) && m.Cell[i] >= 0.8f);
        double cortex = PhantomFixture.Mean(nissl, i => Whole(i) && m.Labels[i] == (byte)StructureLabel.Cortex && m.Cell[i] < 0.6f);
        double white = PhantomFixture.Mean(nissl, i => Whole(i) && m.Myelin[i] >= 0.6f);
        Assert.True(dense > 1.2 * cortex && cortex > 1.5 * white, $"Nissl dense {dense:0.000}, cortex {cortex:0.000}, white {white:0.000}");
    }

    [Fact]
    public void HeterotopiaBandIsVisibleInSas4Nissl()
    {
        var mutant = fx.Study.Sas4;
        var control = fx.Study.Sas4Controls;
        var mm = mutant.Truth(0);
        var grid = fx.Study.Grid;
        // where the mutant's anatomy has dense cells under the dorsal cortex and the control's does not
        var atlasControl = fx.Study.Atlas();
        Func<int, bool> band = i =>
        {
            int x = i % grid.NX, z = i / (grid.NX * grid.NY);
            double gx = Math.Abs(grid.X(x)), gz = grid.Z(z);
            return mm.Inside[i] >= 0.99f && mm.Cell[i] >= 0.6f && gx < 1.5 && gz > 4.5 && gz < 7.5
                   && atlasControl.Labels[i] is (byte)StructureLabel.CorpusCallosum or (byte)StructureLabel.Cortex or (byte)StructureLabel.Striatum or (byte)StructureLabel.Hippocampus
                   && atlasControl.Cell[i] < 0.5f;
        };
        Assert.True(PhantomFixture.Count(mm.Inside.Length, band) >= 5, "the heterotopia band should cover some voxels");
        double mutantNissl = PhantomFixture.Mean(mutant.Histology(0).Channels[0], band);
        double controlNissl = PhantomFixture.Mean(control.Histology(0).Channels[0], band);
        Assert.True(mutantNissl > 1.4 * controlNissl, $"Nissl in the band: sas4 {mutantNissl:0.000} vs control {controlNissl:0.000}");
    }

    [Fact]
    public void MisregistrationMeanDisplacementIsWithinTheConfiguredRange()
    {
        var config = fx.Study.Config;
        var hp = config.Histology;
        var brain = fx.Study.Atlas().Inside;
        foreach (bool sections in new[] { false, true })
        {
            var field = HistologySimulator.Misregistration(config.Grid, hp, sections, brain, 99);
            double mean = field.MeanMagnitude(brain);
            Assert.InRange(mean, hp.MisregistrationMinVoxels, hp.MisregistrationMaxVoxels);
            Assert.Equal(hp.MisregistrationMeanVoxels, mean, 3);
            Assert.All(field.Dz, d => Assert.Equal(0f, d)); // in the coronal plane only
        }
    }
}
