using Mrh.Data;
using Mrh.Imaging;
using Mrh.Mri;

namespace Mrh.Tests.Mri;

public class TensorModelTests
{
    static readonly double[][] Dirs30 = GradientDirections.Hemisphere(30);

    /// <summary>Closed forms of the maps for eigenvalues l1 >= l2 >= l3.</summary>
    static (double FA, double MD, double AD, double RD) Expected(double l1, double l2, double l3)
    {
        double md = (l1 + l2 + l3) / 3;
        double fa = Math.Sqrt(1.5 * ((l1 - md) * (l1 - md) + (l2 - md) * (l2 - md) + (l3 - md) * (l3 - md)) / (l1 * l1 + l2 * l2 + l3 * l3));
        return (fa, md, l1, (l2 + l3) / 2);
    }

    static void AssertDirection(double[] expected, double x, double y, double z, double tol)
    {
        double sign = expected[0] * x + expected[1] * y + expected[2] * z >= 0 ? 1 : -1;
        double err = Math.Sqrt(Math.Pow(x - sign * expected[0], 2) + Math.Pow(y - sign * expected[1], 2) + Math.Pow(z - sign * expected[2], 2));
        Assert.True(err < tol, $"direction off by {err:g3}");
        Assert.True(z >= 0, "V1 must be in the z >= 0 hemisphere");
    }

    public static TheoryData<TensorFitMethod> Methods => new() { TensorFitMethod.Ols, TensorFitMethod.Wls };

    [Theory]
    [MemberData(nameof(Methods))]
    public void RotatedTensorComesBackExactlyFromOneVoxel(TensorFitMethod method)
    {
        // ex vivo white matter: AD 0.8, RD 0.2 um^2/ms, in a frame rotated about all three axes
        var (b, g) = DtiSynth.Scheme(2, Dirs30, 2000);
        var model = new TensorModel(b, g, new TensorFitOptions { Method = method });
        var r = DtiSynth.Rotation(0.7, -0.4, 1.3);
        double l1 = 0.8e-3, l2 = 0.25e-3, l3 = 0.15e-3;
        var s = DtiSynth.Signals(1234.5, DtiSynth.Tensor(r, l1, l2, l3), b, g);
        var t = model.FitSignal(s)!.Value;
        var e = Expected(l1, l2, l3);
        Assert.Equal(e.FA, t.FA, 1e-9);
        Assert.Equal(1, t.MD / e.MD, 1e-9);
        Assert.Equal(1, t.AD / e.AD, 1e-9);
        Assert.Equal(1, t.RD / e.RD, 1e-9);
        Assert.Equal(1, t.L2 / l2, 1e-9);
        Assert.Equal(1, t.L3 / l3, 1e-9);
        Assert.Equal(1234.5, t.S0, 1e-6);
        AssertDirection(DtiSynth.Column(r, 0), t.V1X, t.V1Y, t.V1Z, 1e-9);
    }

    [Theory]
    [MemberData(nameof(Methods))]
    public void VolumeFitRecoversEveryVoxelToOneMillionth(TensorFitMethod method)
    {
        // 4 x 3 x 2 voxels, each its own tensor (eigenvalues and frame), signals stored as float32
        var (b, g) = DtiSynth.Scheme(2, Dirs30, 2000);
        var rng = new Random(11);
        var truth = new List<(double[] R, double L1, double L2, double L3)>();
        var voxels = new List<double[]>();
        for (int v = 0; v < 24; v++)
        {
            var r = DtiSynth.Rotation(rng.NextDouble() * 6.28, rng.NextDouble() * 6.28, rng.NextDouble() * 6.28);
            double l3 = 0.1e-3 + 0.2e-3 * rng.NextDouble(), l2 = l3 + 0.05e-3 + 0.2e-3 * rng.NextDouble(), l1 = l2 + 0.1e-3 + 0.6e-3 * rng.NextDouble();
            truth.Add((r, l1, l2, l3));
            voxels.Add(DtiSynth.Signals(500 + 1000 * rng.NextDouble(), DtiSynth.Tensor(r, l1, l2, l3), b, g));
        }
        var volume = DtiSynth.VolumeOf(4, 3, 2, voxels);
        var fit = new TensorModel(b, g, new TensorFitOptions { Method = method }).Fit(volume);
        Assert.Equal(24, fit.FittedVoxels);
        for (int v = 0; v < 24; v++)
        {
            var (r, l1, l2, l3) = truth[v];
            var e = Expected(l1, l2, l3);
            Assert.Equal(e.FA, fit.FA[v], 1e-6);
            Assert.Equal(1, fit.MD[v] / e.MD, 1e-6);
            Assert.Equal(1, fit.AD[v] / e.AD, 1e-6);
            Assert.Equal(1, fit.RD[v] / e.RD, 1e-6);
            AssertDirection(DtiSynth.Column(r, 0), fit.V1[0][v], fit.V1[1][v], fit.V1[2][v], 1e-6);
        }
        var fa = fit.ToVolume(TensorMap.FA);
        Assert.Equal(volume.Spacing, fa.Spacing);
        Assert.Equal(fit.FA, fa.Channels[0]);
        Assert.Equal(3, fit.ToVolume(TensorMap.V1).ChannelCount);
    }

