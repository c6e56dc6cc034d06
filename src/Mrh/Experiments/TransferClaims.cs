namespace Mrh.Experiments;

/// <summary>
/// Fig. 3's "paper vs this run" table from the measured numbers (<see cref="TransferFindings"/>): which claims of
/// the paper hold on this data, by the rules and tolerances below.
/// </summary>
public static class TransferClaims
{
    /// <summary>The regions of the ROC claims (paper, Fig. 3B, F, G).</summary>
    public static readonly IReadOnlyList<string> RocRegions = [BrainRegions.WholeBrain, BrainRegions.Cortex, BrainRegions.Hippocampus];

    /// <summary>The classic markers a network is compared with (MTR, FA and DR at b = 2,000 and 5,000 s/mm²).</summary>
    public static IReadOnlyList<string> Markers { get; } = ClassicMarker.Fig3.Select(m => m.Name).ToArray();

    /// <summary>
    /// How close the hippocampal AUCs of MRH-MBP and DR at b = 5,000 must be for the paper's "closely follows"
    /// (Fig. 3G; the paper gives no number — our tolerance).
    /// </summary>
    public const double HippocampusDrTolerance = 0.05;

    /// <summary>How far this run's R² may be from the paper's (our tolerance).</summary>
    public const double RSquaredTolerance = 0.1;

    /// <summary>The paper's R²: MRH-AF 0.73 (Supplementary Fig. 3A, case i), MRH-NF 0.61 and MRH-MBP 0.73 (Supplementary Fig. 3B-C).</summary>
    /// <summary>The R² rule: within <see cref="RSquaredTolerance"/> of the paper's value (NaN: does not hold).</summary>
    public static bool RSquaredHolds(double r2, double paper) => Math.Abs(r2 - paper) <= RSquaredTolerance;

    public static readonly IReadOnlyList<(string Stain, double RSquared)> PaperRSquared = [("AF", 0.73), ("NF", 0.61), ("MBP", 0.73)];

    /// <summary>Significance level of the shiverer t-tests (the paper's p &lt; 0.05).</summary>
    public const double ShivererAlpha = 0.05;

    /// <summary>
    /// The shiverer measures, the paper's p-values (Fig. 3E, n = 5/5) and whether the paper found a significant
    /// difference (MRH-MBP and MTR yes, DR no).
    /// </summary>
    public static readonly IReadOnlyList<(string Measure, string Paper, bool Significant)> PaperShiverer =
    [
        ("MRH-MBP", "p = 0.00018", true), (ClassicMarker.Mtr.Name, "p = 0.0061", true),
        (ClassicMarker.DrLow.Name, "p = 0.475", false), (ClassicMarker.DrHigh.Name, "p = 0.475 (shell not stated)", false),
    ];

    /// <summary>
    /// Significance level every paired contribution test must reach: the paper's Fig. 3H tests are all below
    /// p = 0.005 (n = 4).
    /// </summary>
    public const double ContributionAlpha = 0.005;

    /// <summary>The paper's p-values of the T2W / MT / DWI-low / DWI-high contribution tests (Fig. 3H).</summary>
    public static readonly IReadOnlyList<(string Stain, string Paper)> PaperContributions =
        [("NF", "p = 0.0043 / 0.000021 / 0.00072 / 0.0014"), ("MBP", "p = 0.000058 / 0.000035 / 0.000002 / 0.00392")];

    /// <summary>The image groups that contribute more in cortex/hippocampus than in white matter in the paper.</summary>
    public static readonly IReadOnlyList<string> HigherInGreyMatter = ["T2W", "MT"];

    /// <summary>The claim id of a shiverer measure ("shiverer-mrh-mbp", "shiverer-mtr", "shiverer-dr", "shiverer-dr-b5000").</summary>
    public static string ShivererId(string measure) =>
        $"shiverer-{measure.Split(' ')[0].ToLowerInvariant()}{(measure == ClassicMarker.DrHigh.Name ? "-b5000" : "")}";

    /// <summary>
    /// The shiverer rule: where the paper found a significant difference (<see cref="PaperShiverer"/>), p below
    /// <see cref="ShivererAlpha"/>; where it did not (DR), p at or above it.
    /// </summary>
    public static bool ShivererHolds(string measure, double pValue)
    {
        var paper = PaperShiverer.Where(p => p.Measure == measure).ToArray();
        if (paper.Length == 0) throw new MrhException($"the paper's shiverer comparison has no measure '{measure}' ({string.Join(", ", PaperShiverer.Select(p => p.Measure))})");
        return paper[0].Significant ? pValue < ShivererAlpha : pValue >= ShivererAlpha;
    }

    /// <summary>The note on the DR shiverer rows when the data is the built-in phantom.</summary>
    public const string PhantomDrNote = "the phantom's shiverer raises callosal radial diffusivity by roughly the published size (about +13%), " +
        "but its mice vary far less than the paper's (a p of 0.475 with 5 + 5 mice implies a spread of about a quarter of the mean), so a rise " +
        "of that size is significant here; phantom-2's myelin-dependent radial diffusion raised it far beyond the published size " +
        "(mrh causes --test shiverer compares the two) — so \"does not hold\" here is a property of the phantom's animals, not of the method";

    /// <summary>Fig. 3B's MTR claim: in the whole brain MTR's AUC for NF below FA's (the better shell) and MRH-NF's.</summary>
    public static bool NfMtrHolds(double mtr, double fa, double mrhNf) => mtr < fa && mtr < mrhNf;

