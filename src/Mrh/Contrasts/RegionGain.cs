namespace Mrh.Contrasts;

/// <summary>
/// Question 2, where the candidate helps: the RMSE of the stain map in one brain region without and with the
/// candidate (mean over the held-out animals) and the gain (positive = lower error with the candidate).
/// </summary>
public sealed record RegionGain(string Region, long Voxels, double RmseWithout, double RmseWith)
{
    public double Gain => RmseWithout - RmseWith;
    /// <summary>The gain as a fraction of the error without the candidate.</summary>
    public double RelativeGain => RmseWithout > 0 ? Gain / RmseWithout : 0;
}
