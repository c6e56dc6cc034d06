using System.Numerics;

namespace Mrh.Phantom;

public sealed partial class Anatomy
{
    // right-hemisphere shapes (the left is the mirror image)
    Ellipsoid _striatum = null!, _accumbens = null!, _pallidum = null!, _septum = null!, _thalamus = null!, _hypothalamus = null!, _lateralVentricle = null!;
    Tube _internalCapsule = null!, _commissureMain = null!, _commissurePosterior = null!;
    Vector3 _fascicleDir, _fascicleE1, _fascicleE2;

    void BuildNuclei()
    {
        _striatum = Ellipsoid.RotatedZ(new Vector3(2.05f, 3.2f, 4.8f), new Vector3(1.55f, 1.7f, 1.85f), -10);
        _accumbens = new Ellipsoid(new Vector3(1.15f, 4.45f, 3.95f), new Vector3(0.9f, 0.7f, 1.0f));
        _pallidum = new Ellipsoid(new Vector3(2.55f, 4.25f, 6.0f), new Vector3(0.6f, 0.65f, 0.75f));
        _septum = new Ellipsoid(new Vector3(0, 3.0f, 4.7f), new Vector3(0.6f, 1.3f, 1.15f));
        _thalamus = new Ellipsoid(new Vector3(1.05f, 3.85f, 7.2f), new Vector3(1.25f, 1.35f, 1.55f));
        _hypothalamus = new Ellipsoid(new Vector3(0, 5.5f, 6.6f), new Vector3(1.0f, 0.75f, 1.7f));
        _lateralVentricle = Ellipsoid.RotatedZ(new Vector3(0.85f, 2.55f, 4.8f), new Vector3(0.11f, 0.85f, 1.5f), 25);
        _internalCapsule = new Tube(
            [new(2.35f, 3.6f, 5.4f), new(2.2f, 4.3f, 6.5f), new(1.85f, 5.15f, 7.7f), new(1.4f, 5.6f, 8.8f)],
            [0.20f, 0.24f, 0.22f, 0.18f]);
        // anterior commissure: crossing at the midline, anterior limb toward the olfactory peduncle, posterior limb laterally
        _commissureMain = new Tube(
            [new(0, 4.45f, 5.15f), new(0.7f, 4.5f, 5.05f), new(1.3f, 4.6f, 4.7f), new(1.35f, 4.65f, 4.0f), new(1.15f, 4.55f, 3.2f), new(0.95f, 4.2f, 2.5f)],
            [0.17f, 0.16f, 0.13f, 0.12f, 0.11f, 0.10f]);
        _commissurePosterior = new Tube(
            [new(1.3f, 4.6f, 4.7f), new(2.3f, 4.95f, 5.3f), new(3.0f, 5.35f, 5.95f)],
            [0.12f, 0.11f, 0.09f]);
        // fascicles of the internal capsule run through the striatum caudally, ventrally and medially
        _fascicleDir = Vector3.Normalize(new Vector3(-0.3f, 0.55f, 0.78f));
        _fascicleE1 = Vector3.Normalize(Vector3.Cross(_fascicleDir, Vector3.UnitX));
        _fascicleE2 = Vector3.Cross(_fascicleDir, _fascicleE1);
    }

