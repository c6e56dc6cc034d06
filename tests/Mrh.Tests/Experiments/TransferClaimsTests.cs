using Mrh.Experiments;

namespace Mrh.Tests.Experiments;

/// <summary>Fig. 3's claim rules on hand-made findings: each rule once where it holds and once where it does not.</summary>
public class TransferClaimsTests
{
    const string Whole = BrainRegions.WholeBrain, Cortex = BrainRegions.Cortex, Hippocampus = BrainRegions.Hippocampus;

    /// <summary>
    /// Findings where every claim holds: the networks' AUCs 0.90 / 0.85 / 0.80 (whole brain / cortex / hippocampus), the best
    /// marker DR b=5,000 0.02 below them, MTR 0.20 below and FA 0.15 below; the paper's R²; the paper's shiverer pattern;
    /// T2W and MT higher in cortex/hippocampus, all contribution tests at p = 0.001.
    /// </summary>
    static Dictionary<(string Stain, string Region, string Map), double> Aucs()
    {
        var d = new Dictionary<(string, string, string), double>();
        foreach (var stain in new[] { "NF", "MBP" })
            foreach (var (region, net) in new[] { (Whole, 0.90), (Cortex, 0.85), (Hippocampus, 0.80) })
            {
                d[(stain, region, $"MRH-{stain}")] = net;
                d[(stain, region, "MTR")] = net - 0.20;
                d[(stain, region, "FA b=2,000")] = net - 0.15;
                d[(stain, region, "FA b=5,000")] = net - 0.16;
                d[(stain, region, "DR b=2,000")] = net - 0.18;
                d[(stain, region, "DR b=5,000")] = net - 0.02;
            }
        return d;
    }

    static Dictionary<string, double> R2() => new() { ["AF"] = 0.73, ["NF"] = 0.61, ["MBP"] = 0.73 };

    static Dictionary<string, TestedDifference> Shiverer() => new()
    {
        ["MBP (histology)"] = new(-0.5, 1e-6), ["MRH-MBP"] = new(-0.4, 0.001), ["MTR"] = new(-0.1, 0.01),
        ["DR b=2,000"] = new(1e-5, 0.5), ["DR b=5,000"] = new(-1e-5, 0.6),
    };

    static RegionalContribution[] Groups(double t2w = 0.05, double mt = 0.03, double p = 0.001) =>
        [new("T2W", t2w, p), new("MT", mt, p), new("DWI-low", -0.04, p), new("DWI-high", -0.04, p)];

    /// <summary>Each network's R² over four animals, 0.10-0.13 above every baseline's (a significant paired difference).</summary>
    static BaselineScore[] Baselines() =>
        [.. new[] { "MRH-NF", "MRH-MBP" }.SelectMany(n => BaselineModel.Names.Select(b => new BaselineScore(n, b, "R²", [0.60, 0.62, 0.61, 0.65], [0.50, 0.52, 0.50, 0.52])))];

    static TransferFindings Findings(Dictionary<(string Stain, string Region, string Map), double>? aucs = null, Dictionary<string, double>? r2 = null,
        Dictionary<string, TestedDifference>? shiverer = null, RegionalContribution[]? nf = null, RegionalContribution[]? mbp = null, bool onPhantom = true,
        BaselineScore[]? baselines = null) =>
        new((aucs ?? Aucs()).Select(kv => new MeanAuc(kv.Key.Stain, kv.Key.Region, kv.Key.Map, kv.Value)).ToArray(), r2 ?? R2(), shiverer ?? Shiverer(),
            new Dictionary<string, IReadOnlyList<RegionalContribution>> { ["NF"] = nf ?? Groups(), ["MBP"] = mbp ?? Groups() }, onPhantom, baselines ?? Baselines());

    static Claim Row(TransferFindings f, string id) => TransferClaims.Table(f).Rows.Single(r => r.Id == id);

    static TransferFindings WithAuc(string stain, string region, string map, double auc)
    {
        var a = Aucs();
        a[(stain, region, map)] = auc;
        return Findings(aucs: a);
    }

    [Fact]
    public void EveryClaimHoldsOnFindingsThatMatchThePaper()
    {
        var table = TransferClaims.Table(Findings());
        Assert.Equal(25, table.Rows.Count);
        // the polynomial and 1x1 baseline rows are shown for reference, every other row is judged
        var reference = table.Rows.Where(r => r.Id.StartsWith("baseline-", StringComparison.Ordinal) && !r.Id.EndsWith("-linear", StringComparison.Ordinal)).ToArray();
        Assert.Equal(4, reference.Length);
        Assert.All(reference, r => Assert.Null(r.Holds));
        Assert.All(table.Rows.Except(reference), r => Assert.True(r.Holds, r.Id));
        Assert.Equal("Fig. 3", table.Figure);
    }

