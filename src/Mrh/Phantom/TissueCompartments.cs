namespace Mrh.Phantom;

/// <summary>
/// One voxel's water compartments, the one rule both the phantom's MRI (<see cref="MriSimulator"/>) and the candidate
/// contrasts use: volume fractions of axons, dendrites, cell bodies, myelin and the extra-axonal space from the
/// microstructure, their water amounts (volume fraction x water content), free fluid, tissue relaxation rates and the
/// concentrations within tissue of axons, myelin, cells and the iron-like confounder.
/// </summary>
public readonly struct TissueCompartments
{
    /// <summary>Water amounts (volume fraction x water content) of axons, the extra-axonal space, dendrites, somata, myelin; the fluid fraction.</summary>
    public readonly double Ax, Ex, De, So, My, Csf;
    /// <summary>Tissue water relaxation rates, 1/ms.</summary>
    public readonly double R2, R1;
    /// <summary>Concentrations within tissue (the maps divided by the tissue fraction, capped).</summary>
    public readonly double ConcAxon, ConcMyelin, ConcIron, ConcCell;

    public TissueCompartments(double inside, double csf, double axon, double myelin, double cell, double iron, double r2Factor, TissueParameters tp)
    {
        double tissue = Math.Max(inside - csf, 0), ct = Math.Max(tissue, 1e-3);
        double ca = Math.Min(axon / ct, 1.2), cm = Math.Min(myelin / ct, 1.2), cc = Math.Min(cell / ct, 1.5), ci = Math.Min(iron / ct, 3);
        ConcAxon = ca; ConcMyelin = cm; ConcIron = ci; ConcCell = cc;
        double vAx = tp.AxonVolumePerDensity * axon, vMy = tp.MyelinVolumePerContent * myelin, vSo = tp.SomaVolumePerDensity * cell;
        double solid = vAx + vMy + vSo, limit = 0.88 * tissue;
        if (solid > limit && solid > 0) { double f = limit / solid; vAx *= f; vMy *= f; vSo *= f; }
        double vEx = Math.Max(tissue - vAx - vMy - vSo, 0);
        double vDe = Math.Min(tp.DendriteVolumeFraction * tissue * Math.Max(1 - ca, 0), vEx);
        vEx -= vDe;
        Ax = vAx * tp.AxonWater; De = vDe * tp.AxonWater; So = vSo * tp.SomaWater; Ex = vEx * tp.ExtraWater; My = vMy * tp.MyelinWater; Csf = Math.Clamp(csf, 0, 1);
        R2 = (1 / tp.TissueT2 + tp.R2PerMyelin * cm + tp.R2PerIron * ci + tp.R2PerCell * cc) * r2Factor;
        R1 = 1 / tp.TissueT1 + tp.R1PerMyelin * cm + tp.R1PerIron * ci;
    }

    /// <summary>Water in tissue compartments (axons, dendrites, extra-axonal space, somata).</summary>
    public double TissueWater => Ax + De + Ex + So;

    /// <summary>Magnetisation of each compartment after relaxation at TE/TR (ms).</summary>
    public (double Tissue, double Myelin, double Fluid, double Total) Weight(double te, double tr, TissueParameters tp)
    {
        double sat = 1 - Math.Exp(-tr * R1);
        double tissue = sat * Math.Exp(-te * R2);
        double myelin = sat * Math.Exp(-te / tp.MyelinWaterT2);
        double fluid = (1 - Math.Exp(-tr / tp.CsfT1)) * Math.Exp(-te / tp.CsfT2);
        double t = TissueWater * tissue, my = My * myelin, f = Csf * fluid;
        return (t, my, f, t + my + f);
    }
}
