namespace Mrh.Experiments;

/// <summary>The mean AUC over the test animals of one map for the NF- or MBP-rich structures of one region (NaN: not scored).</summary>
public sealed record MeanAuc(string Stain, string Region, string Map, double Auc);

/// <summary>A difference between two groups or regions and the p-value of its t-test.</summary>
public sealed record TestedDifference(double MeanDifference, double PValue);

/// <summary>
/// One image group's contribution in cortex/hippocampus minus white matter (mean over the test animals) and
/// the p-value of the paired t-test.
/// </summary>
public sealed record RegionalContribution(string Group, double MeanDifference, double PValue);

/// <summary>
/// The numbers of Fig. 3 that its claims are judged on (<see cref="TransferClaims"/>), gathered from a run by
/// <see cref="TransferExperiment.Findings"/>: mean AUCs per stain, region and map; mean R² of MRH-AF/NF/MBP
/// (by stain: "AF", "NF", "MBP"); shiverer - control in the corpus callosum per measure (by
/// <see cref="TransferExperiment.ShivererMeasures"/> name); the image groups' regional contribution
/// differences per network (by stain, in the protocol's group order). <see cref="OnPhantom"/>: the data is
/// the built-in digital mouse brain, whose disease models are known by design. <see cref="Baselines"/>: R² per held-out
/// animal of MRH-NF / MRH-MBP beside each baseline trained on the same patches (none when the baselines were not run).
/// </summary>
public sealed record TransferFindings(
    IReadOnlyList<MeanAuc> Aucs,
    IReadOnlyDictionary<string, double> RSquared,
    IReadOnlyDictionary<string, TestedDifference> Shiverer,
    IReadOnlyDictionary<string, IReadOnlyList<RegionalContribution>> Contributions,
    bool OnPhantom,
    IReadOnlyList<BaselineScore>? Baselines = null)
{
    /// <summary>The mean AUC of a map, NaN where it was not scored; a label the results do not use is an error.</summary>
    public double Auc(string stain, string region, string map)
    {
        ResultKeys.Check(Aucs, "stain", stain, a => a.Stain);
        ResultKeys.Check(Aucs, "region", region, a => a.Region);
        ResultKeys.Check(Aucs, "map", map, a => a.Map);
        return Aucs.FirstOrDefault(a => a.Stain == stain && a.Region == region && a.Map == map)?.Auc ?? double.NaN;
    }

    /// <summary>
    /// The classic marker with the highest mean AUC (the first of <paramref name="markers"/> on a tie; markers
    /// without an AUC come last).
    /// </summary>
    public string BestMarker(string stain, string region, IReadOnlyList<string> markers) =>
        markers.OrderByDescending(m => Auc(stain, region, m)).First();
}
