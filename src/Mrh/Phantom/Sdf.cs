using System.Numerics;

namespace Mrh.Phantom;

/// <summary>
/// An approximate signed distance (mm; negative inside) with its gradient direction (outward unit normal).
/// The anatomy is built from these: ellipsoids, lofted sections and tubes combined by (smooth) unions and
/// intersections. Voxel coverage for anti-aliasing comes from <see cref="Coverage"/>.
/// </summary>
readonly struct Sdf(float distance, Vector3 normal)
{
    public readonly float D = distance;
    public readonly Vector3 N = normal;

    public static Sdf Outside => new(1e3f, Vector3.UnitY);

    /// <summary>Fraction of a voxel of size h inside the surface (a linear ramp one voxel wide).</summary>
    public static float Coverage(float d, float h) => Math.Clamp(0.5f - d / h, 0f, 1f);

    public float Coverage(float h) => Coverage(D, h);

    public static Sdf Union(in Sdf a, in Sdf b) => a.D <= b.D ? a : b;

    public static Sdf Intersect(in Sdf a, in Sdf b) => a.D >= b.D ? a : b;

    /// <summary>a minus b.</summary>
    public static Sdf Subtract(in Sdf a, in Sdf b) => a.D >= -b.D ? a : new Sdf(-b.D, -b.N);

    /// <summary>Polynomial smooth minimum with blend radius k (mm).</summary>
    public static Sdf SmoothUnion(in Sdf a, in Sdf b, float k)
    {
        float h = Math.Clamp(0.5f + 0.5f * (b.D - a.D) / k, 0f, 1f);
        float d = b.D + (a.D - b.D) * h - k * h * (1 - h);
        var n = Vector3.Lerp(b.N, a.N, h);
        float len = n.Length();
        return new Sdf(d, len > 1e-6f ? n / len : a.N);
    }

    public Sdf Offset(float by) => new(D - by, N);
}

/// <summary>An ellipsoid with centre, semi-axes and an optional rotation (its local axes in world coordinates).</summary>
sealed class Ellipsoid
{
    readonly Vector3 _c, _r, _e0, _e1, _e2;

    public Ellipsoid(Vector3 centre, Vector3 radii) : this(centre, radii, Vector3.UnitX, Vector3.UnitY, Vector3.UnitZ) { }

    public Ellipsoid(Vector3 centre, Vector3 radii, Vector3 e0, Vector3 e1, Vector3 e2)
    {
        _c = centre; _r = radii; _e0 = e0; _e1 = e1; _e2 = e2;
    }

    /// <summary>Rotated about the anterior-posterior (z) axis by <paramref name="degrees"/> (in the coronal plane).</summary>
    public static Ellipsoid RotatedZ(Vector3 centre, Vector3 radii, float degrees)
    {
        float a = degrees * MathF.PI / 180, c = MathF.Cos(a), s = MathF.Sin(a);
        return new Ellipsoid(centre, radii, new Vector3(c, s, 0), new Vector3(-s, c, 0), Vector3.UnitZ);
    }

    /// <summary>Rotated about the left-right (x) axis (in the sagittal plane).</summary>
    public static Ellipsoid RotatedX(Vector3 centre, Vector3 radii, float degrees)
    {
        float a = degrees * MathF.PI / 180, c = MathF.Cos(a), s = MathF.Sin(a);
        return new Ellipsoid(centre, radii, Vector3.UnitX, new Vector3(0, c, s), new Vector3(0, -s, c));
    }

    public Ellipsoid MirrorX() => new(new Vector3(-_c.X, _c.Y, _c.Z), _r,
        new Vector3(_e0.X, -_e0.Y, -_e0.Z), new Vector3(-_e1.X, _e1.Y, _e1.Z), new Vector3(-_e2.X, _e2.Y, _e2.Z));

    /// <summary>Cheap rejection: true if p is certainly farther than <paramref name="margin"/> outside.</summary>
    public bool FarOutside(Vector3 p, float margin)
    {
        var d = p - _c;
        float rmax = MathF.Max(_r.X, MathF.Max(_r.Y, _r.Z)) + margin;
        return d.LengthSquared() > rmax * rmax;
    }

    /// <summary>The distance, or a far-outside placeholder when p is beyond the bounding sphere plus <paramref name="margin"/>.</summary>
    public Sdf Near(Vector3 p, float margin) => FarOutside(p, margin) ? Sdf.Outside : Eval(p);

    public Sdf Eval(Vector3 p)
    {
        var d = p - _c;
        float q0 = Vector3.Dot(d, _e0) / _r.X, q1 = Vector3.Dot(d, _e1) / _r.Y, q2 = Vector3.Dot(d, _e2) / _r.Z;
        float f = MathF.Sqrt(q0 * q0 + q1 * q1 + q2 * q2);
        if (f < 1e-5f) return new Sdf(-MathF.Min(_r.X, MathF.Min(_r.Y, _r.Z)), -Vector3.UnitY);
        var g = (q0 / _r.X * _e0 + q1 / _r.Y * _e1 + q2 / _r.Z * _e2) / f;
        float gl = g.Length();
        return new Sdf((f - 1) / gl, g / gl);
    }
}

/// <summary>A tube of varying radius along a polyline; also reports the local tangent (fibre direction).</summary>
sealed class Tube
{
    readonly Vector3[] _p;
    readonly float[] _radius;
    readonly Vector3 _min, _max;

    public Tube(Vector3[] points, float[] radii)
    {
        if (points.Length < 2 || radii.Length != points.Length) throw new ArgumentException("a tube needs at least two points and one radius per point");
        _p = points; _radius = radii;
        float r = radii.Max();
        _min = points.Aggregate(Vector3.Min) - new Vector3(r); _max = points.Aggregate(Vector3.Max) + new Vector3(r);
    }

    /// <summary>True if p is outside the tube's bounding box grown by <paramref name="margin"/>.</summary>
    public bool FarOutside(Vector3 p, float margin) =>
        p.X < _min.X - margin || p.Y < _min.Y - margin || p.Z < _min.Z - margin || p.X > _max.X + margin || p.Y > _max.Y + margin || p.Z > _max.Z + margin;

    public Tube MirrorX() => new(_p.Select(v => new Vector3(-v.X, v.Y, v.Z)).ToArray(), _radius);

    public Sdf Eval(Vector3 p, out Vector3 tangent)
    {
        float best = float.MaxValue;
        tangent = Vector3.UnitX;
        Vector3 bestNormal = Vector3.UnitY;
        for (int i = 0; i + 1 < _p.Length; i++)
        {
            var a = _p[i]; var ab = _p[i + 1] - a;
            float t = Math.Clamp(Vector3.Dot(p - a, ab) / ab.LengthSquared(), 0f, 1f);
            var closest = a + t * ab;
            var off = p - closest;
            float dist = off.Length();
            float r = _radius[i] + t * (_radius[i + 1] - _radius[i]);
            float sd = dist - r;
            if (sd < best)
            {
                best = sd;
                tangent = Vector3.Normalize(ab);
                bestNormal = dist > 1e-6f ? off / dist : Vector3.UnitY;
            }
        }
        return new Sdf(best, bestNormal);
    }
}
