using Mrh.Phantom;

namespace Mrh.Tests.Phantom;

public class DiffusionKernelTests
{
    /// <summary>
    /// Murday-Cotts against a Monte Carlo random walk in a reflecting sphere (Reference/sphere_mc.py,
    /// numpy, 2 x 100,000 walkers, dt 0.01 ms, D 0.8 µm²/ms, δ/Δ 4/12 ms, b 300 s/mm²).
    /// </summary>
    [Theory]
    [InlineData(3.5, 0.15351)]
    [InlineData(5.5, 0.34326)]
    public void PgseSphereMatchesMonteCarlo(double radius, double monteCarlo)
    {
        double d = RestrictedDiffusion.SpherePgse(radius, 0.8, 4, 12);
        Assert.InRange(d / monteCarlo, 0.97, 1.03);
    }

    [Fact]
    public void LargeSpheresDiffuseFreely()
    {
        Assert.Equal(0.8, RestrictedDiffusion.SpherePgse(500, 0.8, 4, 12), 2);
        Assert.Equal(0.8, RestrictedDiffusion.SphereOgse(500, 0.8, 100), 2);
    }

    [Fact]
    public void OgseDiffusivityRisesWithFrequencyMostForSmallCells()
    {
        double Rise(double r) => RestrictedDiffusion.SphereOgse(r, 0.8, 150) / RestrictedDiffusion.SphereOgse(r, 0.8, 50);
        double pgse = RestrictedDiffusion.SpherePgse(3.5, 0.8, 4, 12);
        Assert.True(pgse < RestrictedDiffusion.SphereOgse(3.5, 0.8, 50));
        Assert.True(RestrictedDiffusion.SphereOgse(3.5, 0.8, 50) < RestrictedDiffusion.SphereOgse(3.5, 0.8, 100));
        Assert.True(Rise(3.5) > Rise(6) && Rise(6) > 1.0);
        // low frequencies: D(w) grows as w^2 (a restricted compartment has no long-time diffusivity)
        double d1 = RestrictedDiffusion.SphereOgse(3.5, 0.8, 1), d2 = RestrictedDiffusion.SphereOgse(3.5, 0.8, 2);
        Assert.Equal(4.0, d2 / d1, 1);
    }

    [Theory]
    [InlineData(0.34, 5.0, 0.6, 0.0)]
    [InlineData(0.6, 2.0, 0.62, 0.3)]
    [InlineData(0.9, 5.0, 0.6, 0.0)]
    [InlineData(0.97, 5.0, 0.6, 0.05)]
    public void DispersedZeppelinSeriesMatchesDirectIntegration(double tau, double b, double dPar, double dPerp)
    {
        // Watson concentration for tau by bisection, then the signal by brute-force quadrature over the sphere
        double lo = 0, hi = 3000;
        for (int i = 0; i < 80; i++) { double mid = (lo + hi) / 2; if (FibreResponse.WatsonTau(mid) < tau) lo = mid; else hi = mid; }
        double kappa = (lo + hi) / 2;
        Span<double> moments = stackalloc double[FibreResponse.Terms];
        Span<double> poly = stackalloc double[FibreResponse.Terms];
        FibreResponse.WatsonMoments(tau, moments);
        poly.Clear();
        FibreResponse.AddCompartment(poly, 1, b, dPar, dPerp, moments);
        foreach (double cosGradient in new[] { 0.0, 0.4, 0.8, 1.0 })
        {
            double direct = Direct(kappa, b, dPar, dPerp, cosGradient);
            Assert.Equal(direct, FibreResponse.Evaluate(poly, cosGradient * cosGradient), 3);
        }
    }

    /// <summary>Quadrature over polar angle (fine near the poles, where a concentrated Watson lives) and azimuth.</summary>
    static double Direct(double kappa, double b, double dPar, double dPerp, double cosGradient)
    {
        const int nTheta = 3000, nPhi = 256;
        double sinG = Math.Sqrt(1 - cosGradient * cosGradient), num = 0, den = 0;
        for (int i = 0; i < nTheta; i++)
        {
            double theta = (i + 0.5) * Math.PI / nTheta, ct = Math.Cos(theta), st = Math.Sin(theta);
            double w = Math.Exp(kappa * (ct * ct - 1)) * st;
            for (int j = 0; j < nPhi; j++)
            {
                double phi = (j + 0.5) * 2 * Math.PI / nPhi;
                double gn = sinG * st * Math.Cos(phi) + cosGradient * ct;
                num += w * Math.Exp(-b * (dPerp + (dPar - dPerp) * gn * gn));
                den += w;
            }
        }
        return num / den;
    }
}
