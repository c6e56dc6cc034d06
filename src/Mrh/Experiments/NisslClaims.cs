namespace Mrh.Experiments;

/// <summary>
/// The rules that turn <see cref="NisslFindings"/> into the Fig. 4 "paper vs this run" table. The paper gives no
/// numbers for Fig. 4 except the heterotopia's significance, so "good agreement", "separated", "falls only in
/// high-Nissl" and "equal" are turned into the thresholds below (ours, fixed before the runs).
/// </summary>
public static class NisslClaims
{
    /// <summary>Our reading of "good agreement" (Fig. 4B): the PGSE + OGSE network's AUC above 0.85.</summary>
    public const double GoodAuc = 0.85;

    /// <summary>Our reading of "separated" (Fig. 4C): 10-NN agreement above 0.8 ...</summary>
    public const double SeparatedAgreement = 0.8;

    /// <summary>... and at least 0.2 above the agreement expected by chance.</summary>
    public const double SeparatedAboveChance = 0.2;

    /// <summary>Our reading of "falls only in high-Nissl" (Fig. 4D): S/S0 of high-Nissl voxels falls, by more than twice the change of low-Nissl voxels.</summary>
    public const double FrequencyRatio = 2;

    /// <summary>Our reading of "contribute equally" (Fig. 4E, four sets of ten images: 25% each): every set's share of the diffusion-weighted contribution above 15% ...</summary>
    public const double EqualShareMin = 0.15;

    /// <summary>... and below 35%.</summary>
    public const double EqualShareMax = 0.35;

    /// <summary>Significance level of the heterotopia t-test (the paper's p &lt; 0.05).</summary>
    public const double Significance = 0.05;

    /// <summary>The set that is not diffusion weighted and is left out of the equal-contribution claim.</summary>
    public const string B0Set = "b0";

    /// <summary>"Good agreement": the PGSE + OGSE network's AUC above <see cref="GoodAuc"/>.</summary>
    public static bool AucHolds(double auc) => auc > GoodAuc;

    /// <summary>"Separated": 10-NN agreement above <see cref="SeparatedAgreement"/> and <see cref="SeparatedAboveChance"/> above chance.</summary>
    public static bool SeparationHolds(double agreement, double chance) => agreement > SeparatedAgreement && agreement > chance + SeparatedAboveChance;

    /// <summary>"Falls only in high-Nissl": the high-Nissl S/S0 falls, by more than <see cref="FrequencyRatio"/> times the low-Nissl change.</summary>
    public static bool FrequencyHolds(double highChange, double lowChange) => highChange < 0 && Math.Abs(highChange) > FrequencyRatio * Math.Abs(lowChange);

    /// <summary>The Fig. 4 table: AUCs, PGSE + OGSE against PGSE, feature space, frequency, contributions, heterotopia.</summary>
    public static ClaimTable Table(NisslFindings f)
    {
        ArgumentNullException.ThrowIfNull(f);
        var (both, pgse, ogse) = (f.Both, f.Pgse, f.Ogse);
        var dw = f.SetShares.Where(s => s.Set != B0Set).ToList();
        double dwTotal = dw.Sum(s => s.Share);
        var dwShares = dw.Select(s => s.Share / dwTotal).ToArray();
        return new ClaimTable("Fig. 4")
            .Add("auc-both", "AUC of cell-dense structures, PGSE + OGSE network, test part", "good agreement (no AUC given)", both.Auc, AucHolds(both.Auc),
                note: "holds if > 0.85")
            .Add("auc-pgse", "AUC, PGSE-only network", "lower than PGSE + OGSE", pgse.Auc, null)
            .Add("auc-ogse", "AUC, OGSE-only network", "— (shown, no number)", ogse.Auc, null)
            .Add("both-vs-pgse", "PGSE + OGSE beats PGSE only (AUC; sensitivity and specificity at the optimal point)", "higher sensitivity and specificity",
                $"AUC {both.Auc:0.000} vs {pgse.Auc:0.000}; sens {both.Sensitivity:0.000} vs {pgse.Sensitivity:0.000}; spec {both.Specificity:0.000} vs {pgse.Specificity:0.000}",
                both.Auc > pgse.Auc && both.Specificity + both.Sensitivity > pgse.Specificity + pgse.Sensitivity,
                note: "holds if AUC and sensitivity + specificity are higher")
            .Add("tsne", "low-Nissl patches separate from high-Nissl patches in the feature space (10-NN agreement)", "separated",
                $"{f.NeighbourAgreement:0.000} (chance {f.NeighbourChance:0.000})",
                SeparationHolds(f.NeighbourAgreement, f.NeighbourChance),
                note: "holds if > 0.8 and 0.2 above chance")
            .Add("frequency", "S/S0 falls with frequency in high-Nissl voxels, not in the others (change PGSE → highest frequency)", "falls only in high-Nissl",
                $"high {f.HighNisslChange:+0.000;-0.000} / low {f.LowNisslChange:+0.000;-0.000}",
                FrequencyHolds(f.HighNisslChange, f.LowNisslChange),
                note: "holds if high falls and by more than twice the change of low")
            .Add("contribution", "PGSE and the three OGSE sets contribute equally (share of the diffusion-weighted contribution)", "equal (25% each)",
                string.Join(" / ", dw.Select((s, i) => $"{s.Set} {100 * dwShares[i]:0}%")), dwShares.All(s => s > EqualShareMin && s < EqualShareMax),
                note: "holds if every set takes 15–35%")
            .Add("heterotopia", "MRH-Nissl is higher in the sas4 heterotopia region than in controls (unpaired t-test)", "matches Nissl histology",
                $"{f.PredictedMutant:0.000} vs {f.PredictedControl:0.000}, p = {f.PredictedP:0.0e0} (Nissl p = {f.NisslP:0.0e0})",
                f.PredictedDifference > 0 && f.PredictedP < Significance);
    }
}
