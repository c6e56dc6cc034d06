using Mrh.Contrasts;
using Mrh.Data;
using Mrh.Phantom;

namespace Mrh.Tests.Contrasts;

/// <summary>The candidate contrasts' forward models and fits against closed forms and hand-computed values.</summary>
public class ContrastModelTests
{
    static readonly TissueParameters Tp = new();

    [Fact]
    public void InversionRecoveryNullsAtTiEqualToT1Ln2WithFullRecovery()
    {
        // M(TI) = M0 (1 - 2 e^(-TI/T1) + e^(-TR/T1)); with TR >> T1 the null is at TI = T1 ln 2
        Assert.Equal(0, InversionRecoveryT1.Signal(1, 1000, 1000 * Math.Log(2), 1e9), 12);
        Assert.Equal(-1, InversionRecoveryT1.Signal(1, 1000, 0, 1e9), 12);
        // TI = T1, TR = 3 T1: 1 - 2/e + 1/e^3 = 0.3140
        Assert.Equal(1 - 2 / Math.E + Math.Exp(-3), InversionRecoveryT1.Signal(1, 1000, 1000, 3000), 12);
    }

    [Theory]
    [InlineData(600)]
    [InlineData(1150)]
    [InlineData(2500)]
    public void InversionRecoveryFitRecoversASingleT1(double t1)
    {
        var s = InversionRecoveryT1.InversionTimes.Select(ti => InversionRecoveryT1.Signal(0.7, t1, ti)).ToArray();
        Assert.Equal(t1, InversionRecoveryT1.FitT1(InversionRecoveryT1.InversionTimes, s), t1 * 0.005);
    }

    [Fact]
    public void LogLinearFitIsExactForMonoExponentialT2Decay()
    {
        double[] te = [10, 20, 30, 40, 50];
        var s = te.Select(t => 2.5 * Math.Exp(-t / 35.0)).ToArray();
        var (a, r) = ExponentialFit.LogLinear(te, s);
        Assert.Equal(2.5, a, 9);
        Assert.Equal(1 / 35.0, r, 12);
    }

    [Fact]
    public void TwoPoolFitFindsNoMyelinWaterInAMonoExponentialDecayAndTheFractionOfATwoPoolOne()
    {
        var te = MyelinWaterFraction.EchoTimes;
        var mono = te.Select(t => Math.Exp(-t / 45)).ToArray();
        var (f0, t2) = MyelinWaterFraction.Fit(te, mono, 12);
        Assert.Equal(0, f0, 6);
        Assert.Equal(45, t2, 6);
        // 15% myelin water (T2 12 ms) with 85% tissue water (T2 40 ms): the estimate is 13.8%, biased low because the
        // late echoes (TE >= 60 ms) still hold e^-5 of the short pool, which steepens the long pool's fitted decay
        var two = te.Select(t => 0.15 * Math.Exp(-t / 12) + 0.85 * Math.Exp(-t / 40)).ToArray();
        Assert.InRange(MyelinWaterFraction.Fit(te, two, 12).Fraction, 0.13, 0.15);
        var none = te.Select(t => 0.85 * Math.Exp(-t / 40)).ToArray();
        Assert.True(MyelinWaterFraction.Fit(te, two, 12).Fraction > MyelinWaterFraction.Fit(te, none, 12).Fraction + 0.1);
    }

