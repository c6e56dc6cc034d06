using System.Numerics;

namespace Mrh.Phantom;

/// <summary>
/// A solid whose coronal sections are superellipses (centre height, half-width, half-height) that vary
/// smoothly along the anterior-posterior axis through keyframes (cubic Hermite interpolation). The dorsal
/// half is boxier than the ventral half, like the cerebrum of a rodent. Its distance is the first-order
/// estimate (F - 1) / |grad F| with the anterior-posterior derivative taken numerically (and limited, see Eval).
/// </summary>
sealed class CoronalLoft
{
    readonly float[] _z, _a, _yc, _b;

    public CoronalLoft(float[] z, float[] halfWidth, float[] centreY, float[] halfHeight)
    {
        _z = z; _a = halfWidth; _yc = centreY; _b = halfHeight;
    }

    public float FirstZ => _z[0];
    public float LastZ => _z[^1];

    /// <summary>Section parameters at z (clamped to the end keyframes).</summary>
    public (float A, float Yc, float B) At(float z)
    {
        if (z <= _z[0]) return (_a[0], _yc[0], _b[0]);
        if (z >= _z[^1]) return (_a[^1], _yc[^1], _b[^1]);
        int i = 0;
        while (z > _z[i + 1]) i++;
        return (Hermite(_a, i, z), Hermite(_yc, i, z), Hermite(_b, i, z));
    }

    float Hermite(float[] v, int i, float z)
    {
        float z0 = _z[i], z1 = _z[i + 1], hseg = z1 - z0, t = (z - z0) / hseg;
        float m0 = Slope(v, i) * hseg, m1 = Slope(v, i + 1) * hseg;
        float t2 = t * t, t3 = t2 * t;
        return (2 * t3 - 3 * t2 + 1) * v[i] + (t3 - 2 * t2 + t) * m0 + (-2 * t3 + 3 * t2) * v[i + 1] + (t3 - t2) * m1;
    }

    float Slope(float[] v, int i)
    {
        if (i == 0) return (v[1] - v[0]) / (_z[1] - _z[0]);
        if (i == _z.Length - 1) return (v[i] - v[i - 1]) / (_z[i] - _z[i - 1]);
        return (v[i + 1] - v[i - 1]) / (_z[i + 1] - _z[i - 1]);
    }

    /// <summary>
    /// The section's shape function (1 on the surface) and its in-plane partial derivatives: a superellipse
    /// of exponent 3 above the centre (flatter, boxier dorsal surface) and an ellipse below.
    /// </summary>
    float Shape(float x, float y, float z, out float fx, out float fy)
    {
        var (a, yc, b) = At(z);
        float dy = y - yc;
        float u = MathF.Abs(x) / a, v = MathF.Abs(dy) / b;
        float f, common;
        if (dy < 0)
        {
            float s = u * u * u + v * v * v;
            if (s < 1e-12f) { fx = 0; fy = 0; return 0; }
            f = MathF.Cbrt(s);
            common = f / s; // F^(1-n) with n = 3; dF/du = F^(1-n) u^(n-1)
            fx = common * u * u / a * MathF.Sign(x);
            fy = common * v * v / b * MathF.Sign(dy);
        }
        else
        {
            float s = u * u + v * v;
            if (s < 1e-12f) { fx = 0; fy = 0; return 0; }
            f = MathF.Sqrt(s);
            common = 1 / f;
            fx = common * u / a * MathF.Sign(x);
            fy = common * v / b * MathF.Sign(dy);
        }
        return f;
    }

    /// <summary>Signed distance (mm, negative inside) and outward normal.</summary>
    public Sdf Eval(Vector3 p)
    {
        const float eps = 0.05f;
        if (p.Z < _z[0]) return new Sdf(_z[0] - p.Z + 0.5f, -Vector3.UnitZ);
        if (p.Z > _z[^1]) return new Sdf(p.Z - _z[^1] + 0.5f, Vector3.UnitZ);
        float f = Shape(p.X, p.Y, p.Z, out float fx, out float fy);
        float fp = Shape(p.X, p.Y, MathF.Min(p.Z + eps, _z[^1]), out _, out _);
        float fm = Shape(p.X, p.Y, MathF.Max(p.Z - eps, _z[0]), out _, out _);
        float fz = (fp - fm) / (MathF.Min(p.Z + eps, _z[^1]) - MathF.Max(p.Z - eps, _z[0]));
        // Far from a section that shrinks quickly along z (near the poles) the z-derivative is dominated by
        // the shrinking, not by the distance, and the first-order estimate would call far points "near".
        // Limit the surface's tilt against the coronal plane to 60 degrees.
        float inPlane = MathF.Sqrt(fx * fx + fy * fy), limit = 1.7f * inPlane;
        if (MathF.Abs(fz) > limit && inPlane > 0) fz = MathF.CopySign(limit, fz);
        var g = new Vector3(fx, fy, fz);
        float gl = g.Length();
        if (gl < 1e-6f) return new Sdf(-1, -Vector3.UnitY);
        return new Sdf((f - 1) / gl, g / gl);
    }
}
