using Mrh.Analysis;

namespace Mrh.Tests.Analysis;

public class LinearFitTests
{
    [Fact]
    public void HandWorkedCase()
    {
        // x = 1..4, y = 2, 4, 5, 8: mean 2.5, 4.75; Sxx = 5, Sxy = 9.5, Syy = 18.75
        var fit = LinearFit.Compute([1, 2, 3, 4], [2, 4, 5, 8]);
        Assert.Equal(1.9, fit.Slope, 12);
        Assert.Equal(4.75 - 1.9 * 2.5, fit.Intercept, 12);
        Assert.Equal(9.5 * 9.5 / (5 * 18.75), fit.RSquared, 12);
        Assert.Equal(4, fit.Count);
    }

    [Fact]
    public void MatchesScipyLinregress()
    {
        var f = Fixtures.Get("linearFit");
        var fit = LinearFit.Compute(f.GetProperty("x").Floats(), f.GetProperty("y").Floats());
        Assert.Equal(f.Number("slope"), fit.Slope, 10);
        Assert.Equal(f.Number("intercept"), fit.Intercept, 10);
        Assert.Equal(f.Number("r"), fit.R, 10);
        Assert.Equal(f.Number("p"), fit.PValue, 10);
    }

    [Fact]
    public void PerfectFitHasPZeroAndMaskIsHonoured()
    {
        var fit = LinearFit.Compute([1, 2, 3, 50], [3, 5, 7, -1], [true, true, true, false]);
        Assert.Equal(1, fit.RSquared, 12);
        Assert.Equal(0, fit.PValue);
        Assert.Equal(2, fit.Slope, 12);
        Assert.Throws<MrhException>(() => LinearFit.Compute([1, 1, 1], [1, 2, 3]));
    }

    [Fact]
    public void CorrelationPValueFromTables()
    {
        // critical r at alpha 0.05 two-sided for n = 12 (df 10) is 0.576 (tables of Pearson's r);
        // exactly: r = t / sqrt(t^2 + df) with t = 2.228139
        double t = 2.2281388519649385, r = t / Math.Sqrt(t * t + 10);
        Assert.Equal(0.576, r, 3);
        Assert.Equal(0.05, LinearFit.CorrelationPValue(r, 12), 9);
    }
}
