namespace Mrh.Experiments;

/// <summary>One misregistration network: the mean displacement added to its targets and its mean RMSE and AUC over the held-out animals.</summary>
public sealed record MisregistrationLevel(double Voxels, double Rmse, double Auc);

/// <summary>One patch-size network: k x k patches, its label and mean AUC over the held-out animals.</summary>
public sealed record PatchSizeOutcome(int PatchSize, string Label, double Auc);

/// <summary>
/// The measured numbers behind the supplementary "paper vs this run" table (<see cref="SupplementaryClaims.Table"/>):
/// SD/mean of the displacement magnitudes of the field shown; every misregistration level (the first without added
/// displacement) and patch size, in run order; the validation losses of the standard network (before training, the
/// best at <see cref="BestEpoch"/>, the last epoch's); the decorrelation resolution (µm) of the MRI and of the MRH-AF
/// prediction; the MRI's voxel size (µm).
/// </summary>
public sealed record SupplementaryFindings(
    double FieldSdOverMean,
    IReadOnlyList<MisregistrationLevel> Levels,
    IReadOnlyList<PatchSizeOutcome> PatchSizes,
    double InitialValidationLoss,
    double BestValidationLoss,
    int BestEpoch,
    double LastValidationLoss,
    double MriResolutionUm,
    double PredictionResolutionUm,
    double VoxelUm)
{
    /// <summary>The supplementary "paper vs this run" table.</summary>
    public ClaimTable Claims() => SupplementaryClaims.Table(this);
}
