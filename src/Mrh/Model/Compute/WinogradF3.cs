namespace Mrh.Model.Compute;

/// <summary>
/// Winograd's minimal filtering F(3x3, 3x3), specialised to the MRH layers: a 3 x 3 convolution with
/// 'same' zero padding on a 3 x 3 patch. In one dimension the three outputs are the middle coefficients
/// of the product of two quadratics (signal and reversed kernel), so they follow from 5 products of
/// values at the Toom-Cook points 0, 1, -1, 2, -2 instead of 7 (9 x 9 = 81 multiply-adds per channel
/// pair in the dense matrix form, 49 in a direct convolution, 25 here):
/// <code>
/// y = A [(G w) ⊙ (B x)]      x: 3 inputs, w: 3 taps (w[0] multiplies x[i-1]), y: 3 outputs
/// B = [1 0 0; 1 1 1; 1 -1 1; 1 2 4; 1 -2 4]                       (5 x 3, input transform)
/// G = [0 0 -5/4; 1/6 1/6 1/6; 1/6 -1/6 1/6; 1/6 1/12 1/24; 1/6 -1/12 1/24]   (5 x 3, kernel transform)
/// A = [0 4 -4 -2 2; 1 4 4 -1 -1; 0 -1 1 2 -2]                     (3 x 5, output transform)
/// </code>
/// (the interpolation's fractions are moved into G, which is applied once per weight update, so the
/// per-activation transforms A and B have small integer coefficients). In two dimensions the transforms
/// are Kronecker products: 9 pixels -> 25 points -> 9 pixels. The result is the same function as the
/// convolution; only the rounding differs (measured in the tests).
/// </summary>
public static class WinogradF3
{
    /// <summary>Pixels of a 3 x 3 patch (index row x 3 + column).</summary>
    public const int Pixels = 9;
    /// <summary>Transform points in two dimensions (index rowPoint x 5 + columnPoint).</summary>
    public const int Points = 25;

    static readonly double[] InputRows = [1, 0, 0, 1, 1, 1, 1, -1, 1, 1, 2, 4, 1, -2, 4];
    static readonly double[] KernelRows = [0, 0, -1.25, 1 / 6.0, 1 / 6.0, 1 / 6.0, 1 / 6.0, -1 / 6.0, 1 / 6.0, 1 / 6.0, 1 / 12.0, 1 / 24.0, 1 / 6.0, -1 / 12.0, 1 / 24.0];
    static readonly double[] OutputRows = [0, 4, -4, -2, 2, 1, 4, 4, -1, -1, 0, -1, 1, 2, -2];

    /// <summary>B[point, input] of the one-dimensional input transform (5 x 3).</summary>
    public static double Input(int point, int input) => InputRows[point * 3 + input];
    /// <summary>G[point, tap] of the one-dimensional kernel transform (5 x 3).</summary>
    public static double Kernel(int point, int tap) => KernelRows[point * 3 + tap];
    /// <summary>A[output, point] of the one-dimensional output transform (3 x 5).</summary>
    public static double Output(int output, int point) => OutputRows[output * 5 + point];

    // The SIMD forms of these transforms, with every value in a register, are in GridTransforms.
}
