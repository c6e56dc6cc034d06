using System.Numerics;

namespace Mrh.Phantom;

public sealed partial class Anatomy
{
    Ellipsoid _midbrain = null!, _superiorColliculus = null!, _inferiorColliculus = null!, _nigra = null!;
    Ellipsoid _hindbrain = null!, _pons = null!, _cerebellum = null!, _paraflocculus = null!;
    static readonly Vector3 CerebellarHub = new(0, 3.45f, 11.45f);

    void BuildBrainstemAndCerebellum()
    {
        _midbrain = new Ellipsoid(new Vector3(0, 3.95f, 9.3f), new Vector3(2.1f, 1.95f, 1.6f));
        _superiorColliculus = new Ellipsoid(new Vector3(0.72f, 2.4f, 9.3f), new Vector3(0.8f, 0.62f, 0.72f));
        _inferiorColliculus = new Ellipsoid(new Vector3(0.85f, 2.7f, 10.1f), new Vector3(0.62f, 0.52f, 0.45f));
        _nigra = new Ellipsoid(new Vector3(1.15f, 5.0f, 8.9f), new Vector3(0.55f, 0.22f, 0.6f));
        _hindbrain = new Ellipsoid(new Vector3(0, 4.75f, 11.55f), new Vector3(2.1f, 1.5f, 1.9f));
        _pons = new Ellipsoid(new Vector3(0, 5.4f, 9.95f), new Vector3(1.5f, 0.9f, 1.0f));
        _cerebellum = new Ellipsoid(new Vector3(0, 2.85f, 11.5f), new Vector3(3.3f, 1.8f, 1.65f));
        _paraflocculus = new Ellipsoid(new Vector3(3.25f, 3.65f, 11.35f), new Vector3(0.6f, 0.62f, 0.55f));
    }

    void PaintBrainstem(ref TissueSample s, Vector3 q, float h)
    {
        if (q.Z < 7.4f) return;
        var colliculi = Sdf.SmoothUnion(_superiorColliculus.Near(q, h + 0.2f), _inferiorColliculus.Near(q, h + 0.2f), 0.2f);
        var midbrain = Sdf.SmoothUnion(_midbrain.Near(q, h + 0.2f), colliculi, 0.3f);
        float cov = midbrain.Coverage(h);
        if (cov > 0)
        {
            s.Paint(TissueClass.Midbrain, Vector3.UnitZ, cov, StructureLabel.Midbrain);
            float cc = colliculi.Coverage(h);
            if (cc > 0) s.Paint(TissueClass.Colliculus, CoronalTangent(colliculi.N), cc, StructureLabel.Midbrain);
            float nc = _nigra.Near(q, h + 0.2f).Coverage(h);
            if (nc > 0) s.Paint(TissueClass.SubstantiaNigra, Vector3.UnitZ, nc, StructureLabel.Midbrain);
        }
        var hind = _hindbrain.Near(q, h + 0.2f);
        cov = hind.Coverage(h);
        if (cov > 0) s.Paint(TissueClass.Hindbrain, Vector3.UnitZ, cov, StructureLabel.Hindbrain);
        // the pons: transverse (left-right) fibres
        cov = _pons.Near(q, h + 0.2f).Coverage(h);
        if (cov > 0) s.Paint(TissueClass.Hindbrain with { Tau = 0.7f }, Vector3.UnitX, cov, StructureLabel.Hindbrain);
    }

    /// <summary>Angles (rad, around the hub in the sagittal plane, 0 straight up, positive posterior) and depths (mm) of the cerebellar fissures.</summary>
    static readonly (float Angle, float Depth)[] Fissures =
    [
        (-1.5f, 0.5f), (-1.05f, 0.8f), (-0.6f, 0.65f), (-0.2f, 1.0f), (0.2f, 0.7f),
        (0.6f, 1.05f), (1.0f, 0.75f), (1.4f, 0.95f), (1.85f, 0.55f),
    ];

    /// <summary>
    /// Cerebellum with folia: fissures cut into the surface around a hub (their angle shifts a little with
    /// the distance from the midline, as the hemispheres' folia do), and the layers follow the folded surface:
    /// molecular layer outermost, granular layer beneath, white matter in the core and up into each folium.
    /// </summary>
    void PaintCerebellum(ref TissueSample s, Vector3 q, float h)
    {
        if (q.Z < 9.4f) return;
        var ellipsoid = Sdf.SmoothUnion(_cerebellum.Near(q, h + 0.2f), _paraflocculus.Near(q, h + 0.2f), 0.25f);
        if (ellipsoid.D > h) return;
        var rel = q - CerebellarHub;
        float rho = MathF.Sqrt(rel.Y * rel.Y + rel.Z * rel.Z);
        float theta = MathF.Atan2(rel.Z, -rel.Y) - 0.12f * q.X;
        float ellDepth = -ellipsoid.D;
        var body = ellipsoid;
        foreach (var (angle, depth) in Fissures)
        {
            float across = rho * MathF.Abs(theta - angle) - 0.035f;
            if (across > h + 0.5f) continue;
            var fissure = new Sdf(MathF.Max(across, ellDepth - depth), Vector3.UnitZ);
            body = Sdf.Subtract(body, fissure);
        }
        float cov = body.Coverage(h);
        if (cov <= 0) return;
        float surfaceDepth = -body.D;
        s.Paint(TissueClass.CerebellarMolecular, Vector3.UnitX, cov, StructureLabel.Cerebellum);
        float gc = Sdf.Coverage(0.13f - surfaceDepth, h);
        if (gc > 0) s.Paint(TissueClass.CerebellarGranular, Vector3.UnitZ, gc, StructureLabel.Cerebellum);
        // white matter: the corpus medullare deep inside, branching into every lobule between the fissures
        float wc = Sdf.Coverage(MathF.Min(0.29f - surfaceDepth, 1.3f - ellDepth), h);
        if (wc > 0)
        {
            var radial = new Vector3(0, rel.Y, rel.Z);
            float l = radial.Length();
            s.Paint(TissueClass.CerebellarWhite, l > 1e-4f ? radial / l : Vector3.UnitZ, wc, StructureLabel.Cerebellum);
        }
    }
}
