using Mrh.Phantom;

namespace Mrh.Contrasts;

/// <summary>
/// What the candidate contrasts see of one voxel: water in tissue, in myelin and in free fluid (proton
/// density relative to free water), tissue relaxation rates and the concentrations within tissue of myelin
/// and of the iron-like confounder: the phantom's own compartment rule (<see cref="TissueCompartments"/>, which the MRI
/// forward model uses), reduced to what relaxation-based contrasts need, so that new contrasts never touch the
/// generator of the 67 images.
/// </summary>
public readonly record struct VoxelTissue(double TissueWater, double MyelinWater, double FluidWater, double R1, double R2,
    double MyelinConcentration, double IronConcentration)
{
    /// <summary>Total proton density.</summary>
    public double ProtonDensity => TissueWater + MyelinWater + FluidWater;

    /// <summary>Voxel <paramref name="i"/> of an animal's microstructure under <paramref name="tp"/>.</summary>
    public static VoxelTissue Of(Microstructure m, int i, TissueParameters tp) =>
        From(m.Inside[i], m.Csf[i], m.Axon[i], m.Myelin[i], m.Cell[i], m.Iron[i], m.R2Factor[i], tp);

    /// <summary>The compartments of a voxel from its microstructure values (0..1 maps, R2 factor ~1).</summary>
    public static VoxelTissue From(double inside, double csf, double axon, double myelin, double cell, double iron, double r2Factor, TissueParameters tp)
    {
        if (inside <= 0) return default;
        var c = new TissueCompartments(inside, csf, axon, myelin, cell, iron, r2Factor, tp);
        return new VoxelTissue(c.TissueWater, c.My, c.Csf, c.R1, c.R2, c.ConcMyelin, c.ConcIron);
    }

    /// <summary>
    /// Spin-echo magnetisation at echo time <paramref name="te"/> and repetition time <paramref name="tr"/> (ms), summed
    /// over compartments (myelin water relaxes with the tissue's T1 and its own short T2; fluid with the CSF T1/T2).
    /// </summary>
    public double SpinEcho(double te, double tr, TissueParameters tp)
    {
        double sat = 1 - Math.Exp(-tr * R1);
        return sat * (TissueWater * Math.Exp(-te * R2) + MyelinWater * Math.Exp(-te / tp.MyelinWaterT2))
             + FluidWater * (1 - Math.Exp(-tr / tp.CsfT1)) * Math.Exp(-te / tp.CsfT2);
    }
}
