using System.Numerics;

namespace Mrh.Phantom;

public sealed partial class Anatomy
{
    readonly CoronalLoft _loft;

    /// <summary>The callosum crosses the midline between the genu and the splenium (z, mm).</summary>
    const float GenuZ = 3.75f, SpleniumZ = 8.3f;

    static CoronalLoft BuildCerebrumLoft() => new(
        z: [1.75f, 2.2f, 2.8f, 3.6f, 4.8f, 6.2f, 7.5f, 8.6f, 9.4f, 10.0f, 10.35f],
        halfWidth: [0.05f, 1.75f, 2.75f, 3.5f, 4.2f, 4.72f, 4.9f, 4.82f, 4.45f, 3.5f, 0.05f],
        centreY: [3.45f, 3.25f, 3.05f, 3.0f, 3.15f, 3.25f, 3.3f, 3.35f, 3.45f, 3.5f, 3.55f],
        halfHeight: [0.05f, 1.5f, 2.25f, 2.72f, 2.92f, 3.0f, 3.0f, 2.82f, 2.42f, 1.8f, 0.05f]);

    /// <summary>Everything about the cerebrum at a point that several structures need.</summary>
    readonly struct Cerebral
    {
        /// <summary>Signed distance of the cerebrum (with the interhemispheric fissure), and its normal.</summary>
        public readonly Sdf Surface;
        /// <summary>Depth that orders cortex, white-matter sheet and core: below the dome where the callosum crosses, below the nearest surface elsewhere.</summary>
        public readonly float Depth;
        /// <summary>Outward normal of the surface that <see cref="Depth"/> is measured from.</summary>
        public readonly Vector3 DepthNormal;
        /// <summary>Cortical thickness, heterotopia band thickness and white-matter sheet thickness here (mm).</summary>
        public readonly float T, Band, W;
        /// <summary>Angle from straight up around the section's centre (0 dorsal, pi ventral).</summary>
        public readonly float Phi;
        public readonly float A, Yc, B;

        public Cerebral(Sdf surface, float depth, Vector3 depthNormal, float t, float band, float w, float phi, float a, float yc, float b)
        {
            Surface = surface; Depth = depth; DepthNormal = depthNormal; T = t; Band = band; W = w; Phi = phi; A = a; Yc = yc; B = b;
        }

        /// <summary>Depth at which the deep (subcortical) core begins.</summary>
        public float CoreTop => T + Band + W;
        /// <summary>Signed distance of the core (negative inside): below the white-matter sheet, inside the cerebrum.</summary>
        public float CoreSdf => MathF.Max(CoreTop - Depth, Surface.D);
    }

    Cerebral CerebrumFrame(Vector3 q)
    {
        var dome = _loft.Eval(q);
        var (a, yc, b) = _loft.At(q.Z);
        float du = -dome.D;
        float phi = MathF.Atan2(q.X, yc - q.Y);
        // cortical thickness: ~1.25 mm dorsally in the front, thinner caudally, laterally and ventrally
        float t0 = 1.25f - 0.30f * Math.Clamp((q.Z - 4.5f) / 5f, 0f, 1f);
        float t = t0 * (0.62f + 0.38f * MathF.Cos(0.85f * phi)) * (float)_options.CortexThicknessScale;
        // where the callosum crosses the midline the fissure stops at the callosum; elsewhere it splits the hemispheres
        float inRange = SmoothStep(GenuZ - 0.25f, GenuZ + 0.25f, q.Z) * (1 - SmoothStep(SpleniumZ - 0.25f, SpleniumZ + 0.25f, q.Z));
        float fissureHalfWidth = 0.03f + 1.5f * MathF.Pow(SmoothStep(8.4f, 10.3f, q.Z), 2f);
        float fissureBottom = t + 20f * (1 - inRange);
        var slab = new Sdf(q.X - fissureHalfWidth, Vector3.UnitX);
        var aboveCallosum = new Sdf(du - fissureBottom, -dome.N);
        var fissure = Sdf.Intersect(slab, aboveCallosum);
        var surface = Sdf.Subtract(dome, fissure);
        float dc = -surface.D;
        float depth = inRange * du + (1 - inRange) * dc;
        var depthNormal = Vector3.Normalize(inRange * dome.N + (1 - inRange) * surface.N + new Vector3(0, -1e-4f, 0));
        // heterotopia band (sas4-/-p53-/-): dorsal and dorsomedial, over the striatum and hippocampus
        float band = 0;
        if (_options.HeterotopiaThicknessMm > 0)
        {
            float mask = (1 - SmoothStep(1.6f, 2.8f, q.X)) * SmoothStep(3.6f, 4.6f, q.Z) * (1 - SmoothStep(7.4f, 8.4f, q.Z)) * (1 - SmoothStep(0.7f, 1.1f, phi));
            band = (float)_options.HeterotopiaThicknessMm * mask;
        }
        // the callosum / external capsule: thickest at the midline, thinning laterally, fading ventrolaterally
        float w = (0.17f + 0.13f * MathF.Exp(-(q.X / 1.4f) * (q.X / 1.4f))) * (1 - SmoothStep(1.65f, 2.15f, phi));
        return new Cerebral(surface, depth, depthNormal, t, band, w, phi, a, yc, b);
    }