    [Fact]
    public void IsotropicMediumHasZeroFA()
    {
        var (b, g) = DtiSynth.Scheme(3, Dirs30, 1000, 3000);
        var model = new TensorModel(b, g, new TensorFitOptions { Method = TensorFitMethod.Wls });
        var s = DtiSynth.Signals(800, DtiSynth.Tensor(DtiSynth.Rotation(0, 0, 0), 2e-3, 2e-3, 2e-3), b, g);
        var t = model.FitSignal(s)!.Value;
        Assert.True(t.FA < 1e-9, $"FA {t.FA}");
        Assert.Equal(1, t.MD / 2e-3, 1e-9);
        Assert.Equal(1, t.RD / 2e-3, 1e-9);
    }

    [Fact]
    public void MultiShellJointFitAndBZeroWithResidualB()
    {
        // the authors' b0 lines carry a small b (7.3) with a direction: still b0, still in the design
        var r = DtiSynth.Rotation(-1.0, 0.2, 0.5);
        var d = DtiSynth.Tensor(r, 0.9e-3, 0.3e-3, 0.2e-3);
        var (b, g) = DtiSynth.Scheme(0, Dirs30, 2000, 5000);
        var bs = new[] { 7.3, 5.0 }.Concat(b).ToArray();
        var gs = new[] { new[] { 0.0, 0, 1 }, new[] { 1.0, 0, 0 } }.Concat(g).ToArray();
        var model = new TensorModel(bs, gs);
        Assert.Equal([0, 1], model.Table.B0Indices);
        var t = model.FitSignal(DtiSynth.Signals(100, d, bs, gs))!.Value;
        var e = Expected(0.9e-3, 0.3e-3, 0.2e-3);
        Assert.Equal(e.FA, t.FA, 1e-9);
        Assert.Equal(1, t.MD / e.MD, 1e-9);
        AssertDirection(DtiSynth.Column(r, 0), t.V1X, t.V1Y, t.V1Z, 1e-9);
    }

    [Fact]
    public void RicianNoiseBiasesFAUpwardsAsSnrFalls()
    {
        // isotropic medium (true FA = 0): the fitted FA is positive and grows as the SNR falls,
        // the well-known noise bias of FA (e.g. Pierpaoli & Basser 1996)
        var (b, g) = DtiSynth.Scheme(2, Dirs30, 2000);
        var s = DtiSynth.Signals(1, DtiSynth.Tensor(DtiSynth.Rotation(0, 0, 0), 0.5e-3, 0.5e-3, 0.5e-3), b, g);
        var snrs = new[] { 100.0, 40, 20, 10, 5 };
        var mean = new double[snrs.Length];
        foreach (var method in new[] { TensorFitMethod.Ols, TensorFitMethod.Wls })
        {
            var model = new TensorModel(b, g, new TensorFitOptions { Method = method });
            for (int k = 0; k < snrs.Length; k++)
            {
                var rng = new Random(2024 + k);
                var voxels = Enumerable.Range(0, 1000).Select(_ => s.Select(x => DtiSynth.Rician(x, 1 / snrs[k], rng)).ToArray()).ToList();
                var fit = model.Fit(DtiSynth.VolumeOf(10, 10, 10, voxels));
                mean[k] = fit.FA.Average(f => (double)f);
            }
            Assert.True(mean[0] > 0 && mean[0] < 0.05, $"{method}: mean FA at SNR 100 = {mean[0]:0.0000}");
            for (int k = 1; k < snrs.Length; k++)
                Assert.True(mean[k] > mean[k - 1] * 1.3, $"{method}: mean FA {string.Join(", ", mean.Select(m => m.ToString("0.0000")))} should rise as SNR falls ({string.Join(", ", snrs)})");
        }
    }

