using Mrh.Analysis;

namespace Mrh.Tests.Analysis;

public class TTestTests
{
    // Student (1908) / Cushny & Peebles: extra hours of sleep under two drugs, ten patients (R's `sleep`).
    static readonly double[] Drug1 = [0.7, -1.6, -0.2, -1.2, -0.1, 3.4, 3.7, 0.8, 0.0, 2.0];
    static readonly double[] Drug2 = [1.9, 0.8, 1.1, 0.1, -0.1, 4.4, 5.5, 1.6, 4.6, 3.4];

    [Fact]
    public void CriticalValuesMatchPublishedTables()
    {
        // two-sided 5% critical values of Student's t (any statistics textbook table)
        Assert.Equal(2.228, TTest.CriticalValue(10), 3);
        Assert.Equal(12.706, TTest.CriticalValue(1), 3);
        Assert.Equal(2.086, TTest.CriticalValue(20), 3);
        Assert.Equal(3.169, TTest.CriticalValue(10, 0.01), 3);
        // and back: the tabulated t gives the tabulated p
        Assert.Equal(0.05, TTest.TwoSidedP(2.228, 10), 4);
        Assert.Equal(0.01, TTest.TwoSidedP(3.169, 10), 4);
        Assert.Equal(0.10, TTest.TwoSidedP(1.812, 10), 3); // table t rounded from 1.8125
        Assert.Equal(0.05, TTest.TwoSidedP(-2.228, 10), 4);
    }

    [Fact]
    public void StudentsSleepDataTextbookValues()
    {
        // published results (R: t.test(extra ~ group, data = sleep, ...)):
        // paired t = -4.0621, df = 9, p = 0.002833; Welch t = -1.8608, df = 17.776, p = 0.07939;
        // Student t = -1.8608, df = 18, p = 0.07919; means 0.75 and 2.33
        var paired = TTest.Paired(Drug1, Drug2);
        Assert.Equal(-4.0621, paired.T, 4);
        Assert.Equal(9, paired.DegreesOfFreedom);
        Assert.Equal(0.002833, paired.PValue, 6);
        Assert.Equal(-1.58, paired.MeanDifference, 12);

        var welch = TTest.Welch(Drug1, Drug2);
        Assert.Equal(-1.8608, welch.T, 4);
        Assert.Equal(17.776, welch.DegreesOfFreedom, 3);
        Assert.Equal(0.07939, welch.PValue, 5);

        var student = TTest.Unpaired(Drug1, Drug2);
        Assert.Equal(TTestKind.Student, student.Kind);
        Assert.Equal(-1.8608, student.T, 4);
        Assert.Equal(18, student.DegreesOfFreedom);
        Assert.Equal(0.07919, student.PValue, 5);
        Assert.False(student.IsSignificant());
        Assert.True(paired.IsSignificant());

        var s = Descriptive.Summarize(Drug1);
        Assert.Equal(0.75, s.Mean, 12);
        Assert.Equal(1.789010, s.StandardDeviation, 6);
    }

    [Fact]
    public void MatchesScipy()
    {
        var f = Fixtures.Get("tTest");
        var a = f.GetProperty("a").Doubles();
        var b = f.GetProperty("b").Doubles();
        var st = TTest.Unpaired(a, b);
        Assert.Equal(f.Number("studentT"), st.T, 10);
        Assert.Equal(f.Number("studentP"), st.PValue, 10);
        var we = TTest.Welch(a, b);
        Assert.Equal(f.Number("welchT"), we.T, 10);
        Assert.Equal(f.Number("welchDf"), we.DegreesOfFreedom, 10);
        Assert.Equal(f.Number("welchP"), we.PValue, 10);
        var pr = TTest.Paired(f.GetProperty("pairedA").Doubles(), f.GetProperty("pairedB").Doubles());
        Assert.Equal(f.Number("pairedT"), pr.T, 10);
        Assert.Equal(f.Number("pairedP"), pr.PValue, 10);
    }

    [Fact]
    public void DegenerateInputsAreErrors()
    {
        Assert.Throws<ArgumentException>(() => TTest.Unpaired([1.0], [2.0, 3.0]));
        Assert.Throws<ArgumentException>(() => TTest.Paired([1.0, 2.0], [1.0]));
        Assert.Throws<ArgumentException>(() => TTest.Unpaired([1.0, 1.0], [1.0, 1.0]));
        var separated = TTest.Unpaired([1.0, 1.0], [2.0, 2.0]);
        Assert.Equal(0, separated.PValue);
    }
}
