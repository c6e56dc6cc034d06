namespace Mrh.Mri;

/// <summary>
/// The scalar maps of a diffusion tensor from its eigenvalues l1 >= l2 >= l3 (mm^2/s):
/// FA = sqrt(1/2) sqrt((l1-l2)^2 + (l2-l3)^2 + (l3-l1)^2) / sqrt(l1^2 + l2^2 + l3^2) (0 when all are 0),
/// MD = (l1 + l2 + l3) / 3, AD = l1, RD = (l2 + l3) / 2.
/// </summary>
public static class TensorScalars
{
    public static double FractionalAnisotropy(double l1, double l2, double l3)
    {
        double den = l1 * l1 + l2 * l2 + l3 * l3;
        if (!(den > 0)) return 0;
        double num = (l1 - l2) * (l1 - l2) + (l2 - l3) * (l2 - l3) + (l3 - l1) * (l3 - l1);
        return Math.Sqrt(0.5 * num / den);
    }

    public static double MeanDiffusivity(double l1, double l2, double l3) => (l1 + l2 + l3) / 3;

    public static double AxialDiffusivity(double l1, double l2, double l3) => l1;

    public static double RadialDiffusivity(double l1, double l2, double l3) => 0.5 * (l2 + l3);
}
