using System.Globalization;

namespace Mrh.Experiments;

/// <summary>
/// Fig. 1 in a few plain sentences, written from this run's numbers (so they cannot contradict the tables): how the
/// AUC changes with the amount of AF to learn from, what fewer patches do to the error, whether a straight-line model
/// on the same patches does better, and why AUC and RMSE can rank the cases differently. For a reader without machine
/// learning, before the claims table.
/// </summary>
public static class TrainingSizeConclusion
{
    /// <summary>Why the two measures can disagree (the same for every run).</summary>
    public const string AucVersusRmse =
        "AUC and RMSE can rank the cases differently: AUC asks only whether the dark structures come out darker than " +
        "the rest (the order of the voxels), RMSE how far each predicted value is from the reference; a map with the " +
        "right order but values off in scale, or noisy, has a good AUC and a poor RMSE.";

    /// <summary>AUCs closer than this are "as well" in the sentences (ours; the third decimal is what the tables show).</summary>
    public const double SameAuc = 0.005;

    public static IReadOnlyList<string> Sentences(TrainingSizeFindings f)
    {
        ArgumentNullException.ThrowIfNull(f);
        var c = CultureInfo.InvariantCulture;
        double A(string id) => f.Auc.TryGetValue(id, out var v) ? v : double.NaN;
        double R(string id) => f.Rmse.TryGetValue(id, out var v) ? v : double.NaN;
        var lines = new List<string>();
        double i = A("i"), ii = A("ii"), iii = A("iii");
        if (!double.IsNaN(i) && !double.IsNaN(ii) && !double.IsNaN(iii))
        {
            string order = i >= ii && ii >= iii ? "falls as the network learns from less AF"
                : i >= Math.Max(ii, iii) && Math.Abs(ii - iii) < SameAuc ? "is highest with 60 animals, and 1 animal does as well as 6"
                : "does not fall steadily with less AF";
            lines.Add(string.Create(c, $"Less AF to learn from: the AUC {order} (60 animals {i:0.000}, 6 animals {ii:0.000}, " +
                                       $"1 animal {iii:0.000}; the paper: above 0.94, above 0.94, 0.937)."));
        }
        double r3 = R("iii"), r4 = R("iv"), r5 = R("v");
        if (!double.IsNaN(r3) && !double.IsNaN(r4) && !double.IsNaN(r5))
            lines.Add(string.Create(c, $"Fewer patches of one animal: the error (RMSE) {(r4 > r3 && r5 > r3 ? "rises" : "does not rise in both")} " +
                                       $"from {r3:0.000} (all patches) to {r4:0.000} (5,000) and {r5:0.000} (1,000), as in the paper."));
        if (f.Baselines?.FirstOrDefault(b => b.Baseline == BaselineModel.Linear) is { } linear)
        {
            var v = BaselineClaims.Judge(linear.Mrh, linear.BaselineValues);
            double net = linear.Mrh.Average(), line = linear.BaselineValues.Average();
            string what = v.Holds == true ? "the network does better than a straight-line model on the same patches"
                : line > net && v.PValue < BaselineClaims.Alpha ? "a straight-line model on the same patches does better than the network"
                : "the network and a straight-line model on the same patches do about as well (no significant difference)";
            string meaning = line > net && v.PValue < BaselineClaims.Alpha
                ? ": the numbers above are those of this preset's small network, not the best a map from these MRI images can do"
                : "";
            lines.Add(string.Create(c, $"On this synthetic brain {what} ({linear.Metric} {net:0.000} against {line:0.000}, " +
                                       $"p = {v.PValue:0.####}, {v.Animals} held-out animals){meaning}."));
        }
        lines.Add(AucVersusRmse);
        return lines;
    }
}