    /// <summary>
    /// Everything inside the cerebrum starts as deep grey matter, labelled like the atlas would: basal
    /// forebrain and septal region with the cerebral nuclei in front, amygdala and cortical subplate laterally
    /// with the cortex, diencephalon behind (thalamus dorsally, hypothalamus ventrally).
    /// </summary>
    void PaintDeepGrey(ref TissueSample s, Vector3 q, float h, in Cerebral c)
    {
        float cov = c.Surface.Coverage(h);
        if (cov <= 0) return;
        var label = q.Z < 6.0f ? StructureLabel.Striatum
            : q.X > 2.5f ? StructureLabel.Cortex
            : q.Y < 4.7f ? StructureLabel.Thalamus : StructureLabel.Hypothalamus;
        s.Paint(TissueClass.CoreGrey, Vector3.UnitZ, cov, label);
    }

    void PaintCortex(ref TissueSample s, Vector3 q, float h, in Cerebral c)
    {
        // no cortex on the ventromedial surface (hypothalamus, olfactory tubercle, septal region reach the surface)
        float ventromedial = MathF.Max(q.X - 0.42f * c.A, c.Yc + 0.3f * c.B - q.Y);
        float d = MathF.Max(MathF.Max(c.Surface.D, c.Depth - c.T), -ventromedial);
        float cov = Sdf.Coverage(d, h);
        if (cov <= 0) return;
        float toPia = MathF.Max(-c.Surface.D, 0), toWhite = MathF.Max(c.T - c.Depth, 0);
        float rho = toPia + toWhite > 1e-4f ? toPia / (toPia + toWhite) : 0;
        s.Paint(TissueClass.Cortex(rho, h / MathF.Max(c.T, 0.3f)), c.Surface.N, cov, StructureLabel.Cortex);
    }

    void PaintWhiteMatterSheet(ref TissueSample s, Vector3 q, float h, in Cerebral c)
    {
        if (c.Band > 0)
        {
            float bandD = MathF.Max(MathF.Abs(c.Depth - (c.T + c.Band / 2)) - c.Band / 2, c.Surface.D);
            float bandCov = Sdf.Coverage(bandD, h);
            if (bandCov > 0) s.Paint(TissueClass.Heterotopia, c.DepthNormal, bandCov, StructureLabel.Cortex);
        }
        if (c.W <= 0.005f) return;
        float mid = c.T + c.Band + c.W / 2;
        float d = MathF.Max(MathF.Abs(c.Depth - mid) - c.W / 2, c.Surface.D);
        float cov = Sdf.Coverage(d, h);
        if (cov <= 0) return;
        // fibres run along the sheet in the coronal plane (left-right across the midline), turning
        // anterior-posterior in the lateral external capsule
        var along = CoronalTangent(c.DepthNormal);
        float lateral = SmoothStep(1.8f, 3.6f, q.X) * 0.7f;
        var dir = Vector3.Normalize(along * (1 - lateral) + Vector3.UnitZ * lateral);
        s.Paint(TissueClass.WhiteMatter, dir, cov, StructureLabel.CorpusCallosum);
    }
}
