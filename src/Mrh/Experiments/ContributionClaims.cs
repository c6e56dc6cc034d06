using Mrh.Plots;

namespace Mrh.Experiments;

/// <summary>
/// The rules that turn <see cref="ContributionFindings"/> into the Fig. 2 "paper vs this run" table. The paper
/// gives numbers for the shares and the imaging time (judged within a tolerance of ours) and a significance level
/// for the t-tests; "noticeably larger" and "comparable" are turned into the thresholds below.
/// </summary>
public static class ContributionClaims
{
    /// <summary>The top 4, 17 and 38 images of the paper's ranking (Results, Fig. 2B), which make <see cref="ContributionExperiment.PaperShares"/>.</summary>
    public static IReadOnlyList<int> PaperCounts { get; } = [4, 17, 38];

    /// <summary>Our tolerance on the cumulative shares: within ± 10 percentage points of the paper's 28/50/75%.</summary>
    public const double ShareTolerance = 0.10;

    /// <summary>Our reading of "noticeably larger": T2W and MT each at least twice the largest DWI group's mean contribution per image.</summary>
    public const double GroupRatio = 2;

    /// <summary>The paper's imaging time of the top 38 images: 57% of the whole protocol (Results, Fig. 2).</summary>
    public const double PaperImagingFraction = 0.57;

    /// <summary>Our tolerance on the imaging time: ± 5 percentage points.</summary>
    public const double ImagingTolerance = 0.05;

    /// <summary>Significance level of the paired t-tests of RMSE (the paper marks p = 0.028 with a star).</summary>
    public const double Significance = 0.05;

    /// <summary>Our reading of "comparable diagnostic power" (Fig. 2D): the top 38 images' AUC at most 0.01 below all images'.</summary>
    public const double AucTolerance = 0.01;

    /// <summary>The Fig. 2 table: shares of the top 4/17/38, T2W and MT, imaging time, the top 38 and top 4 networks, and their AUCs.</summary>
    public static ClaimTable Table(ContributionFindings f)
    {
        ArgumentNullException.ThrowIfNull(f);
        if (f.TopShares.Length != PaperCounts.Count || f.ImagesToReach.Length != PaperCounts.Count)
            throw new MrhException($"Fig. 2 findings need {PaperCounts.Count} shares and image counts (top {string.Join("/", PaperCounts)})");
        var claims = new ClaimTable("Fig. 2");
        for (int i = 0; i < PaperCounts.Count; i++)
        {
            double share = ContributionExperiment.PaperShares[i];
            claims.Add($"share-top{PaperCounts[i]}", $"the top {PaperCounts[i]} images carry {share:0%} of the total contribution",
                $"{share:0%} (top {PaperCounts[i]})", $"{f.TopShares[i]:0%}; {f.ImagesToReach[i]} images reach {share:0%}",
                Math.Abs(f.TopShares[i] - share) <= ShareTolerance);
        }
        var (all, top38, top4) = (f.All, f.Top38, f.Top4);
        return claims
            .Add("t2-mt", "noise on T2W and MT images changes the output noticeably more than on the DWIs (per image)", "noticeably larger",
                $"T2W {f.T2wPerImage:0.0%}, MT {f.MtPerImage:0.0%}, DWI at most {f.DwiPerImage:0.0%} per image",
                double.IsNaN(f.T2wPerImage + f.MtPerImage) ? null : Math.Min(f.T2wPerImage, f.MtPerImage) >= GroupRatio * f.DwiPerImage,
                note: "holds if each of T2W and MT is at least twice the DWI groups' mean per image")
            .Add("time-38", "the top 38 images need 57% of the imaging time", "57%", $"{top38.ImagingFraction:0%}",
                Math.Abs(top38.ImagingFraction - PaperImagingFraction) <= ImagingTolerance, note: "per-image times are our assumption (scaled by TR)")
            .Add("rmse-38", "the top 38 images: RMSE comparable to all images (not significantly worse, paired t-test)", "comparable",
                $"{top38.Rmse:0.0000} vs {all.Rmse:0.0000}, {BarPlot.FormatP(top38.PValue ?? double.NaN)}",
                top38.PValue is { } p38 ? !(p38 < Significance && top38.RmseDifference > 0) : null,
                note: $"top 38 RMSE {top38.Rmse / all.Rmse - 1:+0%;-0%} relative to all; n = {f.TestAnimals} held-out animals")
            .Add("auc-38", "the top 38 images: diagnostic power comparable to all (AUC within 0.01)", "comparable (Fig. 2D)",
                $"{top38.Auc:0.000} vs {all.Auc:0.000}", top38.Auc >= all.Auc - AucTolerance)
            .Add("rmse-4", "the top 4 images do significantly worse than all (RMSE, t-test)", "* p = 0.028",
                $"{top4.Rmse:0.0000} vs {all.Rmse:0.0000}, {BarPlot.FormatP(top4.PValue ?? double.NaN)}",
                top4.PValue is { } p4 ? p4 < Significance && top4.RmseDifference > 0 : null,
                note: "the legend does not say which pair the * marks; we read it as the smallest subset")
            .Add("aucs", "AUC of the top 4 / 17 / 38 / all images", "in Fig. 2D (not in the text)",
                string.Join(" / ", f.Aucs.Select(a => $"{a:0.000}")), null);
    }
}
