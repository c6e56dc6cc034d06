namespace Mrh.Experiments;

/// <summary>
/// What one Fig. 2 network did, in the numbers its claims need: <see cref="Images"/> inputs, their share of the
/// imaging time, mean RMSE and AUC over the held-out animals, and the paired t-test of its RMSE against the
/// network on all images (<see cref="PValue"/> null for the network on all images, which is not tested; NaN when
/// the test cannot be made, e.g. one held-out animal).
/// </summary>
public sealed record SubsetOutcome(int Images, double ImagingFraction, double Rmse, double Auc, double? PValue = null, double RmseDifference = 0);

/// <summary>
/// The measured numbers behind the Fig. 2 "paper vs this run" table (<see cref="ContributionClaims.Table"/>).
/// <see cref="TopShares"/>[i] is the cumulative contribution of the top <see cref="ContributionClaims.PaperCounts"/>[i]
/// images (all of them when the protocol is smaller) and <see cref="ImagesToReach"/>[i] the number of images that
/// reach <see cref="ContributionExperiment.PaperShares"/>[i]. Per-image contributions are group means (NaN where
/// the protocol has no such group; <see cref="DwiPerImage"/> is the largest of the DWI groups'). <see cref="Top38"/>
/// and <see cref="Top4"/> are the subsets of at most 38 and 4 images; <see cref="Aucs"/> the mean AUC of every
/// network, smallest subset first, all images last.
/// </summary>
public sealed record ContributionFindings(
    int Images,
    int TestAnimals,
    double[] TopShares,
    int[] ImagesToReach,
    double T2wPerImage,
    double MtPerImage,
    double DwiPerImage,
    SubsetOutcome All,
    SubsetOutcome Top38,
    SubsetOutcome Top4,
    double[] Aucs)
{
    /// <summary>The "paper vs this run" table of Fig. 2.</summary>
    public ClaimTable Claims() => ContributionClaims.Table(this);
}
