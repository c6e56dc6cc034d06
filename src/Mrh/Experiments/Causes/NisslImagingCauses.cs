using Mrh.Model;
using Mrh.Phantom;

namespace Mrh.Experiments.Causes;

/// <summary>
/// Tests a cause of Fig. 4's failures on the phantom (AUC of the PGSE + OGSE network 0.80 against our bar 0.85, cell-dense
/// and cell-sparse patches not separated in the network's feature space, S/S0 falling with frequency in cell-sparse voxels
/// too) that lies in the controls' Nissl histology: it is the network's training target, the reference of its ROC, the
/// colouring of the t-SNE and the split of voxels into cell-dense and cell-sparse. Each change re-images the controls'
/// Nissl with one step removed (the same tissue and random draws), retrains the PGSE + OGSE network (the same recipe,
/// training block and test part) and re-measures: first without the residual misregistration (1.5 voxels), then the
/// ideal images (every imaging and registration step removed), which bounds what the histology side can explain. Each
/// claim is re-judged by its own rule as the notebook judges it (the AUC on the mean over the controls, the t-SNE and
/// the frequency on the first control); the movement is tested over every control's own value. Built-in brain only.
/// </summary>
public sealed class NisslImagingCauses(PhantomStudyData data, ExperimentSettings settings)
{
    /// <summary>The changes, in the order they are run and reported.</summary>
    public static IReadOnlyList<HistologyChange> Changes { get; } =
    [
        new("the residual MRI-histology misregistration of the controls' Nissl (1.5 voxels)",
            "the controls' Nissl imaged without misregistration", HistologyChange.WithoutMisregistration),
        new("the controls' Nissl imaging and registration (all of it)",
            "the controls' ideal Nissl images (no misregistration, scale, shading, section variation, noise or artefacts)", null),
    ];

    /// <summary>What Fig. 4's failing claims are judged on, per control (in the experiment's order).</summary>
    public sealed record Measures(IReadOnlyList<string> Controls, double[] Auc, double[] Agreement, double[] Chance, double[] HighChange, double[] LowChange)
    {
        /// <summary>The low-Nissl change of S/S0 (PGSE to the highest frequency) as a share of the high-Nissl change, per control.</summary>
        public double[] LowShareOfHigh => LowChange.Zip(HighChange, (low, high) => low / high).ToArray();
    }

    public IReadOnlyList<CauseTest> Run(IProgress<string>? status = null, IProgress<EpochReport>? epochs = null)
    {
        status?.Report("the standard MRH-Nissl (PGSE + OGSE)");
        var before = Measure(new NisslExperiment(data, settings), epochs);
        var controls = data.Group(StudyGroups.Sas4Controls);
        var rows = new List<CauseTest>();
        foreach (var c in Changes)
        {
            var changed = c.Apply(data, [Stain.Nissl], controls);
            status?.Report($"MRH-Nissl (PGSE + OGSE): {c.Change}");
            rows.AddRange(Rows(c.Cause, c.Change, before, Measure(new NisslExperiment(changed, settings), epochs)));
        }
        return rows;
    }

    /// <summary>
    /// The rows of one change: the AUC (judged on the mean over the controls), the 10-NN agreement and the low-Nissl share of
    /// the frequency change (each judged on the first control, as the notebook does); paired over the controls.
    /// </summary>
    public static IReadOnlyList<CauseTest> Rows(string cause, string change, Measures before, Measures after)
    {
        if (!before.Controls.SequenceEqual(after.Controls)) throw new ArgumentException("a cause test compares the same controls before and after");
        var animals = before.Controls;
        return
        [
            CauseTest.Of("Fig. 4", "auc-both", cause, change, "AUC", animals, before.Auc, after.Auc,
                NisslClaims.AucHolds(before.Auc.Average()), NisslClaims.AucHolds(after.Auc.Average()), higherPasses: true),
            CauseTest.Of("Fig. 4", "tsne", cause, change, "10-NN agreement", animals, before.Agreement, after.Agreement,
                NisslClaims.SeparationHolds(before.Agreement[0], before.Chance[0]), NisslClaims.SeparationHolds(after.Agreement[0], after.Chance[0]), higherPasses: true),
            CauseTest.Of("Fig. 4", "frequency", cause, change, "low-Nissl S/S0 change as a share of the high-Nissl change", animals,
                before.LowShareOfHigh, after.LowShareOfHigh,
                NisslClaims.FrequencyHolds(before.HighChange[0], before.LowChange[0]), NisslClaims.FrequencyHolds(after.HighChange[0], after.LowChange[0]),
                higherPasses: false),
        ];
    }

    /// <summary>Trains (or takes from the cache) the PGSE + OGSE network and measures each control.</summary>
    static Measures Measure(NisslExperiment fig4, IProgress<EpochReport>? epochs)
    {
        var inputs = fig4.InputSets.First(i => i.Id == NisslInputs.Both);
        var run = fig4.Run(inputs, epochs);
        var separations = fig4.Controls.Select(a =>
        {
            var e = fig4.Embedding(run, a);
            return EmbeddingSeparation.Compute(e.X, e.Y, e.Categories, FeatureEmbedding.Hyper, FeatureEmbedding.Hypo);
        }).ToArray();
        var signals = fig4.Controls.Select(a => fig4.FrequencySignals(a)).ToArray();
        double Change(IReadOnlyList<FrequencySignal> s, string category) => s.First(x => x.Category == category).Change;
        return new Measures(fig4.Controls, run.Roc.Select(r => r.Auc).ToArray(),
            separations.Select(s => s.Agreement).ToArray(), separations.Select(s => s.Chance).ToArray(),
            signals.Select(s => Change(s, FeatureEmbedding.Hyper)).ToArray(), signals.Select(s => Change(s, FeatureEmbedding.Hypo)).ToArray());
    }
}