    void PaintNuclei(ref TissueSample s, Vector3 q, float h, in Cerebral c)
    {
        if (q.Z > 9.6f) return;
        var striatum = Sdf.SmoothUnion(_striatum.Near(q, h + 0.2f), _accumbens.Near(q, h + 0.2f), 0.4f);
        float cov = striatum.Coverage(h);
        if (cov > 0)
        {
            s.Paint(TissueClass.Striatum, Vector3.UnitZ, cov, StructureLabel.Striatum);
            // fascicles only well inside the striatum
            var fascicle = Sdf.Intersect(Fascicles(q), striatum.Offset(-0.12f));
            float fc = fascicle.Coverage(h);
            if (fc > 0) s.Paint(TissueClass.CapsuleFascicle, _fascicleDir, fc, StructureLabel.InternalCapsule);
        }
        cov = _septum.Near(q, h + 0.2f).Coverage(h);
        if (cov > 0) s.Paint(TissueClass.Septum, Vector3.UnitY, cov, StructureLabel.Striatum);
        cov = _pallidum.Near(q, h + 0.2f).Coverage(h);
        if (cov > 0) s.Paint(TissueClass.Pallidum, _fascicleDir, cov, StructureLabel.Striatum);
        var mirror = new Vector3(-q.X, q.Y, q.Z);
        var thalamus = Sdf.SmoothUnion(_thalamus.Near(q, h + 0.2f), _thalamus.Near(mirror, h + 0.2f), 0.3f);
        cov = thalamus.Coverage(h);
        if (cov > 0) s.Paint(TissueClass.Thalamus, Vector3.Normalize(new Vector3(0.3f, -0.5f, 0.8f)), cov, StructureLabel.Thalamus);
        cov = _hypothalamus.Near(q, h + 0.2f).Coverage(h);
        if (cov > 0) s.Paint(TissueClass.Hypothalamus, Vector3.UnitZ, cov, StructureLabel.Hypothalamus);
        if (!_internalCapsule.FarOutside(q, h))
        {
            var ic = _internalCapsule.Eval(q, out var icDir);
            cov = ic.Coverage(h);
            if (cov > 0) s.Paint(TissueClass.Peduncle, icDir, cov, StructureLabel.InternalCapsule);
        }
        if (!_commissureMain.FarOutside(q, h) || !_commissurePosterior.FarOutside(q, h))
        {
            var ac = _commissureMain.Eval(q, out var acDir);
            var acp = _commissurePosterior.Eval(q, out var acpDir);
            if (acp.D < ac.D) { ac = acp; acDir = acpDir; }
            cov = ac.Coverage(h);
            if (cov > 0) s.Paint(TissueClass.AnteriorCommissure, acDir, cov, StructureLabel.AnteriorCommissure);
        }
    }

    void PaintVentricles(ref TissueSample s, Vector3 q, float h, in Cerebral c)
    {
        if (q.Z > 9f) return;
        // lateral ventricle: a thin slit along the dorsomedial striatum, under the callosum
        var lv = Sdf.Intersect(_lateralVentricle.Near(q, h + 0.2f), new Sdf(c.CoreTop - 0.02f - c.Depth, c.DepthNormal));
        float cov = lv.Coverage(h);
        if (cov > 0) s.Paint(TissueClass.Ventricle, Vector3.UnitX, cov, StructureLabel.LateralVentricle);
        // third ventricle: a thin midline sheet between the thalami and through the hypothalamus
        float dy = (q.Y - 4.75f) / 1.3f, dz = (q.Z - 6.9f) / 1.5f;
        float ell = (MathF.Sqrt(dy * dy + dz * dz) - 1) * 1.3f;
        float d = MathF.Max(q.X - 0.07f, ell);
        cov = Sdf.Coverage(d, h);
        if (cov > 0) s.Paint(TissueClass.Ventricle, Vector3.UnitX, cov, StructureLabel.ThirdVentricle);
    }

    /// <summary>A jittered hexagonal lattice of thin tubes along the fascicle direction.</summary>
    Sdf Fascicles(Vector3 q)
    {
        const float spacing = 0.42f, rowHeight = spacing * 0.8660254f, jitter = 0.08f;
        float s1 = Vector3.Dot(q, _fascicleE1), s2 = Vector3.Dot(q, _fascicleE2);
        int r0 = (int)MathF.Floor(s2 / rowHeight);
        float best = float.MaxValue;
        Vector3 normal = _fascicleE1;
        for (int r = r0 - 1; r <= r0 + 1; r++)
        {
            float off = (r & 1) * spacing / 2;
            int c0 = (int)MathF.Floor((s1 - off) / spacing);
            for (int col = c0 - 1; col <= c0 + 2; col++)
            {
                uint hsh = Hash(r, col);
                float jx = ((hsh & 0xFF) / 255f - 0.5f) * 2 * jitter;
                float jy = (((hsh >> 8) & 0xFF) / 255f - 0.5f) * 2 * jitter;
                float radius = 0.035f + 0.03f * (((hsh >> 16) & 0xFF) / 255f);
                float dx = s1 - (col * spacing + off + jx), dy = s2 - (r * rowHeight + jy);
                float dist = MathF.Sqrt(dx * dx + dy * dy);
                if (dist - radius < best)
                {
                    best = dist - radius;
                    normal = dist > 1e-6f ? (dx * _fascicleE1 + dy * _fascicleE2) / dist : _fascicleE1;
                }
            }
        }
        return new Sdf(best, normal);
    }

    static uint Hash(int a, int b)
    {
        uint h = (uint)a * 0x9E3779B1u ^ (uint)b * 0x85EBCA77u;
        h ^= h >> 15; h *= 0x2C1B3C6Du; h ^= h >> 12; h *= 0x297A2D39u; h ^= h >> 15;
        return h;
    }
}
