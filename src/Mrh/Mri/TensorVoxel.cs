namespace Mrh.Mri;

/// <summary>
/// The tensor of one voxel: eigenvalues L1 >= L2 >= L3 (mm^2/s, after the minimum-diffusivity
/// clip), the principal direction V1 (unit vector, sign chosen so that z >= 0; ties: y >= 0, then x >= 0),
/// and the fitted non-diffusion-weighted signal S0.
/// </summary>
public readonly record struct TensorVoxel(double S0, double L1, double L2, double L3, double V1X, double V1Y, double V1Z)
{
    public double FA => TensorScalars.FractionalAnisotropy(L1, L2, L3);
    public double MD => TensorScalars.MeanDiffusivity(L1, L2, L3);
    public double AD => TensorScalars.AxialDiffusivity(L1, L2, L3);
    public double RD => TensorScalars.RadialDiffusivity(L1, L2, L3);
}
