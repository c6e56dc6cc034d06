using Mrh.Analysis;

namespace Mrh.Experiments;

/// <summary>One animal of the shiverer experiment and the means of each measure in its corpus callosum.</summary>
public sealed record ShivererAnimal(string Animal, string Group, IReadOnlyDictionary<string, double> Values);

/// <summary>
/// Fig. 3E: shiverer mice against their littermate controls, one value per animal and measure (the mean in
/// the corpus callosum of MRH-MBP, MTR, DR, ...), compared by unpaired Student t-tests (the paper: n = 5/5,
/// p = 0.00018 / 0.0061 / 0.475 for MRH-MBP / MTR / DR).
/// </summary>
public sealed record ShivererComparison(IReadOnlyList<string> Measures, IReadOnlyList<ShivererAnimal> Animals)
{
    /// <summary>The values of one group ("shiverer" or "shiverer-control") for one measure, in animal order.</summary>
    public double[] Values(string group, string measure) =>
        Animals.Where(a => a.Group == group).Select(a => a.Values[measure]).ToArray();

    /// <summary>The unpaired Student t-test of shiverer against control (mean difference = shiverer - control).</summary>
    public TTestResult Test(string measure) =>
        TTest.Unpaired(Values(StudyGroups.Shiverer, measure), Values(StudyGroups.ShivererControls, measure));

    /// <summary>A group's values as percentages of the control mean (so that measures with different units share one axis).</summary>
    public double[] PercentOfControl(string group, string measure)
    {
        double control = Values(StudyGroups.ShivererControls, measure).Average();
        if (control == 0) throw new MrhException($"the controls' mean {measure} is 0: no percentage of it");
        return Values(group, measure).Select(v => 100 * v / control).ToArray();
    }
}