    [Fact]
    public void MaskLimitsTheFitAndSameResultWithAnyThreadCount()
    {
        var (b, g) = DtiSynth.Scheme(2, Dirs30, 2000);
        var rng = new Random(5);
        var voxels = Enumerable.Range(0, 6 * 5 * 4).Select(_ =>
        {
            var d = DtiSynth.Tensor(DtiSynth.Rotation(rng.NextDouble() * 6, rng.NextDouble() * 6, 0), 0.8e-3, 0.3e-3, 0.2e-3);
            return DtiSynth.Signals(1, d, b, g).Select(x => DtiSynth.Rician(x, 0.05, rng)).ToArray();
        }).ToList();
        var volume = DtiSynth.VolumeOf(6, 5, 4, voxels);
        var maskData = new float[volume.VoxelCount];
        for (int v = 0; v < maskData.Length; v++) maskData[v] = v % 3 == 0 ? 1 : 0;
        var mask = Volume.FromArray(volume, maskData, "mask");
        var progress = new List<long>();
        var one = new TensorModel(b, g, new TensorFitOptions { MaxThreads = 1, Method = TensorFitMethod.Wls }).Fit(volume, mask, new SyncProgress(progress));
        var all = new TensorModel(b, g, new TensorFitOptions { Method = TensorFitMethod.Wls }).Fit(volume, mask);
        Assert.Equal(40, one.FittedVoxels);
        Assert.Equal(one.FA, all.FA);
        Assert.Equal(one.RD, all.RD);
        Assert.Equal(one.V1[2], all.V1[2]);
        for (int v = 0; v < maskData.Length; v++)
        {
            if (maskData[v] > 0) Assert.True(one.FA[v] > 0.2 && one.FA[v] < 1, $"FA {one.FA[v]}");
            else Assert.True(one.FA[v] == 0 && one.MD[v] == 0 && one.S0[v] == 0 && one.V1[0][v] == 0);
        }
        Assert.Equal([1, 2, 3, 4], progress);
    }

    sealed class SyncProgress(List<long> list) : IProgress<long>
    {
        public void Report(long value) => list.Add(value);
    }

    [Fact]
    public void NonPositiveAndNaNSignalsAreFlooredAndScaleDoesNotMatter()
    {
        var (b, g) = DtiSynth.Scheme(2, Dirs30, 2000);
        var s = DtiSynth.Signals(1000, DtiSynth.Tensor(DtiSynth.Rotation(0.1, 0.2, 0.3), 0.8e-3, 0.3e-3, 0.2e-3), b, g);
        var model = new TensorModel(b, g);
        var reference = model.FitSignal(s)!.Value;
        // scaling every signal (and so the floor) changes only S0
        var scaled = model.FitSignal(s.Select(x => x * 1e-3).ToArray())!.Value;
        Assert.Equal(reference.FA, scaled.FA, 1e-12);
        Assert.Equal(1, scaled.MD / reference.MD, 1e-12);
        Assert.Equal(1, scaled.S0 / reference.S0 * 1e3, 1e-12);
        // a zero, a negative and a NaN DWI all become the floor 1e-6 x mean b0: finite, and all alike
        var fits = new[] { 0.0, -5.0, double.NaN, double.PositiveInfinity, 1e-6 * 1000 }.Select(bad =>
        {
            var t = (double[])s.Clone();
            t[7] = bad;
            return model.FitSignal(t)!.Value;
        }).ToArray();
        foreach (var f in fits)
        {
            Assert.True(double.IsFinite(f.FA) && f.FA >= 0 && f.FA <= 1);
            Assert.Equal(fits[^1].FA, f.FA, 1e-12);
            Assert.Equal(fits[^1].MD, f.MD, 1e-15);
        }
        // one bad b0 of two: the floor comes from the other; no positive b0 at all: not fitted
        var oneB0 = (double[])s.Clone();
        oneB0[0] = double.NaN;
        Assert.NotNull(model.FitSignal(oneB0));
        var noB0 = (double[])s.Clone();
        noB0[0] = 0; noB0[1] = -1;
        Assert.Null(model.FitSignal(noB0));
        var volume = DtiSynth.VolumeOf(2, 1, 1, [s, noB0]);
        var fit = model.Fit(volume);
        Assert.Equal(1, fit.FittedVoxels);
        Assert.Equal(0, fit.FA[1]);
        Assert.Equal(0, fit.MD[1]);
    }

    [Fact]
    public void NegativeEigenvaluesAreClippedToZero()
    {
        // a tensor with a negative eigenvalue (as noise can produce) is clipped like dipy does
        var (b, g) = DtiSynth.Scheme(1, Dirs30, 1000);
        var r = DtiSynth.Rotation(0.3, 0.6, 0.9);
        var t = new TensorModel(b, g).FitSignal(DtiSynth.Signals(1, DtiSynth.Tensor(r, 1e-3, 0.2e-3, -0.1e-3), b, g))!.Value;
        Assert.Equal(0, t.L3);
        Assert.Equal(1, t.L2 / 0.2e-3, 1e-9);
        var e = Expected(1e-3, 0.2e-3, 0);
        Assert.Equal(e.FA, t.FA, 1e-9);
    }

