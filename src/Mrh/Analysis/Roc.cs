namespace Mrh.Analysis;

/// <summary>Which end of a score marks the positive class.</summary>
public enum Polarity
{
    /// <summary>High values are positive (hyper-intense structures: NF, MBP, Nissl).</summary>
    High,
    /// <summary>Low values are positive (hypo-intense structures: AF dark where myelin is dense).</summary>
    Low,
}

/// <summary>A point of a ROC curve: the rule "positive when score is at or beyond Threshold".</summary>
public sealed record OperatingPoint(double Threshold, double FalsePositiveRate, double TruePositiveRate)
{
    /// <summary>Youden's J = TPR - FPR (sensitivity + specificity - 1).</summary>
    public double YoudenJ => TruePositiveRate - FalsePositiveRate;
}

/// <summary>
/// A receiver operating characteristic curve: one point per distinct score, from (0, 0) to (1, 1).
/// Point i classifies as positive every sample whose score is at or beyond <see cref="Thresholds"/>[i]
/// (score &gt;= threshold for <see cref="Polarity.High"/>, score &lt;= threshold for
/// <see cref="Polarity.Low"/>); the first point's threshold is +/- infinity (nothing positive).
/// <see cref="Auc"/> is the trapezoidal area, which with tied scores grouped into one point equals the
/// Mann-Whitney U / (n1 n2) with ties counting one half.
/// </summary>
public sealed record RocCurve(double[] FalsePositiveRates, double[] TruePositiveRates, double[] Thresholds,
    double Auc, long Positives, long Negatives, Polarity Direction)
{
    public int Count => Thresholds.Length;

    public OperatingPoint Point(int i) => new(Thresholds[i], FalsePositiveRates[i], TruePositiveRates[i]);

    /// <summary>The point with the largest Youden's J (the first one on ties: the strictest threshold).</summary>
    public OperatingPoint Youden()
    {
        int best = 0;
        for (int i = 1; i < Count; i++)
            if (TruePositiveRates[i] - FalsePositiveRates[i] > TruePositiveRates[best] - FalsePositiveRates[best]) best = i;
        return Point(best);
    }

    /// <summary>
    /// The same curve without the points that lie on a straight segment between their neighbours
    /// (runs where only TPR or only FPR changes). The area and the corners are unchanged; plots get small.
    /// </summary>
    public RocCurve WithoutCollinearPoints()
    {
        if (Count <= 2) return this;
        var keep = new List<int> { 0 };
        for (int i = 1; i < Count - 1; i++)
        {
            double ax = FalsePositiveRates[i] - FalsePositiveRates[i - 1], ay = TruePositiveRates[i] - TruePositiveRates[i - 1];
            double bx = FalsePositiveRates[i + 1] - FalsePositiveRates[i], by = TruePositiveRates[i + 1] - TruePositiveRates[i];
            bool straight = (ax == 0 && bx == 0) || (ay == 0 && by == 0);
            if (!straight) keep.Add(i);
        }
        keep.Add(Count - 1);
        return this with
        {
            FalsePositiveRates = keep.Select(i => FalsePositiveRates[i]).ToArray(),
            TruePositiveRates = keep.Select(i => TruePositiveRates[i]).ToArray(),
            Thresholds = keep.Select(i => Thresholds[i]).ToArray(),
        };
    }
}

/// <summary>ROC curves and their area from scores and binary labels.</summary>
public static class Roc
{
    /// <summary>
    /// The ROC curve of <paramref name="scores"/> for <paramref name="labels"/> (true = positive).
    /// With <see cref="Polarity.Low"/>, low scores predict the positive class. Every distinct score is a
    /// threshold (ties are one point), so the curve and its area are exact.
    /// </summary>
    public static RocCurve Compute(IReadOnlyList<double> scores, IReadOnlyList<bool> labels, Polarity direction = Polarity.High)
    {
        ArgumentNullException.ThrowIfNull(scores);
        ArgumentNullException.ThrowIfNull(labels);
        if (scores.Count != labels.Count) throw new ArgumentException($"{scores.Count} scores but {labels.Count} labels");
        int n = scores.Count;
        var key = new double[n];
        var order = new int[n];
        long pos = 0;
        for (int i = 0; i < n; i++)
        {
            double s = scores[i];
            if (double.IsNaN(s)) throw new ArgumentException($"score {i} is NaN");
            key[i] = direction == Polarity.High ? -s : s; // ascending key = most positive first
            order[i] = i;
            if (labels[i]) pos++;
        }
        long neg = n - pos;
        if (pos == 0 || neg == 0)
            throw new MrhException($"a ROC curve needs both classes (got {pos} positive and {neg} negative samples)");
        Array.Sort(key, order);

        var fpr = new List<double> { 0 };
        var tpr = new List<double> { 0 };
        var thr = new List<double> { direction == Polarity.High ? double.PositiveInfinity : double.NegativeInfinity };
        long tp = 0, fp = 0;
        double area2 = 0; // twice the area in units of one positive x one negative
        for (int i = 0; i < n;)
        {
            long tp0 = tp, fp0 = fp;
            double k = key[i];
            while (i < n && key[i] == k)
            {
                if (labels[order[i]]) tp++; else fp++;
                i++;
            }
            area2 += (double)(fp - fp0) * (tp + tp0);
            fpr.Add((double)fp / neg);
            tpr.Add((double)tp / pos);
            thr.Add(direction == Polarity.High ? -k : k);
        }
        double auc = area2 / (2.0 * pos * neg);
        return new RocCurve(fpr.ToArray(), tpr.ToArray(), thr.ToArray(), auc, pos, neg, direction);
    }

    /// <summary>
    /// The Mann-Whitney estimate of the area under the ROC curve, computed from mid-ranks:
    /// (R1 - n1 (n1 + 1) / 2) / (n1 n2), i.e. P(score of a positive beyond that of a negative) + P(tie) / 2.
    /// Independent of <see cref="Compute"/>; the two agree exactly.
    /// </summary>
    public static double MannWhitneyAuc(IReadOnlyList<double> scores, IReadOnlyList<bool> labels, Polarity direction = Polarity.High)
    {
        ArgumentNullException.ThrowIfNull(scores);
        ArgumentNullException.ThrowIfNull(labels);
        if (scores.Count != labels.Count) throw new ArgumentException($"{scores.Count} scores but {labels.Count} labels");
        int n = scores.Count;
        var key = new double[n];
        var order = new int[n];
        for (int i = 0; i < n; i++) { key[i] = direction == Polarity.High ? scores[i] : -scores[i]; order[i] = i; }
        Array.Sort(key, order);
        double rankSum = 0;
        long n1 = 0;
        for (int i = 0; i < n;)
        {
            int j = i;
            while (j < n && key[j] == key[i]) j++;
            double midRank = (i + 1 + j) / 2.0; // ranks i+1 .. j
            for (int t = i; t < j; t++)
                if (labels[order[t]]) { rankSum += midRank; n1++; }
            i = j;
        }
        long n2 = n - n1;
        if (n1 == 0 || n2 == 0) throw new MrhException($"the AUC needs both classes (got {n1} positive and {n2} negative samples)");
        return (rankSum - n1 * (n1 + 1) / 2.0) / ((double)n1 * n2);
    }
}
