using Mrh.Phantom;

namespace Mrh.Experiments.Causes;

/// <summary>
/// One change to how some animals' histology is imaged, as a cause test makes it: the cause it tests, what it does, and the
/// <see cref="HistologyParameters"/> it images with (null: the ideal images, every imaging and registration step removed).
/// </summary>
public sealed record HistologyChange(string Cause, string Change, Func<HistologyParameters, HistologyParameters>? Parameters)
{
    /// <summary>The study's histology parameters without the residual MRI-histology misregistration (the rest unchanged).</summary>
    public static HistologyParameters WithoutMisregistration(HistologyParameters hp) => hp with { MisregistrationMeanVoxels = 0 };

    /// <summary>The study with <paramref name="animals"/>' <paramref name="stains"/> made by this change (same tissue, same random draws).</summary>
    public ReplacedHistology Apply(PhantomStudyData data, IEnumerable<Stain> stains, IEnumerable<string> animals) =>
        Parameters is null
            ? ReplacedHistology.Ideal(data, stains, animals)
            : ReplacedHistology.Imaged(data, stains, animals, Parameters(data.Study.Config.Histology));
}