    [Fact]
    public void SusceptibilityOfMyelinAndIronHaveOppositeSignsWhileBothShortenT2Star()
    {
        Assert.True(MagneticSusceptibility.Chi(1, 0.8, 0) < 0);   // white matter: diamagnetic
        Assert.True(MagneticSusceptibility.Chi(1, 0, 1) > 0);     // iron-rich: paramagnetic
        Assert.Equal(-48, MagneticSusceptibility.Chi(1, 0.8, 0), 12); // -60 ppb x 0.8
        // on real voxels of the model: white matter and an iron-rich nucleus against cortex
        var cortex = VoxelTissue.From(1, 0, 0.3, 0.1, 0.4, 0.2, 1, Tp);
        var wm = VoxelTissue.From(1, 0, 0.8, 0.8, 0.07, 0.25, 1, Tp);
        var iron = VoxelTissue.From(1, 0, 0.25, 0.2, 0.3, 1.0, 1, Tp);
        var qsm = new MagneticSusceptibility();
        var t2s = new EffectiveT2();
        double Map(ContrastModel m, VoxelTissue v) => OneVoxel(m, v);
        Assert.True(Map(qsm, wm) < Map(qsm, cortex) && Map(qsm, iron) > Map(qsm, cortex));
        Assert.True(Map(t2s, wm) < Map(t2s, cortex) && Map(t2s, iron) < Map(t2s, cortex));
    }

    [Fact]
    public void SpinEchoOfTheCompartmentsMatchesThePhantomsT2WeightedImage()
    {
        // the phantom's own noise-free T2W image of a small synthetic block against VoxelTissue's closed form
        var grid = new PhantomGrid(3, 1, 1, 0.1, 0, 0, 0);
        var m = new Microstructure(grid, new AnimalSpec("a", 1, Genotype.WildType, 60));
        (m.Inside[0], m.Axon[0], m.Myelin[0], m.Cell[0], m.Iron[0]) = (1f, 0.8f, 0.8f, 0.07f, 0.25f);
        (m.Inside[1], m.Axon[1], m.Myelin[1], m.Cell[1], m.Iron[1]) = (1f, 0.3f, 0.1f, 0.4f, 0.2f);
        (m.Inside[2], m.Csf[2]) = (1f, 1f);
        for (int i = 0; i < 3; i++) { m.R2Factor[i] = 1; m.DiffusivityFactor[i] = 1; m.Tau[i] = 1f / 3; m.FibreX[i] = 1; m.SomaRadius[i] = 5; }
        // no point-spread function: each voxel its own closed form
        var config = PhantomConfig.For(Mrh.Presets.Preset.Quick) with { Acquisition = new MriAcquisition { AddNoise = false, GainLogSd = 0, PsfFwhmVoxels = 0 } };
        var protocol = new Protocol([new ProtocolChannel("T2W", ChannelKind.T2W)]);
        var image = MriSimulator.Simulate(m, protocol, config, 7).Channels[0];
        var acq = config.Acquisition;
        for (int i = 0; i < 3; i++)
            Assert.Equal(acq.ScannerScale * VoxelTissue.Of(m, i, Tp).SpinEcho(acq.T2wEchoTime, acq.T2wRepetitionTime, Tp), image[i], 2);
    }

    [Fact]
    public void EveryModelHasAScanTimeAndIsDeterministicForASeed()
    {
        var grid = new PhantomGrid(4, 1, 1, 0.1, 0, 0, 0);
        var m = new Microstructure(grid, new AnimalSpec("a", 1, Genotype.WildType, 60));
        for (int i = 0; i < 4; i++) { m.Inside[i] = 1; m.Axon[i] = 0.2f * i; m.Myelin[i] = 0.2f * i; m.Cell[i] = 0.3f; m.R2Factor[i] = 1; m.DiffusivityFactor[i] = 1; m.Tau[i] = 0.5f; m.FibreZ[i] = 1; m.SomaRadius[i] = 5; }
        var config = PhantomConfig.For(Mrh.Presets.Preset.Quick);
        Assert.True(CandidateContrasts.Models.Count >= 4);
        foreach (var model in CandidateContrasts.Models)
        {
            Assert.InRange(model.ScanMinutes, 5, 300);
            var a = model.Simulate(m, config, 3).Channels[0];
            var b = model.Simulate(m, config, 3).Channels[0];
            var c = model.Simulate(m, config, 4).Channels[0];
            Assert.Equal(a, b);
            Assert.NotEqual(a, c);
            Assert.All(a, v => Assert.True(float.IsFinite(v)));
        }
    }

    static double OneVoxel(ContrastModel model, VoxelTissue v) => model.NoiseFree(v, Tp);
}
