namespace Mrh.Experiments;

/// <summary>
/// One network of Supplementary Fig. 1: the standard MRH-AF training (Fig. 1 case ii) with the AF targets
/// displaced by a random field of mean <see cref="DisplacementVoxels"/> (0: as they are) and patches of
/// <see cref="PatchSize"/> x <see cref="PatchSize"/> pixels.
/// </summary>
public sealed record SupplementaryCase(string Id, string Label, double DisplacementVoxels, int PatchSize, int Patches)
{
    public override string ToString() => $"{Label}: +{DisplacementVoxels:0.##} voxels, {PatchSize}x{PatchSize} patches, {Patches:N0} patches";
}
