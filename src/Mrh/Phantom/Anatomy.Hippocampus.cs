using System.Numerics;

namespace Mrh.Phantom;

public sealed partial class Anatomy
{
    Ellipsoid _hippoDorsal = null!, _hippoCaudal = null!, _hippoVentral = null!;
    Ellipsoid _dentateDorsal = null!, _dentateCaudal = null!, _dentateVentral = null!;

    void BuildHippocampus()
    {
        // a curved body: dorsal part under the callosum (its lateral end lower), sweeping caudally, laterally and ventrally
        _hippoDorsal = Ellipsoid.RotatedZ(new Vector3(1.6f, 2.1f, 7.2f), new Vector3(1.5f, 0.8f, 1.15f), 16);
        _hippoCaudal = new Ellipsoid(new Vector3(2.75f, 2.95f, 8.25f), new Vector3(0.95f, 1.05f, 0.85f));
        _hippoVentral = new Ellipsoid(new Vector3(3.35f, 4.2f, 8.5f), new Vector3(0.7f, 1.05f, 0.8f));
        // the dentate gyrus inside it, nearer the ventromedial side
        _dentateDorsal = Ellipsoid.RotatedZ(new Vector3(1.45f, 2.4f, 7.25f), new Vector3(0.85f, 0.3f, 0.95f), 16);
        _dentateCaudal = new Ellipsoid(new Vector3(2.75f, 3.1f, 8.3f), new Vector3(0.5f, 0.58f, 0.5f));
        _dentateVentral = new Ellipsoid(new Vector3(3.3f, 4.15f, 8.5f), new Vector3(0.36f, 0.6f, 0.45f));
    }

    /// <summary>
    /// Ammon's horn strata as shells by depth below the hippocampal surface (alveus, oriens, pyramidal layer,
    /// radiatum, lacunosum-moleculare), then the dentate gyrus inside: its molecular layer, the thin granule
    /// cell layer (two blades around the hilus in coronal sections) and the hilus.
    /// </summary>
    void PaintHippocampus(ref TissueSample s, Vector3 q, float h, in Cerebral c)
    {
        if (q.Z < 5.6f || q.Z > 9.8f || q.X < 0.02f) return;
        var body = Sdf.SmoothUnion(Sdf.SmoothUnion(_hippoDorsal.Near(q, h + 0.2f), _hippoCaudal.Near(q, h + 0.2f), 0.45f), _hippoVentral.Near(q, h + 0.2f), 0.4f);
        if (body.D > h) return;
        var clipped = Sdf.Intersect(body, new Sdf(c.CoreSdf, c.DepthNormal));
        float depth = -clipped.D;
        var radial = clipped.N;
        var tangent = CoronalTangent(radial);
        Layer(ref s, depth, 0f, h, TissueClass.Alveus, tangent);
        Layer(ref s, depth, 0.04f, h, TissueClass.Oriens, radial);
        Layer(ref s, depth, 0.13f, h, TissueClass.Pyramidal, radial);
        Layer(ref s, depth, 0.20f, h, TissueClass.Radiatum, radial);
        Layer(ref s, depth, 0.37f, h, TissueClass.LacunosumMoleculare, tangent);
        Layer(ref s, depth, 0.50f, h, TissueClass.DentateMolecular, tangent);
        var dentate = Sdf.SmoothUnion(Sdf.SmoothUnion(_dentateDorsal.Near(q, h + 0.2f), _dentateCaudal.Near(q, h + 0.2f), 0.35f), _dentateVentral.Near(q, h + 0.2f), 0.3f);
        dentate = Sdf.Intersect(dentate, clipped.Offset(-0.12f));
        float dgDepth = -dentate.D;
        var dgTangent = CoronalTangent(dentate.N);
        Layer(ref s, dgDepth, -0.13f, h, TissueClass.DentateMolecular, dgTangent);
        Layer(ref s, dgDepth, -0.035f, h, TissueClass.Granule, dentate.N);
        Layer(ref s, dgDepth, 0.035f, h, TissueClass.Hilus, dentate.N);

        static void Layer(ref TissueSample s, float depth, float from, float h, in TissueClass t, Vector3 dir)
        {
            float cov = Sdf.Coverage(from - depth, h);
            if (cov > 0) s.Paint(t, dir, cov, StructureLabel.Hippocampus);
        }
    }
}
