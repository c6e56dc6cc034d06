using System.Numerics;

namespace Mrh.Phantom;

/// <summary>
/// Makes one animal: the atlas anatomy sampled through a small smooth deformation and a brain-size factor,
/// then the genotype (shiverer: compact myelin nearly absent, axons kept; sas4: heterotopia via the anatomy),
/// age (myelination), smooth random fields and whole-animal shifts on axon, myelin, cells, iron,
/// diffusivity and T2. Deterministic for a spec; voxels are computed in parallel over coronal slabs.
/// </summary>
public static class MicrostructureGenerator
{
    /// <summary>Residual compact myelin in shiverer (MBP-negative; a little non-compact wrapping), relative.</summary>
    public const double ShivererMyelinFactor = 0.05;
    /// <summary>Shiverer axons are kept but slightly thinner.</summary>
    public const double ShivererAxonFactor = 0.93;

    /// <summary>The atlas itself: no deformation, fields or shifts (the reference space's own anatomy).</summary>
    public static Microstructure Atlas(PhantomConfig config) =>
        Generate(config, new AnimalSpec("atlas", 0), vary: false);

    public static Microstructure Generate(PhantomConfig config, AnimalSpec animal) => Generate(config, animal, vary: true);

    static Microstructure Generate(PhantomConfig config, AnimalSpec animal, bool vary)
    {
        var grid = config.Grid;
        var v = config.Variation;
        var m = new Microstructure(grid, animal);
        var anatomy = new Anatomy(animal.Anatomy);
        var rng = new Rng(Seeds.Derive(animal.Seed, "globals"));
        double Global(double sd) => vary ? Math.Exp(sd * rng.NextGaussian()) : 1;
        float scale = (float)(vary ? 1 + v.BrainScaleSd * rng.NextGaussian() : 1);
        float gAxon = (float)Global(v.AxonGlobalSd), gMyelin = (float)Global(v.MyelinGlobalSd), gCell = (float)Global(v.CellGlobalSd);
        float gIron = (float)Global(v.IronGlobalSd), gDiff = (float)Global(v.DiffusivityGlobalSd), gT2 = (float)Global(v.T2GlobalSd);
        m.MtFactor = Global(v.MtGlobalSd);

        int nx = grid.NX, ny = grid.NY, nz = grid.NZ;
        float[]? ux = null, uy = null, uz = null, fAxon = null, fMyelin = null, fCell = null, fIron = null, fDiff = null, fT2 = null;
        if (vary)
        {
            float[] Field(string name, double corr) => SmoothRandomField.Generate(nx, ny, nz, grid.Spacing, corr, Seeds.Derive(animal.Seed, "field", name));
            ux = Field("ux", v.DeformationCorrelationMm); uy = Field("uy", v.DeformationCorrelationMm); uz = Field("uz", v.DeformationCorrelationMm);
            fAxon = Field("axon", v.FieldCorrelationMm); fMyelin = Field("myelin", v.FieldCorrelationMm); fCell = Field("cell", v.FieldCorrelationMm);
            fIron = Field("iron", v.FieldCorrelationMm); fDiff = Field("diffusivity", v.FieldCorrelationMm); fT2 = Field("t2", v.FieldCorrelationMm);
        }
        float defAmp = (float)v.DeformationMm;
        float myelinGenotype = (float)(animal.Genotype == Genotype.Shiverer ? ShivererMyelinFactor : 1) * (float)animal.MyelinMaturity;
        float axonGenotype = (float)(animal.Genotype == Genotype.Shiverer ? ShivererAxonFactor : 1);
        var centre = new Vector3(0, 3.4f, 6.8f);
        float h = (float)grid.Spacing;

        Parallel.For(0, nz, z =>
        {
            for (int y = 0; y < ny; y++)
                for (int x = 0; x < nx; x++)
                {
                    int i = (z * ny + y) * nx + x;
                    var p = new Vector3((float)grid.X(x), (float)grid.Y(y), (float)grid.Z(z));
                    if (ux is not null)
                        p = centre + (p - centre) / scale + defAmp * new Vector3(ux[i], uy![i], uz![i]);
                    var s = anatomy.Sample(p, h);
                    m.Inside[i] = s.Inside;
                    m.Labels[i] = (byte)s.Label;
                    if (s.Inside <= 0) { m.FibreX[i] = 1; m.Tau[i] = 1f / 3; m.DiffusivityFactor[i] = 1; m.R2Factor[i] = 1; continue; }
                    float ea = 1, em = 1, ec = 1, ei = 1, ed = 1, et = 1;
                    if (fAxon is not null)
                    {
                        ea = MathF.Exp((float)v.AxonFieldSd * fAxon[i]); em = MathF.Exp((float)v.MyelinFieldSd * fMyelin![i]);
                        ec = MathF.Exp((float)v.CellFieldSd * fCell![i]); ei = MathF.Exp((float)v.IronFieldSd * fIron![i]);
                        ed = MathF.Exp((float)v.DiffusivityFieldSd * fDiff![i]); et = MathF.Exp((float)v.T2FieldSd * fT2![i]);
                    }
                    m.Axon[i] = Math.Clamp(s.Axon * axonGenotype * gAxon * ea, 0, 1);
                    m.Myelin[i] = Math.Clamp(s.Myelin * myelinGenotype * gMyelin * em, 0, 1);
                    m.Cell[i] = Math.Clamp(s.Cell * gCell * ec, 0, 1.2f);
                    m.Csf[i] = Math.Clamp(s.Csf, 0, 1);
                    m.Iron[i] = Math.Clamp(s.Iron * gIron * ei, 0, 2);
                    m.SomaRadius[i] = s.Inside > 0 ? s.SomaRadius / s.Inside : 5.5f;
                    var (dir, tau) = s.Orientation();
                    m.FibreX[i] = dir.X; m.FibreY[i] = dir.Y; m.FibreZ[i] = dir.Z; m.Tau[i] = tau;
                    m.DiffusivityFactor[i] = gDiff * ed;
                    m.R2Factor[i] = gT2 * et;
                }
        });
        return m;
    }
}