    [Fact]
    public void NetworkMustBeatTheBestMarker()
    {
        var holds = Row(Findings(), "auc-mbp-cortex");
        Assert.Equal("0.850 vs DR b=5,000 0.830", holds.ThisRun);
        // FA b=2,000 above the network: the best marker is FA now
        var beaten = Row(WithAuc("MBP", Cortex, "FA b=2,000", 0.86), "auc-mbp-cortex");
        Assert.False(beaten.Holds);
        Assert.Equal("0.850 vs FA b=2,000 0.860", beaten.ThisRun);
        // a tie is not "better"
        Assert.False(Row(WithAuc("NF", Whole, "MTR", 0.90), "auc-nf-whole").Holds);
        // a marker without an AUC is never the best; a network without one is no yes/no claim
        Assert.True(Row(WithAuc("NF", Hippocampus, "DR b=5,000", double.NaN), "auc-nf-hippocampus").Holds);
        Assert.Null(Row(WithAuc("NF", Hippocampus, "MRH-NF", double.NaN), "auc-nf-hippocampus").Holds);
    }

    [Fact]
    public void RegionalAucsMustBeBelowTheWholeBrain()
    {
        Assert.Equal("0.850 / 0.800 vs 0.900", Row(Findings(), "auc-nf-regional-lower").ThisRun);
        Assert.False(Row(WithAuc("NF", Hippocampus, "MRH-NF", 0.90), "auc-nf-regional-lower").Holds); // equal to the whole brain
        Assert.False(Row(WithAuc("MBP", Cortex, "MRH-MBP", 0.95), "auc-mbp-regional-lower").Holds);
        Assert.Null(Row(WithAuc("MBP", Cortex, "MRH-MBP", double.NaN), "auc-mbp-regional-lower").Holds);
    }

    [Fact]
    public void MtrMustBeBelowBothFaAndMrhNfForNf()
    {
        Assert.Equal("MTR 0.700, FA 0.750, MRH-NF 0.900", Row(Findings(), "nf-mtr-whole").ThisRun);
        // FA is the better of the two shells: MTR above FA b=2,000 but below FA b=5,000 still holds
        var a = Aucs();
        a[("NF", Whole, "FA b=2,000")] = 0.60;
        a[("NF", Whole, "FA b=5,000")] = 0.71;
        Assert.True(Row(Findings(aucs: a), "nf-mtr-whole").Holds);
        a[("NF", Whole, "MTR")] = 0.71; // equal to the better FA
        Assert.False(Row(Findings(aucs: a), "nf-mtr-whole").Holds);
        Assert.False(Row(WithAuc("NF", Whole, "MRH-NF", 0.69), "nf-mtr-whole").Holds);
    }

    [Fact]
    public void HippocampalMrhMbpFollowsDrWithinTolerance()
    {
        Assert.Equal(0.05, TransferClaims.HippocampusDrTolerance);
        Assert.Equal("0.800 vs 0.780", Row(Findings(), "mbp-dr-hippocampus").ThisRun);
        Assert.True(Row(WithAuc("MBP", Hippocampus, "DR b=5,000", 0.751), "mbp-dr-hippocampus").Holds);
        Assert.False(Row(WithAuc("MBP", Hippocampus, "DR b=5,000", 0.749), "mbp-dr-hippocampus").Holds);
        Assert.True(Row(WithAuc("MBP", Hippocampus, "DR b=5,000", 0.849), "mbp-dr-hippocampus").Holds); // above is close too
        Assert.Null(Row(WithAuc("MBP", Hippocampus, "DR b=5,000", double.NaN), "mbp-dr-hippocampus").Holds);
    }

    [Fact]
    public void RSquaredWithinToleranceOfThePaper()
    {
        static Claim R(string stain, double r2) { var d = R2(); d[stain] = r2; return Row(Findings(r2: d), $"r2-{stain.ToLowerInvariant()}"); }
        Assert.True(R("AF", 0.64).Holds);    // 0.73 - 0.09
        Assert.False(R("AF", 0.62).Holds);   // 0.73 - 0.11
        Assert.True(R("NF", 0.70).Holds);    // 0.61 + 0.09
        Assert.False(R("MBP", 0.84).Holds);  // 0.73 + 0.11
        var row = R("MBP", 0.5678);
        Assert.Equal(("0.73", "0.57"), (row.Paper, row.ThisRun));
        Assert.Equal("paper: case (i), 60 AF animals; here the standard 6-animal MRH-AF", Row(Findings(), "r2-af").Note);
    }

