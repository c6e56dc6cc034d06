using Mrh.Analysis;
using Mrh.Imaging;
using Mrh.Phantom;
using CubicBSpline = Mrh.Phantom.CubicBSpline;

namespace Mrh.Tests.Phantom;

public class SmoothDisplacementTests
{
    [Fact]
    public void MagnitudesFollowAChiDistributionWithTwoDegreesOfFreedom()
    {
        // for a 2D isotropic Gaussian displacement the magnitude is Rayleigh: E[r]^2 / E[r^2] = pi / 4
        var f = SmoothDisplacement.Random(60, 60, 40, 0.1, 1.5, seed: 3, controlSpacingMm: 1.0);
        var r = f.Magnitudes();
        double m1 = r.Average(v => (double)v), m2 = r.Average(v => (double)v * v);
        Assert.Equal(1.5, m1, 6);
        Assert.InRange(m1 * m1 / m2, Math.PI / 4 - 0.04, Math.PI / 4 + 0.04);
    }

    [Fact]
    public void BSplinePrefilterInterpolatesTheSamples()
    {
        var rng = new Rng(5);
        var samples = Enumerable.Range(0, 12).Select(_ => rng.NextGaussian()).ToArray();
        var coef = (double[])samples.Clone();
        CubicBSpline.Prefilter(coef);
        // the spline at integer position k is (c[k-1] + 4 c[k] + c[k+1]) / 6 (mirror at the ends)
        for (int k = 1; k < samples.Length - 1; k++)
            Assert.Equal(samples[k], (coef[k - 1] + 4 * coef[k] + coef[k + 1]) / 6, 9);
    }

    [Fact]
    public void WarpMovesContentByTheDisplacement()
    {
        int nx = 8, ny = 6, nz = 4, n = nx * ny * nz;
        var data = new float[n];
        for (int i = 0; i < n; i++) data[i] = i % nx; // value = x index
        var dx = Enumerable.Repeat(1.5f, n).ToArray();
        var field = new DisplacementField(nx, ny, nz, dx, new float[n], new float[n]);
        var warped = field.Warp(data);
        Assert.Equal(3.5f, warped[2], 5);          // output(x=2) = data(x=3.5)
        Assert.Equal(nx - 1, warped[nx - 1], 5);   // clamped at the edge
    }

    [Fact]
    public void IndependentSectionsAreUncorrelatedAlongAnteriorPosterior()
    {
        var smooth = SmoothDisplacement.Random(30, 30, 30, 0.1, 1.5, seed: 4);
        // the phantom's section-by-section part: one field per coronal section
        var sections = PixelMismatch.RandomField(new Volume(30, 30, 30, [new float[27000]], [0.1, 0.1, 0.1]), new PixelMismatchOptions(1.5, Seed: 4));
        Assert.True(NeighbourCorrelation(smooth) > 0.9);
        Assert.InRange(NeighbourCorrelation(sections), -0.3, 0.3);

        static double NeighbourCorrelation(DisplacementField f)
        {
            double sab = 0, saa = 0, sbb = 0;
            for (int z = 0; z + 1 < f.NZ; z++)
                for (int i = 0; i < f.NX * f.NY; i++)
                {
                    double a = f.Dx[z * f.NX * f.NY + i], b = f.Dx[(z + 1) * f.NX * f.NY + i];
                    sab += a * b; saa += a * a; sbb += b * b;
                }
            return sab / Math.Sqrt(saa * sbb);
        }
    }
}