    [Fact]
    public void ProtocolModelUsesOnlyDiffusionChannels()
    {
        var protocol = Protocol.Default67();
        var model = new TensorModel(protocol);
        Assert.Equal(67, model.SourceChannelCount);
        Assert.Equal(64, model.Channels.Count);
        Assert.DoesNotContain(64, model.Channels);
        var shells = DiffusionShells.Split(protocol);
        var m2000 = new TensorModel(shells[0]);
        Assert.Equal(Enumerable.Range(0, 32), m2000.Channels);
    }

    // ---- bad input ----

    static string Error(Action a) => Assert.Throws<MrhException>(a).Message;

    [Fact]
    public void NoBZeroIsAClearError()
    {
        var (b, g) = DtiSynth.Scheme(0, Dirs30, 2000);
        Assert.Contains("no b0 image", Error(() => new TensorModel(b, g)));
        var noB0 = new Protocol(Protocol.Default67().Channels.Where(c => c.Kind != ChannelKind.B0).ToArray());
        Assert.Contains("no b0 image", Error(() => new TensorModel(noB0)));
    }

    [Fact]
    public void TooFewOrDegenerateDirectionsAreClearErrors()
    {
        var (b, g) = DtiSynth.Scheme(1, Dirs30.Take(5).ToArray(), 2000);
        Assert.Contains("5 non-collinear gradient directions", Error(() => new TensorModel(b, g)));
        // 8 images but only 4 directions (two repeated with opposite sign)
        var dirs = Dirs30.Take(4).Concat(Dirs30.Take(4).Select(d => d.Select(x => -x).ToArray())).ToArray();
        (b, g) = DtiSynth.Scheme(1, dirs, 2000);
        Assert.Contains("4 non-collinear", Error(() => new TensorModel(b, g)));
        // 8 directions all in the xy-plane: distinct, but they do not determine Dzz, Dxz, Dyz
        var planar = Enumerable.Range(0, 8).Select(i => new[] { Math.Cos(i * Math.PI / 8), Math.Sin(i * Math.PI / 8), 0 }).ToArray();
        (b, g) = DtiSynth.Scheme(1, planar, 2000);
        Assert.Contains("do not determine a tensor", Error(() => new TensorModel(b, g)));
        // a good shell does not rescue a bad one
        (b, g) = DtiSynth.Scheme(1, Dirs30, 2000);
        var (b2, g2) = DtiSynth.Scheme(0, Dirs30.Take(3).ToArray(), 5000);
        Assert.Contains("b = 5000 s/mm^2 shell has 3", Error(() => new TensorModel(b.Concat(b2).ToArray(), g.Concat(g2).ToArray())));
    }

    [Fact]
    public void WrongChannelCountOrMaskIsAClearError()
    {
        var (b, g) = DtiSynth.Scheme(2, Dirs30, 2000);
        var model = new TensorModel(b, g);
        var s = DtiSynth.Signals(1, DtiSynth.Tensor(DtiSynth.Rotation(0, 0, 0), 1e-3, 1e-3, 1e-3), b, g);
        var volume = DtiSynth.VolumeOf(2, 2, 2, Enumerable.Repeat(s, 8).ToList());
        Assert.Contains("has 31 channels but the model's", Error(() => model.Fit(volume.SelectChannels(Enumerable.Range(0, 31).ToArray()))));
        Assert.Contains("the mask is 2x2x3 voxels but the diffusion volume is 2x2x2", Error(() => model.Fit(volume, Volume.Zeros(2, 2, 3))));
        Assert.Contains("the mask has 2 channels", Error(() => model.Fit(volume, Volume.Zeros(2, 2, 2, 2))));
        Assert.Contains("got 31 signals", Error(() => model.FitSignal(s.AsSpan(0, 31))));
    }

    [Fact]
    public void BadOptionsAreClearErrors()
    {
        var (b, g) = DtiSynth.Scheme(2, Dirs30, 2000);
        Assert.Contains("signal floor", Error(() => new TensorModel(b, g, new TensorFitOptions { SignalFloor = 0 })));
        Assert.Contains("WLS iterations", Error(() => new TensorModel(b, g, new TensorFitOptions { WlsIterations = 0 })));
        Assert.Contains("threads", Error(() => new TensorModel(b, g, new TensorFitOptions { MaxThreads = 0 })));
    }
}
