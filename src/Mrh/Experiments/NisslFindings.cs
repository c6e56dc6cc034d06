namespace Mrh.Experiments;

/// <summary>One Fig. 4 network on the test part: mean AUC of the cell-dense structures, and sensitivity and specificity at the optimal ROC point (means over the control animals).</summary>
public sealed record NisslNetworkOutcome(double Auc, double Sensitivity, double Specificity);

/// <summary>One acquisition set's share (0..1) of the PGSE + OGSE network's output change (Fig. 4E).</summary>
public sealed record SetShare(string Set, double Share);

/// <summary>
/// The measured numbers behind the Fig. 4 "paper vs this run" table (<see cref="NisslClaims.Table"/>): the three
/// networks; the 10-nearest-neighbour agreement of high/low-Nissl points in the feature space and its chance level;
/// the change of S/S0 from PGSE to the highest frequency in high- and low-Nissl voxels; each set's share of the
/// contribution (b0 included, as measured); the heterotopia: mean MRH-Nissl of mutants and controls in the region,
/// the mutants-minus-controls difference and p of the unpaired t-test, and the same test's p on the Nissl histology.
/// </summary>
public sealed record NisslFindings(
    NisslNetworkOutcome Both,
    NisslNetworkOutcome Pgse,
    NisslNetworkOutcome Ogse,
    double NeighbourAgreement,
    double NeighbourChance,
    double HighNisslChange,
    double LowNisslChange,
    IReadOnlyList<SetShare> SetShares,
    double PredictedMutant,
    double PredictedControl,
    double PredictedDifference,
    double PredictedP,
    double NisslP)
{
    /// <summary>The Fig. 4 "paper vs this run" table.</summary>
    public ClaimTable Claims() => NisslClaims.Table(this);
}
