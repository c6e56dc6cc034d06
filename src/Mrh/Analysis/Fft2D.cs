using System.Numerics;
using MathNet.Numerics.IntegralTransforms;

namespace Mrh.Analysis;

/// <summary>
/// 2D discrete Fourier transform from MathNet.Numerics' 1D transforms (its managed provider has no
/// 2D transform): rows, then columns. Any size (MathNet uses Bluestein's algorithm for lengths that are
/// not powers of two). No scaling on the forward transform.
/// </summary>
public static class Fft2D
{
    /// <summary>Transforms a row-major <paramref name="rows"/> x <paramref name="columns"/> array in place.</summary>
    public static void Forward(Complex[] data, int rows, int columns)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (rows <= 0 || columns <= 0 || data.Length != rows * columns)
            throw new ArgumentException($"2D FFT of {data.Length} values as {rows} x {columns}");
        Parallel.For(0, rows, () => new Complex[columns], (r, _, row) =>
        {
            Array.Copy(data, r * columns, row, 0, columns);
            Fourier.Forward(row, FourierOptions.NoScaling);
            Array.Copy(row, 0, data, r * columns, columns);
            return row;
        }, _ => { });
        Parallel.For(0, columns, () => new Complex[rows], (c, _, col) =>
        {
            for (int r = 0; r < rows; r++) col[r] = data[r * columns + c];
            Fourier.Forward(col, FourierOptions.NoScaling);
            for (int r = 0; r < rows; r++) data[r * columns + c] = col[r];
            return col;
        }, _ => { });
    }
}
