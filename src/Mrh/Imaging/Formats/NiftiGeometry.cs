namespace Mrh.Imaging.Formats;

/// <summary>
/// The NIfTI-1 voxel-to-world transforms: the quaternion form (qform: rotation, voxel sizes, the qfac
/// handedness sign, offset) and conversions between it and a 4x4 affine.
/// </summary>
static class NiftiGeometry
{
    /// <summary>Row-major 4x4 affine of a qform (method 2 of the NIfTI-1 specification).</summary>
    public static double[] QformToAffine(double b, double c, double d, double qx, double qy, double qz,
        double dx, double dy, double dz, double qfac)
    {
        double a2 = 1 - (b * b + c * c + d * d);
        double a;
        if (a2 < 1e-7)
        {
            // 180-degree rotation: a = 0 and (b, c, d) renormalised to a unit vector
            double n = Math.Sqrt(b * b + c * c + d * d);
            if (n > 0) { b /= n; c /= n; d /= n; }
            a = 0;
        }
        else a = Math.Sqrt(a2);
        double[,] r =
        {
            { a * a + b * b - c * c - d * d, 2 * (b * c - a * d), 2 * (b * d + a * c) },
            { 2 * (b * c + a * d), a * a + c * c - b * b - d * d, 2 * (c * d - a * b) },
            { 2 * (b * d - a * c), 2 * (c * d + a * b), a * a + d * d - c * c - b * b },
        };
        double[] s = [dx, dy, qfac < 0 ? -dz : dz];
        double[] t = [qx, qy, qz];
        var m = new double[16];
        for (int i = 0; i < 3; i++)
        {
            for (int j = 0; j < 3; j++) m[i * 4 + j] = r[i, j] * s[j];
            m[i * 4 + 3] = t[i];
        }
        m[15] = 1;
        return m;
    }

    /// <summary>
    /// The qform of an affine whose 3x3 part is a rotation (or reflection) times voxel sizes equal to
    /// <paramref name="spacing"/>; null when the affine has shear or other sizes (then only the sform
    /// can represent it).
    /// </summary>
    public static (double B, double C, double D, double Qfac)? AffineToQuaternion(double[] m, double[] spacing, double tolerance = 1e-4)
    {
        var r = new double[3, 3];
        for (int j = 0; j < 3; j++)
        {
            double norm = Math.Sqrt(m[j] * m[j] + m[4 + j] * m[4 + j] + m[8 + j] * m[8 + j]);
            if (!(norm > 0) || Math.Abs(norm - spacing[j]) > tolerance * Math.Max(1, spacing[j])) return null;
            for (int i = 0; i < 3; i++) r[i, j] = m[i * 4 + j] / norm;
        }
        // orthonormal columns?
        for (int p = 0; p < 3; p++)
            for (int q = p + 1; q < 3; q++)
                if (Math.Abs(r[0, p] * r[0, q] + r[1, p] * r[1, q] + r[2, p] * r[2, q]) > tolerance) return null;
        double det = r[0, 0] * (r[1, 1] * r[2, 2] - r[1, 2] * r[2, 1])
                   - r[0, 1] * (r[1, 0] * r[2, 2] - r[1, 2] * r[2, 0])
                   + r[0, 2] * (r[1, 0] * r[2, 1] - r[1, 1] * r[2, 0]);
        double qfac = 1;
        if (det < 0)
        {
            qfac = -1;
            for (int i = 0; i < 3; i++) r[i, 2] = -r[i, 2];
        }
        double a, b, c, d;
        double trace = r[0, 0] + r[1, 1] + r[2, 2];
        if (trace > 0)
        {
            double s = 2 * Math.Sqrt(1 + trace); // s = 4a
            a = s / 4;
            b = (r[2, 1] - r[1, 2]) / s;
            c = (r[0, 2] - r[2, 0]) / s;
            d = (r[1, 0] - r[0, 1]) / s;
        }
        else if (r[0, 0] >= r[1, 1] && r[0, 0] >= r[2, 2])
        {
            double s = 2 * Math.Sqrt(1 + r[0, 0] - r[1, 1] - r[2, 2]); // s = 4b
            b = s / 4;
            a = (r[2, 1] - r[1, 2]) / s;
            c = (r[0, 1] + r[1, 0]) / s;
            d = (r[0, 2] + r[2, 0]) / s;
        }
        else if (r[1, 1] >= r[2, 2])
        {
            double s = 2 * Math.Sqrt(1 + r[1, 1] - r[0, 0] - r[2, 2]); // s = 4c
            c = s / 4;
            a = (r[0, 2] - r[2, 0]) / s;
            b = (r[0, 1] + r[1, 0]) / s;
            d = (r[1, 2] + r[2, 1]) / s;
        }
        else
        {
            double s = 2 * Math.Sqrt(1 + r[2, 2] - r[0, 0] - r[1, 1]); // s = 4d
            d = s / 4;
            a = (r[1, 0] - r[0, 1]) / s;
            b = (r[0, 2] + r[2, 0]) / s;
            c = (r[1, 2] + r[2, 1]) / s;
        }
        // the file stores b, c, d and implies a = sqrt(1 - b^2 - c^2 - d^2) >= 0: keep a non-negative
        if (a < 0) { b = -b; c = -c; d = -d; }
        return (b, c, d, qfac);
    }

    public static bool AllFinite(ReadOnlySpan<double> values)
    {
        foreach (var v in values) if (!double.IsFinite(v)) return false;
        return true;
    }
}
