using System.Numerics;

namespace Mrh.Phantom;

/// <summary>
/// The microstructure of one voxel while the anatomy paints it: every painted structure blends its tissue
/// into the voxel by its coverage (a painter's algorithm, so overlapping shapes resolve by order and thin
/// structures become partial volumes). Fibre orientations accumulate as an axon-weighted second-moment
/// tensor, so that mixtures of fibre populations become one dispersed population.
/// </summary>
struct TissueSample
{
    public float Inside, Axon, Myelin, Cell, Csf, Iron, SomaRadius;
    public float Mxx, Myy, Mzz, Mxy, Mxz, Myz;
    public StructureLabel Label;

    public void Paint(in TissueClass t, Vector3 dir, float coverage, StructureLabel label)
    {
        if (coverage <= 0) return;
        float c = coverage, k = 1 - c;
        Inside = Inside * k + c;
        Axon = Axon * k + c * t.Axon;
        Myelin = Myelin * k + c * t.Myelin;
        Cell = Cell * k + c * t.Cell;
        Csf = Csf * k + c * t.Csf;
        Iron = Iron * k + c * t.Iron;
        SomaRadius = SomaRadius * k + c * t.SomaRadius;
        // Watson-like second moment of the fibre directions: (1 - tau)/2 I + (3 tau - 1)/2 u u^T, weighted by axons
        float w = c * MathF.Max(t.Axon, 0.01f) * (t.Csf > 0 ? 0 : 1);
        float iso = (1 - t.Tau) / 2, ani = (3 * t.Tau - 1) / 2;
        Mxx = Mxx * k + w * (iso + ani * dir.X * dir.X);
        Myy = Myy * k + w * (iso + ani * dir.Y * dir.Y);
        Mzz = Mzz * k + w * (iso + ani * dir.Z * dir.Z);
        Mxy = Mxy * k + w * ani * dir.X * dir.Y;
        Mxz = Mxz * k + w * ani * dir.X * dir.Z;
        Myz = Myz * k + w * ani * dir.Y * dir.Z;
        if (c >= 0.5f) Label = label;
    }

    /// <summary>
    /// Principal fibre direction and coherence tau (largest eigenvalue of the normalised tensor, 1/3..1).
    /// </summary>
    public readonly (Vector3 Direction, float Tau) Orientation()
    {
        float tr = Mxx + Myy + Mzz;
        if (tr < 1e-6f) return (Vector3.UnitX, 1f / 3);
        // power iteration from the column with the largest norm
        Vector3 c0 = new(Mxx, Mxy, Mxz), c1 = new(Mxy, Myy, Myz), c2 = new(Mxz, Myz, Mzz);
        Vector3 v = c0.LengthSquared() >= c1.LengthSquared() ? (c0.LengthSquared() >= c2.LengthSquared() ? c0 : c2)
                                                              : (c1.LengthSquared() >= c2.LengthSquared() ? c1 : c2);
        float len = v.Length();
        if (len < 1e-9f) return (Vector3.UnitX, 1f / 3);
        v /= len;
        // the tensor is positive semi-definite, so plain power iteration finds the largest eigenvalue
        for (int i = 0; i < 24; i++)
        {
            var nv = new Vector3(
                Mxx * v.X + Mxy * v.Y + Mxz * v.Z,
                Mxy * v.X + Myy * v.Y + Myz * v.Z,
                Mxz * v.X + Myz * v.Y + Mzz * v.Z);
            float nl = nv.Length();
            if (nl < 1e-12f) break;
            v = nv / nl;
        }
        float lambda = v.X * (Mxx * v.X + Mxy * v.Y + Mxz * v.Z) + v.Y * (Mxy * v.X + Myy * v.Y + Myz * v.Z) + v.Z * (Mxz * v.X + Myz * v.Y + Mzz * v.Z);
        return (v, Math.Clamp(lambda / tr, 1f / 3, 0.995f));
    }
}