    [Fact]
    public void ShivererTestsMustBeSignificantWhereThePapersWere()
    {
        static Claim S(string measure, double p, string id) { var d = Shiverer(); d[measure] = d[measure] with { PValue = p }; return Row(Findings(shiverer: d), id); }
        Assert.True(S("MRH-MBP", 0.049, "shiverer-mrh-mbp").Holds);
        Assert.False(S("MRH-MBP", 0.05, "shiverer-mrh-mbp").Holds);
        Assert.False(S("MTR", 0.2, "shiverer-mtr").Holds);
        // DR: the paper found no difference, so a significant one does not hold
        Assert.True(S("DR b=2,000", 0.05, "shiverer-dr").Holds);
        Assert.False(S("DR b=2,000", 0.049, "shiverer-dr").Holds);
        Assert.False(S("DR b=5,000", 1e-5, "shiverer-dr-b5000").Holds);
    }

    [Fact]
    public void OnThePhantomTheDrRowsSayItsShivererRaisesDrBeyondThePublishedSize()
    {
        var table = TransferClaims.Table(Findings());
        Assert.Equal(TransferClaims.PhantomDrNote, table.Rows.Single(r => r.Id == "shiverer-dr").Note);
        Assert.Equal(TransferClaims.PhantomDrNote, table.Rows.Single(r => r.Id == "shiverer-dr-b5000").Note);
        Assert.Contains("vary far less than the paper's", TransferClaims.PhantomDrNote);
        Assert.Contains("mrh causes --test shiverer", TransferClaims.PhantomDrNote);
        Assert.Equal("", table.Rows.Single(r => r.Id == "shiverer-mtr").Note);
        // real data: nothing is known by design
        Assert.All(TransferClaims.Table(Findings(onPhantom: false)).Rows.Where(r => r.Id.StartsWith("shiverer")), r => Assert.Equal("", r.Note));
    }

    [Fact]
    public void ContributionTestsMustAllReachThePapersLevelWithT2wAndMtHigherInGreyMatter()
    {
        Assert.True(Row(Findings(nf: Groups(p: 0.0049)), "contrib-nf").Holds);
        Assert.False(Row(Findings(nf: Groups(p: 0.005)), "contrib-nf").Holds);
        var lowerMt = Row(Findings(mbp: Groups(mt: -0.01)), "contrib-mbp");
        Assert.False(lowerMt.Holds);
        Assert.EndsWith("T2W and MT higher in cortex/hippocampus: no", lowerMt.ThisRun);
        Assert.False(Row(Findings(mbp: Groups(t2w: 0)), "contrib-mbp").Holds);
        // one of the four tests above the level
        var groups = Groups();
        groups[3] = groups[3] with { PValue = 0.031 };
        Assert.False(Row(Findings(nf: groups), "contrib-nf").Holds);
    }

    [Fact]
    public void RowsAreFormattedAsInTheFullRun()
    {
        var d = Shiverer();
        d["DR b=2,000"] = new TestedDifference(0.000128, 1.1e-05);
        var row = TransferClaims.Table(Findings(shiverer: d)).Summary.Single(r => r.Claim.Contains("DR b=2,000"));
        Assert.Equal(new ClaimRow("shiverer vs control, corpus callosum DR b=2,000 (unpaired t-test)", "p = 0.475",
            "p = 1.1E-05 (shiverer - control = 0.000128)", "does not hold", TransferClaims.PhantomDrNote), row);
        var nf = new RegionalContribution[] { new("T2W", 0.01, 0.025), new("MT", 0.02, 0.0047), new("DWI-low", -0.01, 0.00022), new("DWI-high", -0.02, 0.031) };
        Assert.Equal("p = 0.025 / 0.0047 / 0.00022 / 0.031; T2W and MT higher in cortex/hippocampus: yes", Row(Findings(nf: nf), "contrib-nf").ThisRun);
    }

    [Fact]
    public void EachNetworkMustBeatItsLinearBaselineInRSquared()
    {
        Assert.True(Row(Findings(), "baseline-mrh-nf-linear").Holds);
        Assert.StartsWith("0.620 vs 0.510 (difference +0.110, p = ", Row(Findings(), "baseline-mrh-mbp-linear").ThisRun);
        // MRH-MBP no better than its linear baseline: that row fails, MRH-NF's still holds
        var worse = Baselines().Select(b => b.Network == "MRH-MBP" && b.Baseline == "linear" ? b with { BaselineValues = [0.61, 0.63, 0.60, 0.66] } : b).ToArray();
        Assert.False(Row(Findings(baselines: worse), "baseline-mrh-mbp-linear").Holds);
        Assert.True(Row(Findings(baselines: worse), "baseline-mrh-nf-linear").Holds);
        // baselines not run: not measured, not judged
        var none = TransferClaims.Table(Findings(baselines: [])).Rows.Where(r => r.Id.StartsWith("baseline-", StringComparison.Ordinal)).ToArray();
        Assert.Equal(6, none.Length);
        Assert.All(none, r => { Assert.Null(r.Holds); Assert.Equal("not measured", r.ThisRun); });
    }
}
