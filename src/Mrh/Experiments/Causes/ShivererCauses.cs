using Mrh.Model;
using Mrh.Phantom;

namespace Mrh.Experiments.Causes;

/// <summary>
/// Tests the cause of Fig. 3E's DR in shiverer being significant on the phantom up to generator phantom-2 (the paper: p =
/// 0.475): phantom-2's shiverer raised the corpus callosum's radial diffusivity far more than published (+58-85% against
/// about +13%, FA −41% against about −10%; Song et al. 2002, Nair et al. 2005), because its radial diffusion depended on
/// myelin twice: axons without myelin leaked radially, and myelin added to the hindrance of the extra-axonal space. Since
/// phantom-3 the default physics has radial diffusion hindered by the axon membranes alone, as in Beaulieu's review (2002:
/// anisotropy does not need myelin): no radial diffusion inside axons, and the extra-axonal hindrance myelin added moved
/// onto the axons it wraps (in control white matter myelin and axon densities are about equal, so normal white matter
/// keeps its hindrance). The test therefore runs the comparison twice: before, every mouse's MRI (the same microstructure
/// and random draws) simulated with phantom-2's myelin-dependent radial diffusion; after, the study as it is. All mice,
/// not only the shiverer and control ones, so that MRH-AF and MRH-MBP are trained on the same physics they are applied
/// to. Each measure of the comparison is judged by its own rule; the per-animal value is a shiverer mouse's
/// corpus-callosum mean as a percentage above the controls' mean in the same run. Built-in digital mouse brain only.
/// </summary>
public sealed class ShivererCauses(PhantomStudyData data, ExperimentSettings settings)
{
    public const string Cause = "myelin-dependent radial diffusion (phantom-2: the shiverer's radial diffusivity far beyond the published size)";
    public const string Change = "radial diffusion hindered by axon membranes alone (the phantom-3 default) instead of phantom-2's myelin-dependent one, every mouse's MRI, MRH-AF and MRH-MBP retrained";

    /// <summary>
    /// Phantom-2's radial diffusion, the rest of <paramref name="tp"/> unchanged: axons without myelin leak radially (0.10
    /// µm²/ms times 1 − myelination) and myelin adds 0.38 per unit to the extra-axonal hindrance beside the axons' 0.25.
    /// </summary>
    public static TissueParameters MyelinDependentRadialDiffusion(TissueParameters tp) => tp with
    {
        UnmyelinatedAxonRadialDiffusivity = 0.10,
        ExtraHindrancePerAxon = 0.25,
        ExtraHindrancePerMyelin = 0.38,
    };

    public IReadOnlyList<CauseTest> Run(IProgress<string>? status = null, IProgress<EpochReport>? epochs = null)
    {
        var tissue = data.Study.Config.Tissue;
        if (MyelinDependentRadialDiffusion(tissue) == tissue)
            throw new MrhException("this phantom's radial diffusion already depends on myelin as phantom-2's did: nothing to compare");
        status?.Report("MRH-AF and MRH-MBP on every mouse's MRI with phantom-2's myelin-dependent radial diffusion");
        var legacy = new TransferExperiment(ReplacedMri.EveryMouse(data, MyelinDependentRadialDiffusion(tissue)), settings);
        var before = Compare(legacy, legacy.Train(status, epochs).Mbp.Model, status);
        status?.Report("the standard MRH-MBP (applied to the shiverer and control mice)");
        var standard = new TransferExperiment(data, settings);
        var after = Compare(standard, standard.Train(status, epochs).Mbp.Model, status);
        foreach (var (measure, _, _) in TransferClaims.PaperShiverer)
            status?.Report(string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"{measure}: shiverer against control, unpaired p {before.Test(measure).PValue:G2} -> {after.Test(measure).PValue:G2}"));
        return Rows(before, after);
    }

    /// <summary>One row per measure of Fig. 3E (MRH-MBP, MTR, DR at both shells), each judged by the claim's own rule.</summary>
    public static IReadOnlyList<CauseTest> Rows(ShivererComparison before, ShivererComparison after)
    {
        var shiverer = before.Animals.Where(a => a.Group == StudyGroups.Shiverer).Select(a => a.Animal).ToArray();
        if (!shiverer.SequenceEqual(after.Animals.Where(a => a.Group == StudyGroups.Shiverer).Select(a => a.Animal)))
            throw new ArgumentException("a cause test compares the same shiverer mice before and after");
        return TransferClaims.PaperShiverer.Select(p =>
        {
            double pBefore = before.Test(p.Measure).PValue, pAfter = after.Test(p.Measure).PValue;
            return CauseTest.Of("Fig. 3", TransferClaims.ShivererId(p.Measure), Cause, Change, $"shiverer {p.Measure} above the controls' mean, %", shiverer,
                AboveControl(before, p.Measure), AboveControl(after, p.Measure),
                TransferClaims.ShivererHolds(p.Measure, pBefore), TransferClaims.ShivererHolds(p.Measure, pAfter), higherPasses: false);
        }).ToArray();
    }

    /// <summary>Each shiverer mouse's value of <paramref name="measure"/> as a percentage above the controls' mean.</summary>
    public static double[] AboveControl(ShivererComparison c, string measure) =>
        c.PercentOfControl(StudyGroups.Shiverer, measure).Select(v => v - 100).ToArray();

    static ShivererComparison Compare(TransferExperiment experiment, MrhModel mbp, IProgress<string>? status) =>
        experiment.Shiverer(mbp, section: null, status).Comparison;
}
