using System.Numerics;

namespace Mrh.Phantom;

public sealed partial class Anatomy
{
    Ellipsoid _bulb = null!, _peduncle = null!;

    void BuildOlfactory()
    {
        _bulb = new Ellipsoid(new Vector3(0.85f, 3.55f, 1.55f), new Vector3(0.88f, 1.12f, 1.35f));
        _peduncle = new Ellipsoid(new Vector3(0.55f, 3.75f, 2.5f), new Vector3(0.6f, 0.75f, 0.75f));
    }

    /// <summary>
    /// Olfactory bulbs, layered from the surface: olfactory nerve layer (unmyelinated axons), glomeruli,
    /// external plexiform layer, mitral cells, granule cells, and a myelinated core; the peduncle joins the
    /// frontal pole.
    /// </summary>
    void PaintOlfactory(ref TissueSample s, Vector3 q, float h)
    {
        if (q.Z > 3.4f) return;
        float cov = _peduncle.Near(q, h + 0.2f).Coverage(h);
        if (cov > 0) s.Paint(TissueClass.OlfactoryCore with { Cell = 0.45f }, Vector3.UnitZ, cov, StructureLabel.OlfactoryBulb);
        var bulb = _bulb.Near(q, h + 0.2f);
        cov = bulb.Coverage(h);
        if (cov <= 0) return;
        float depth = -bulb.D;
        var tangent = CoronalTangent(bulb.N);
        s.Paint(TissueClass.OlfactoryNerve, tangent, cov, StructureLabel.OlfactoryBulb);
        Layer(ref s, depth, 0.10f, h, TissueClass.Glomerular, bulb.N);
        Layer(ref s, depth, 0.26f, h, TissueClass.ExternalPlexiform, bulb.N);
        Layer(ref s, depth, 0.42f, h, TissueClass.Mitral, bulb.N);
        Layer(ref s, depth, 0.47f, h, TissueClass.OlfactoryGranule, bulb.N);
        Layer(ref s, depth, 0.70f, h, TissueClass.OlfactoryCore, Vector3.UnitZ);

        static void Layer(ref TissueSample s, float depth, float from, float h, in TissueClass t, Vector3 dir)
        {
            float cov = Sdf.Coverage(from - depth, h);
            if (cov > 0) s.Paint(t, dir, cov, StructureLabel.OlfactoryBulb);
        }
    }
}