    /// <summary>Fig. 3G's claim: MRH-MBP's hippocampal AUC within <see cref="HippocampusDrTolerance"/> of DR at b=5,000 (null when either is unknown).</summary>
    public static bool? HippocampusDrHolds(double mrhMbp, double dr) => Finite(mrhMbp, dr) ? Math.Abs(mrhMbp - dr) <= HippocampusDrTolerance : null;

    /// <summary>Every Fig. 3 claim, judged on <paramref name="f"/>.</summary>
    public static ClaimTable Table(TransferFindings f)
    {
        var claims = new ClaimTable("Fig. 3");
        foreach (var stain in TransferExperiment.Stains)
            foreach (var region in RocRegions)
            {
                double net = f.Auc(stain, region, $"MRH-{stain}");
                string best = f.BestMarker(stain, region, Markers);
                double marker = f.Auc(stain, region, best);
                claims.Add($"auc-{stain.ToLowerInvariant()}-{region.Split(' ')[0]}", $"MRH-{stain} finds {stain}-rich structures ({region}) better than MTR, FA and DR (AUC)",
                    "higher", $"{net:0.000} vs {best} {marker:0.000}", Finite(net, marker) ? net > marker : null);
            }
        foreach (var stain in TransferExperiment.Stains)
        {
            double whole = f.Auc(stain, BrainRegions.WholeBrain, $"MRH-{stain}");
            double cortex = f.Auc(stain, BrainRegions.Cortex, $"MRH-{stain}"), hippocampus = f.Auc(stain, BrainRegions.Hippocampus, $"MRH-{stain}");
            claims.Add($"auc-{stain.ToLowerInvariant()}-regional-lower", $"MRH-{stain}: AUC in cortex and hippocampus lower than in the whole brain", "lower",
                $"{cortex:0.000} / {hippocampus:0.000} vs {whole:0.000}", Finite(cortex, hippocampus) ? cortex < whole && hippocampus < whole : null);
        }

        double mtr = f.Auc("NF", BrainRegions.WholeBrain, ClassicMarker.Mtr.Name);
        double fa = Math.Max(f.Auc("NF", BrainRegions.WholeBrain, ClassicMarker.FaLow.Name), f.Auc("NF", BrainRegions.WholeBrain, ClassicMarker.FaHigh.Name));
        double nf = f.Auc("NF", BrainRegions.WholeBrain, "MRH-NF");
        claims.Add("nf-mtr-whole", "whole brain: MTR has a noticeably lower AUC for NF than MRH-NF and FA", "lower",
            $"MTR {mtr:0.000}, FA {fa:0.000}, MRH-NF {nf:0.000}", NfMtrHolds(mtr, fa, nf));

        double mbp = f.Auc("MBP", BrainRegions.Hippocampus, "MRH-MBP"), dr = f.Auc("MBP", BrainRegions.Hippocampus, ClassicMarker.DrHigh.Name);
        claims.Add("mbp-dr-hippocampus", "hippocampus: the ROC of MRH-MBP closely follows DR at b=5,000 (AUCs within 0.05)", "close",
            $"{mbp:0.000} vs {dr:0.000}", HippocampusDrHolds(mbp, dr));

        foreach (var (stain, paper) in PaperRSquared)
        {
            double r2 = f.RSquared[stain];
            claims.Add($"r2-{stain.ToLowerInvariant()}", $"R² of MRH-{stain} against {(stain == "AF" ? "the reference AF" : $"the {stain} histology")}", $"{paper:0.00}", r2,
                RSquaredHolds(r2, paper), format: "0.00", note: stain == "AF" ? "paper: case (i), 60 AF animals; here the standard 6-animal MRH-AF" : "");
        }

        foreach (var (measure, paper, _) in PaperShiverer)
        {
            var t = f.Shiverer[measure];
            string note = f.OnPhantom && measure.StartsWith("DR", StringComparison.Ordinal) ? PhantomDrNote : "";
            claims.Add(ShivererId(measure), $"shiverer vs control, corpus callosum {measure} (unpaired t-test)", paper,
                $"p = {t.PValue:G2} (shiverer - control = {t.MeanDifference:G3})", ShivererHolds(measure, t.PValue), note);
        }

        foreach (var (stain, paper) in PaperContributions)
        {
            var groups = f.Contributions[stain];
            bool up = groups.Where(g => HigherInGreyMatter.Contains(g.Group)).All(g => g.MeanDifference > 0);
            claims.Add($"contrib-{stain.ToLowerInvariant()}",
                $"MRH-{stain}: T2W / MT / DWI-low / DWI-high contributions differ between cortex/hippocampus and white matter, T2W and MT higher in cortex/hippocampus (paired t-tests)",
                paper, $"p = {string.Join(" / ", groups.Select(g => g.PValue.ToString("G2")))}; T2W and MT higher in cortex/hippocampus: {(up ? "yes" : "no")}",
                up && groups.All(g => g.PValue < ContributionAlpha));
        }
        foreach (var stain in TransferExperiment.Stains)
            BaselineClaims.AddRows(claims, $"MRH-{stain}", "R²", f.Baselines);
        return claims;
    }

    static bool Finite(double a, double b) => double.IsFinite(a) && double.IsFinite(b);
}
