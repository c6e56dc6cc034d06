using Mrh.Model;
using Mrh.Phantom;

namespace Mrh.Experiments.Causes;

/// <summary>
/// Tests the cause given for Fig. 3's R² of MRH-NF and MRH-MBP below the paper's (0.42 / 0.57 at quick against 0.61 /
/// 0.73): the single NF / MBP animal's section-to-section variation (each 0.1 mm slab's gain and offset, the part of the
/// misregistration that is independent from section to section, and tears), the stripes of Fig. 3A that no prediction
/// from MRI can follow. It is both the transfer's training target and the reference of the held-out sections. The change:
/// the NF and MBP animals imaged without it (<see cref="WithoutSectionVariation"/>): the same tissue, the same random
/// draws (seed), the same smooth misregistration size, scale, shading, noise and blobs; the same MRH-AF base, transfer
/// recipe and held-out sections. Built-in digital mouse brain only.
/// </summary>
public sealed class SectionArtefactCause(PhantomStudyData data, ExperimentSettings settings)
{
    public const string Cause = "the single NF / MBP animal's section-to-section variation (the stripes)";
    public const string Change = "the NF and MBP animals imaged without section gain, offset, per-section misregistration or tears";

    /// <summary>The study's histology parameters without the section-to-section variation (the rest unchanged).</summary>
    public static HistologyParameters WithoutSectionVariation(HistologyParameters hp) =>
        hp with { SectionGainSd = 0, SectionOffsetSd = 0, SectionJitterWeight = 0, TearsPerMm = 0 };

    public IReadOnlyList<CauseTest> Run(IProgress<string>? status = null, IProgress<EpochReport>? epochs = null)
    {
        var animals = TransferExperiment.Stains.SelectMany(s => data.Group(TransferExperiment.GroupOf(s)).Take(1)).Distinct().ToArray();
        var changed = ReplacedHistology.Imaged(data, [Stain.Neurofilament, Stain.MyelinBasicProtein], animals,
            WithoutSectionVariation(data.Study.Config.Histology));
        status?.Report("the standard MRH-NF and MRH-MBP");
        var before = RSquared(new TransferExperiment(data, settings), status, epochs);
        status?.Report("MRH-NF and MRH-MBP on the NF and MBP animals without section variation");
        var after = RSquared(new TransferExperiment(changed, settings), status, epochs);
        return TransferClaims.PaperRSquared.Where(p => p.Stain != "AF").Select(p =>
            CauseTest.Of("Fig. 3", $"r2-{p.Stain.ToLowerInvariant()}", Cause, Change, "R²", data.TestAnimals, before[p.Stain], after[p.Stain],
                TransferClaims.RSquaredHolds(before[p.Stain].Average(), p.RSquared), TransferClaims.RSquaredHolds(after[p.Stain].Average(), p.RSquared),
                higherPasses: before[p.Stain].Average() < p.RSquared)).ToArray();
    }

    /// <summary>R² per held-out animal of MRH-NF and MRH-MBP (by stain).</summary>
    static Dictionary<string, double[]> RSquared(TransferExperiment experiment, IProgress<string>? status, IProgress<EpochReport>? epochs)
    {
        var models = experiment.Train(status, epochs);
        return TransferExperiment.Stains.ToDictionary(s => s, s => experiment.Data.TestAnimals.Select(a => experiment.RSquared(models, s, a)).ToArray());
    }
}
