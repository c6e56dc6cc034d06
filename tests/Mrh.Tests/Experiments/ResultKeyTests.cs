using Mrh.Experiments;

namespace Mrh.Tests.Experiments;

/// <summary>A result looked up by a misspelt label is an error naming the known labels, not a silent NaN.</summary>
public class ResultKeyTests
{
    static TransferFindings Findings() => new(
        [new MeanAuc("NF", BrainRegions.WholeBrain, "MRH-NF", 0.9), new MeanAuc("MBP", BrainRegions.Hippocampus, ClassicMarker.DrLow.Name, 0.7)],
        new Dictionary<string, double>(), new Dictionary<string, TestedDifference>(),
        new Dictionary<string, IReadOnlyList<RegionalContribution>>(), OnPhantom: true);

    [Fact]
    public void AMisspeltMapStainOrRegionIsAnErrorAndAnUnscoredKnownCombinationIsNaN()
    {
        var f = Findings();
        Assert.Equal(0.9, f.Auc("NF", BrainRegions.WholeBrain, "MRH-NF"));
        Assert.Equal(0.7, f.Auc("MBP", BrainRegions.Hippocampus, ClassicMarker.DrLow.Name));
        Assert.True(double.IsNaN(f.Auc("NF", BrainRegions.Hippocampus, "MRH-NF"))); // known labels, not scored
        var e = Assert.Throws<KeyNotFoundException>(() => f.Auc("MBP", BrainRegions.Hippocampus, "DR b=2000"));
        Assert.Contains("no map 'DR b=2000'", e.Message);
        Assert.Contains(ClassicMarker.DrLow.Name, e.Message);
        Assert.Throws<KeyNotFoundException>(() => f.Auc("Nf", BrainRegions.WholeBrain, "MRH-NF"));
        Assert.Throws<KeyNotFoundException>(() => f.Auc("NF", "whole-brain?", "MRH-NF"));
    }
}
