namespace Mrh.Mri;

/// <summary>
/// Eigen-decomposition of real symmetric matrices by the cyclic Jacobi method: a sequence of plane
/// rotations, each zeroing one off-diagonal element, until the off-diagonal part vanishes to rounding.
/// Jacobi is slower than the analytic cubic solution for 3 x 3 but accurate to the last digits for
/// every matrix, including (nearly) repeated eigenvalues, where the analytic route loses its
/// eigenvectors. <see cref="Decompose3"/> is the allocation-free per-voxel routine; <see cref="Decompose"/>
/// handles any size (used once per model, e.g. for the pseudo-inverse of a design matrix).
/// </summary>
public static class SymmetricEigen
{
    const int MaxSweeps = 64;

    /// <summary>
    /// Eigenvalues and eigenvectors of the symmetric 3 x 3 matrix
    /// [[xx, xy, xz], [xy, yy, yz], [xz, yz, zz]], sorted by decreasing eigenvalue.
    /// <paramref name="values"/> receives the 3 eigenvalues; <paramref name="vectors"/> (9 values)
    /// receives the unit eigenvectors one after the other: vector k is vectors[3k..3k+3].
    /// </summary>
    public static void Decompose3(double xx, double yy, double zz, double xy, double xz, double yz,
        Span<double> values, Span<double> vectors)
    {
        if (values.Length < 3 || vectors.Length < 9) throw new ArgumentException("need 3 values and 9 vector components");
        // a: the matrix, overwritten; v: accumulated rotations (columns are eigenvectors)
        double a00 = xx, a11 = yy, a22 = zz, a01 = xy, a02 = xz, a12 = yz;
        double v00 = 1, v01 = 0, v02 = 0, v10 = 0, v11 = 1, v12 = 0, v20 = 0, v21 = 0, v22 = 1;
        for (int sweep = 0; sweep < MaxSweeps; sweep++)
        {
            double off = a01 * a01 + a02 * a02 + a12 * a12;
            double diag = a00 * a00 + a11 * a11 + a22 * a22;
            if (off <= 1e-36 * diag || !double.IsFinite(off)) break;
            // rotation in the (0,1) plane
            if (a01 != 0)
            {
                Rotation(a00, a11, a01, out double c, out double s, out double t);
                a00 -= t * a01; a11 += t * a01; a01 = 0;
                double g = a02, h = a12;
                a02 = c * g - s * h; a12 = s * g + c * h;
                Rotate(ref v00, ref v01, c, s); Rotate(ref v10, ref v11, c, s); Rotate(ref v20, ref v21, c, s);
            }
            // (0,2)
            if (a02 != 0)
            {
                Rotation(a00, a22, a02, out double c, out double s, out double t);
                a00 -= t * a02; a22 += t * a02; a02 = 0;
                double g = a01, h = a12;
                a01 = c * g - s * h; a12 = s * g + c * h;
                Rotate(ref v00, ref v02, c, s); Rotate(ref v10, ref v12, c, s); Rotate(ref v20, ref v22, c, s);
            }
            // (1,2)
            if (a12 != 0)
            {
                Rotation(a11, a22, a12, out double c, out double s, out double t);
                a11 -= t * a12; a22 += t * a12; a12 = 0;
                double g = a01, h = a02;
                a01 = c * g - s * h; a02 = s * g + c * h;
                Rotate(ref v01, ref v02, c, s); Rotate(ref v11, ref v12, c, s); Rotate(ref v21, ref v22, c, s);
            }
        }
        // sort the three pairs by decreasing eigenvalue (columns of v)
        int i0 = 0, i1 = 1, i2 = 2;
        Span<double> ev = [a00, a11, a22];
        if (ev[i0] < ev[i1]) (i0, i1) = (i1, i0);
        if (ev[i1] < ev[i2]) (i1, i2) = (i2, i1);
        if (ev[i0] < ev[i1]) (i0, i1) = (i1, i0);
        Span<double> cols = [v00, v10, v20, v01, v11, v21, v02, v12, v22];
        values[0] = ev[i0]; values[1] = ev[i1]; values[2] = ev[i2];
        for (int k = 0; k < 3; k++)
        {
            vectors[k] = cols[3 * i0 + k];
            vectors[3 + k] = cols[3 * i1 + k];
            vectors[6 + k] = cols[3 * i2 + k];
        }
    }

    /// <summary>
    /// The Jacobi rotation that zeroes the off-diagonal element apq of the 2 x 2 block
    /// [[app, apq], [apq, aqq]]: cosine c, sine s and tangent t (the smaller rotation angle).
    /// </summary>
    static void Rotation(double app, double aqq, double apq, out double c, out double s, out double t)
    {
        double theta = (aqq - app) / (2 * apq);
        t = (theta >= 0 ? 1 : -1) / (Math.Abs(theta) + Math.Sqrt(theta * theta + 1));
        if (double.IsInfinity(theta * theta)) t = 1 / (2 * theta); // apq negligible against the gap
        c = 1 / Math.Sqrt(t * t + 1);
        s = t * c;
    }

    /// <summary>Applies the rotation to a row pair (p, q) of the eigenvector matrix.</summary>
    static void Rotate(ref double p, ref double q, double c, double s)
    {
        double vp = p, vq = q;
        p = c * vp - s * vq;
        q = s * vp + c * vq;
    }

    /// <summary>
    /// Eigen-decomposition of a symmetric n x n matrix given row-major (only its upper triangle is read).
    /// Returns the eigenvalues in decreasing order and the eigenvectors as rows: vectors[k] belongs to
    /// values[k].
    /// </summary>
    public static (double[] Values, double[][] Vectors) Decompose(double[,] matrix)
    {
        int n = matrix.GetLength(0);
        if (matrix.GetLength(1) != n) throw new ArgumentException("matrix must be square");
        var a = new double[n, n];
        var v = new double[n, n];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++) a[i, j] = i <= j ? matrix[i, j] : matrix[j, i];
            v[i, i] = 1;
        }
        for (int sweep = 0; sweep < MaxSweeps; sweep++)
        {
            double off = 0, all = 0;
            for (int i = 0; i < n; i++)
                for (int j = 0; j < n; j++)
                {
                    all += a[i, j] * a[i, j];
                    if (i != j) off += a[i, j] * a[i, j];
                }
            if (off <= 1e-36 * all || !double.IsFinite(off)) break;
            for (int p = 0; p < n - 1; p++)
                for (int q = p + 1; q < n; q++)
                {
                    double apq = a[p, q];
                    if (apq == 0) continue;
                    Rotation(a[p, p], a[q, q], apq, out double c, out double s, out double t);
                    a[p, p] -= t * apq;
                    a[q, q] += t * apq;
                    a[p, q] = a[q, p] = 0;
                    for (int r = 0; r < n; r++)
                    {
                        if (r == p || r == q) continue;
                        double arp = a[r, p], arq = a[r, q];
                        a[r, p] = a[p, r] = c * arp - s * arq;
                        a[r, q] = a[q, r] = s * arp + c * arq;
                    }
                    for (int r = 0; r < n; r++)
                    {
                        double vp = v[r, p], vq = v[r, q];
                        v[r, p] = c * vp - s * vq;
                        v[r, q] = s * vp + c * vq;
                    }
                }
        }
        var order = Enumerable.Range(0, n).OrderByDescending(i => a[i, i]).ToArray();
        var values = order.Select(i => a[i, i]).ToArray();
        var vectors = order.Select(i => Enumerable.Range(0, n).Select(r => v[r, i]).ToArray()).ToArray();
        return (values, vectors);
    }
}
