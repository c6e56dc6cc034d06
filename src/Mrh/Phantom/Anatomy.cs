using System.Numerics;

namespace Mrh.Phantom;

/// <summary>
/// The procedural atlas of the digital mouse brain: about fourteen labelled structures built from smooth
/// shapes in the atlas frame (x left-right with 0 on the midline, y dorsal to ventral from the top of the
/// field of view, z anterior to posterior; millimetres). <see cref="Sample"/> returns the microstructure of
/// a voxel of size h centred at a point; structures are painted back to front (deep grey, brainstem,
/// cerebral nuclei, hippocampus, ventricles, cortex, white-matter sheet, cerebellum, olfactory bulbs),
/// each blending in by the fraction of the voxel it covers. The anatomy is bilaterally symmetric: shapes
/// are evaluated at |x| and directions mirrored.
/// </summary>
public sealed partial class Anatomy
{
    readonly AnatomyOptions _options;

    public Anatomy(AnatomyOptions? options = null)
    {
        _options = options ?? AnatomyOptions.Normal;
        _loft = BuildCerebrumLoft();
        BuildNuclei();
        BuildHippocampus();
        BuildBrainstemAndCerebellum();
        BuildOlfactory();
    }

    public AnatomyOptions Options => _options;

    /// <summary>Bounding box of the brain in the atlas frame (mm), with a small margin.</summary>
    public static (Vector3 Min, Vector3 Max) Bounds => (new Vector3(-5.2f, 0f, 0f), new Vector3(5.2f, 6.9f, 13.4f));

    /// <summary>The microstructure of the voxel of edge <paramref name="h"/> (mm) centred at <paramref name="p"/>.</summary>
    internal TissueSample Sample(Vector3 p, float h)
    {
        var s = new TissueSample();
        var (min, max) = Bounds;
        if (p.X < min.X || p.X > max.X || p.Y < min.Y || p.Y > max.Y || p.Z < min.Z || p.Z > max.Z) return s;
        bool mirrored = p.X < 0;
        var q = new Vector3(MathF.Abs(p.X), p.Y, p.Z);

        var cer = CerebrumFrame(q);
        if (cer.Surface.D > h && NothingOutsideCerebrum(q, h)) return s;
        PaintDeepGrey(ref s, q, h, cer);
        PaintBrainstem(ref s, q, h);
        PaintNuclei(ref s, q, h, cer);
        PaintHippocampus(ref s, q, h, cer);
        PaintVentricles(ref s, q, h, cer);
        PaintCortex(ref s, q, h, cer);
        PaintWhiteMatterSheet(ref s, q, h, cer);
        PaintCerebellum(ref s, q, h);
        PaintOlfactory(ref s, q, h);

        if (mirrored) { s.Mxy = -s.Mxy; s.Mxz = -s.Mxz; }
        return s;
    }

    /// <summary>True when no structure outside the cerebrum (bulbs, brainstem, cerebellum, hypothalamus) comes within a voxel of q.</summary>
    bool NothingOutsideCerebrum(Vector3 q, float h) =>
        _bulb.FarOutside(q, h) && _peduncle.FarOutside(q, h) && _midbrain.FarOutside(q, h) && _superiorColliculus.FarOutside(q, h)
        && _inferiorColliculus.FarOutside(q, h) && _hindbrain.FarOutside(q, h) && _pons.FarOutside(q, h)
        && _cerebellum.FarOutside(q, h) && _paraflocculus.FarOutside(q, h) && _hypothalamus.FarOutside(q, h);

    /// <summary>The structure label at a point (a voxel of size h there).</summary>
    public StructureLabel LabelAt(Vector3 p, float h = 0.05f) => Sample(p, h).Label;

    static float SmoothStep(float e0, float e1, float x)
    {
        float t = Math.Clamp((x - e0) / (e1 - e0), 0f, 1f);
        return t * t * (3 - 2 * t);
    }

    /// <summary>A unit vector tangent to a surface with normal n, lying in the coronal plane.</summary>
    static Vector3 CoronalTangent(Vector3 n)
    {
        var t = new Vector3(-n.Y, n.X, 0);
        float l = t.Length();
        return l > 1e-4f ? t / l : Vector3.UnitX;
    }
}
