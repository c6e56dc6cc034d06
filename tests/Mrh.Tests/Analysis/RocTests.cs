using Mrh.Analysis;

namespace Mrh.Tests.Analysis;

public class RocTests
{
    [Fact]
    public void SeparableClassesGiveOneAndReversedGiveZero()
    {
        double[] s = [0.1, 0.2, 0.3, 0.7, 0.8, 0.9];
        bool[] y = [false, false, false, true, true, true];
        Assert.Equal(1, Roc.Compute(s, y).Auc, 15);
        Assert.Equal(0, Roc.Compute(s, y, Polarity.Low).Auc, 15);
        var youden = Roc.Compute(s, y).Youden();
        Assert.Equal(0.7, youden.Threshold);
        Assert.Equal(1, youden.YoudenJ);
    }

    [Fact]
    public void IdenticalDistributionsGiveOneHalf()
    {
        // every score appears once in each class: all comparisons are ties or balanced
        double[] s = [1, 2, 3, 4, 1, 2, 3, 4];
        bool[] y = [true, true, true, true, false, false, false, false];
        Assert.Equal(0.5, Roc.Compute(s, y).Auc, 15);
        Assert.Equal(0.5, Roc.MannWhitneyAuc(s, y), 15);
        // all scores equal: one tie counting one half
        Assert.Equal(0.5, Roc.Compute([5, 5, 5], [true, false, false]).Auc, 15);
    }

    [Fact]
    public void HandWorkedCaseWithTies()
    {
        // positives 3, 2, 2; negatives 2, 1. Pairs (p, n): (3,2)=1 (3,1)=1 (2,2)=1/2 (2,1)=1 twice (2,2)=1/2 -> 5/6
        double[] s = [3, 2, 2, 2, 1];
        bool[] y = [true, true, true, false, false];
        var roc = Roc.Compute(s, y);
        Assert.Equal(5.0 / 6, roc.Auc, 15);
        Assert.Equal([0, 0, 0.5, 1], roc.FalsePositiveRates);
        Assert.Equal([0, 1.0 / 3, 1, 1], roc.TruePositiveRates);
        Assert.Equal([double.PositiveInfinity, 3, 2, 1], roc.Thresholds);
    }

    [Fact]
    public void AucEqualsMannWhitneyOnRandomTiedData()
    {
        var r = new Random(11);
        for (int trial = 0; trial < 20; trial++)
        {
            int n = 50 + r.Next(200);
            var s = new double[n];
            var y = new bool[n];
            for (int i = 0; i < n; i++) { y[i] = r.NextDouble() < 0.3; s[i] = r.Next(8) + (y[i] ? 1 : 0); }
            if (y.All(b => b) || !y.Any(b => b)) continue;
            // brute force over all pairs
            double u = 0; long pairs = 0;
            for (int i = 0; i < n; i++)
                for (int j = 0; j < n; j++)
                    if (y[i] && !y[j]) { u += s[i] > s[j] ? 1 : s[i] == s[j] ? 0.5 : 0; pairs++; }
            Assert.Equal(u / pairs, Roc.Compute(s, y).Auc, 12);
            Assert.Equal(u / pairs, Roc.MannWhitneyAuc(s, y), 12);
            Assert.Equal(1 - u / pairs, Roc.Compute(s, y, Polarity.Low).Auc, 12);
        }
    }

    [Fact]
    public void MatchesScikitLearn()
    {
        var f = Fixtures.Get("roc");
        var s = f.GetProperty("scores").Floats().Select(v => (double)v).ToArray();
        var y = f.GetProperty("labels").Bools();
        var roc = Roc.Compute(s, y);
        Assert.Equal(f.Number("auc"), roc.Auc, 12);
        Assert.Equal(f.Number("aucLowPositive"), Roc.Compute(s, y, Polarity.Low).Auc, 12);
        var fpr = f.GetProperty("fpr").Doubles();
        var tpr = f.GetProperty("tpr").Doubles();
        Assert.Equal(fpr.Length, roc.Count);
        for (int i = 0; i < fpr.Length; i++)
        {
            Assert.Equal(fpr[i], roc.FalsePositiveRates[i], 12);
            Assert.Equal(tpr[i], roc.TruePositiveRates[i], 12);
        }
        // scikit-learn 1.2 writes max + 1 as the first threshold; the others are the distinct scores
        var thr = f.GetProperty("thresholds").EnumerateArray().Skip(1).Select(e => e.GetDouble()).ToArray();
        Assert.Equal(thr, roc.Thresholds.Skip(1).ToArray());
    }

    [Fact]
    public void ThinningKeepsTheAreaAndTheCorners()
    {
        var r = new Random(5);
        var s = Enumerable.Range(0, 400).Select(_ => r.NextDouble()).ToArray();
        var y = s.Select(v => r.NextDouble() < v).ToArray();
        var roc = Roc.Compute(s, y);
        var thin = roc.WithoutCollinearPoints();
        Assert.True(thin.Count < roc.Count);
        double area = 0;
        for (int i = 1; i < thin.Count; i++)
            area += (thin.FalsePositiveRates[i] - thin.FalsePositiveRates[i - 1]) * (thin.TruePositiveRates[i] + thin.TruePositiveRates[i - 1]) / 2;
        Assert.Equal(roc.Auc, area, 12);
    }

    [Fact]
    public void StructuresComeFromTheOtsuThresholdOfTheReference()
    {
        // reference: dark structure (value 10) in a bright background (value 50), region excludes the last voxel
        float[] reference = [10, 10, 10, 50, 50, 50, 50, 0];
        float[] prediction = [12, 20, 14, 45, 60, 13, 55, 999];
        bool[] region = [true, true, true, true, true, true, true, false];
        var low = StructureRoc.Compute(prediction, reference, region, Polarity.Low);
        Assert.InRange(low.ReferenceThreshold, 10, 50);
        // positives (dark) score 12, 20, 14; negatives 45, 60, 13, 55.
        // pairs where the positive scores lower: 12 < {45, 60, 13, 55} = 4, 20 < {45, 60, 55} = 3, 14 < {45, 60, 55} = 3 -> 10 of 12
        Assert.Equal(10.0 / 12, low.Auc, 12);
        var high = StructureRoc.Compute(prediction, reference, region, Polarity.High);
        Assert.Equal(10.0 / 12, high.Auc, 12);
        Assert.Equal(Polarity.Low, low.Curve.Direction);
        // sweeping upwards: at 20 every dark voxel is found and only 13 of the bright ones: J = 1 - 1/4
        Assert.Equal(new OperatingPoint(20, 0.25, 1), low.Optimal);
    }
}
