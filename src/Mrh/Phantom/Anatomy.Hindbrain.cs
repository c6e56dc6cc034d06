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

    /// <summary>
    /// Cerebellum with folia: around a hub, the angle in the sagittal plane sets a periodic lobule pattern;
    /// the molecular layer dips deep into narrow fissures, white matter branches toward the lobule centres,
    /// the granular layer lies between.
    /// </summary>
    void PaintCerebellum(ref TissueSample s, Vector3 q, float h)
    {
        if (q.Z < 9.4f) return;
        var body = Sdf.SmoothUnion(_cerebellum.Near(q, h + 0.2f), _paraflocculus.Near(q, h + 0.2f), 0.25f);
        float cov = body.Coverage(h);
        if (cov <= 0) return;
        float depth = -body.D;
        var rel = q - CerebellarHub;
        float theta = MathF.Atan2(rel.Z, -rel.Y); // 0 straight up, positive posterior
        float lobule = 0.5f + 0.5f * MathF.Cos(2 * MathF.PI * theta / 0.34f + 0.5f * q.X); // 1 at lobule centres
        float l2 = lobule * lobule;
        float molecularDepth = 0.16f + 0.55f * MathF.Pow(1 - lobule, 8);
        float whiteDepth = 0.62f + 0.75f * (1 - l2 * l2);
        s.Paint(TissueClass.CerebellarMolecular, Vector3.UnitX, cov, StructureLabel.Cerebellum);
        float gc = Sdf.Coverage(molecularDepth - depth, h);
        if (gc > 0) s.Paint(TissueClass.CerebellarGranular, Vector3.UnitZ, gc, StructureLabel.Cerebellum);
        float wc = Sdf.Coverage(whiteDepth - depth, h);
        if (wc > 0)
        {
            var radial = new Vector3(0, rel.Y, rel.Z);
            float l = radial.Length();
            s.Paint(TissueClass.CerebellarWhite, l > 1e-4f ? radial / l : Vector3.UnitZ, wc, StructureLabel.Cerebellum);
        }
    }
}
