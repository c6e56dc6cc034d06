using Mrh.Analysis;
using Mrh.Imaging;

namespace Mrh.Experiments;

/// <summary>ROC of one map (a network's prediction or a classic marker) for the NF- or MBP-rich structures of one region.</summary>
public sealed record MapRoc(string Stain, string Region, string Map, StructureRocResult Roc);

/// <summary>
/// Fig. 3 on one held-out MRI animal: the networks' maps ("MRH-AF", "MRH-NF", "MRH-MBP") and the classic
/// markers (by <see cref="ClassicMarker.Name"/>) on the held-out sections, the ROC of every map for the
/// NF- and MBP-rich structures of each region, the voxel-wise fits of the predictions against their
/// references (by stain: "AF", "NF", "MBP"; x = reference, y = prediction), and the contributions of the
/// input images to MRH-NF and MRH-MBP per region (by stain).
/// </summary>
public sealed record TransferEvaluation(string Animal, bool[] Region, int[] Sections,
    IReadOnlyDictionary<string, Volume> Predictions, IReadOnlyDictionary<string, Volume> Markers, IReadOnlyList<MapRoc> Rocs,
    IReadOnlyDictionary<string, LinearFitResult> Fits, IReadOnlyDictionary<string, ContributionResult> Contributions)
{
    /// <summary>The AUC of a map, or NaN where the region was too small to analyse; a label the results do not use is an error.</summary>
    public double Auc(string stain, string region, string map)
    {
        ResultKeys.Check(Rocs, "stain", stain, r => r.Stain);
        ResultKeys.Check(Rocs, "region", region, r => r.Region);
        ResultKeys.Check(Rocs, "map", map, r => r.Map);
        return Rocs.FirstOrDefault(r => r.Stain == stain && r.Region == region && r.Map == map)?.Roc.Auc ?? double.NaN;
    }
}
