using System.Globalization;

namespace Mrh.Experiments;

/// <summary>
/// The rules that turn <see cref="TrainingSizeFindings"/> into Fig. 1's "paper vs this run" table. The AUC of the
/// 60- and 6-animal networks is the paper's number; the single-animal case and the decline with fewer patches
/// are the paper's statements, judged with a tolerance of ours.
/// </summary>
public static class TrainingSizeClaims
{
    /// <summary>The paper: AUC &gt; 0.94 with the AF of 60 and of 6 animals (Fig. 1F).</summary>
    public const double ManyAnimalsAuc = 0.94;

    /// <summary>Our reading of the single-animal AUC (paper 0.937, varying with the animal): above 0.90 ...</summary>
    public const double SingleAnimalMinimumAuc = 0.90;

    /// <summary>... and not better than the 60- or 6-animal network by more than 0.01.</summary>
    public const double SingleAnimalMargin = 0.01;

    /// <summary>
    /// Fig. 1's table: AUC of cases i-iii, the decline with 5,000 and 1,000 patches, R² of case (i) for reference, and
    /// the standard MRH-AF (case ii) against the baselines (<see cref="BaselineClaims"/>).
    /// </summary>
    public static ClaimTable Table(TrainingSizeFindings f)
    {
        ArgumentNullException.ThrowIfNull(f);
        double Auc(string id) => f.Auc.TryGetValue(id, out var v) ? v : double.NaN;
        double Rmse(string id) => f.Rmse.TryGetValue(id, out var v) ? v : double.NaN;
        double i = Auc("i"), ii = Auc("ii"), iii = Auc("iii");
        double r3 = Rmse("iii"), r4 = Rmse("iv"), r5 = Rmse("v");
        bool? Judge(bool known, bool holds) => known ? holds : null;
        var table = new ClaimTable("Fig. 1")
            .Add("auc-i", "AUC with AF of 60 animals", "> 0.94", i, Judge(!double.IsNaN(i), i > ManyAnimalsAuc), note: "holds if > 0.94, the paper's bar")
            .Add("auc-ii", "AUC with AF of 6 animals", "> 0.94", ii, Judge(!double.IsNaN(ii), ii > ManyAnimalsAuc), note: "holds if > 0.94, the paper's bar")
            .Add("auc-iii", "AUC with AF of 1 animal (mean over repeats)", "0.937", iii,
                Judge(!double.IsNaN(iii) && !(double.IsNaN(i) && double.IsNaN(ii)),
                    iii > SingleAnimalMinimumAuc && iii <= Math.Max(double.IsNaN(i) ? double.MinValue : i, double.IsNaN(ii) ? double.MinValue : ii) + SingleAnimalMargin),
                note: "our rule, as the paper gives 0.937 without a bar: holds if > 0.90 and at most 0.01 above the better of (i) and (ii)")
            .Add("decline", "fewer patches (iv, v) do worse than one full animal (iii): higher RMSE", "yes",
                string.Create(CultureInfo.InvariantCulture, $"RMSE (iii) {r3:0.000} / (iv) {r4:0.000} / (v) {r5:0.000}"),
                Judge(!double.IsNaN(r3) && !double.IsNaN(r4) && !double.IsNaN(r5), r5 > r3 && r4 > r3),
                note: "holds if (iv) and (v) both have a higher RMSE than (iii)")
            .Add("r2-i", "R² of case (i) against the reference (first held-out animal)", "—", f.RSquaredCaseI, null, "0.00");
        BaselineClaims.AddRows(table, TrainingSizeFindings.BaselineNetwork, "AUC", f.Baselines);
        return table;
    }
}
