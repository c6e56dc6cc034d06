using Mrh.Imaging;
using Mrh.Phantom;

namespace Mrh.Contrasts;

/// <summary>
/// A candidate MRI contrast that the 67 images lack, computed by a forward model from an animal's
/// microstructure (the same maps the phantom's MRI and histology see, never the stain itself): the
/// acquisition is simulated with noise and the map is estimated from it as a lab would. One channel in the
/// phantom's space; zero outside the brain. Deterministic for a seed.
/// </summary>
public abstract class ContrastModel
{
    /// <summary>Short name used on the command line and as the channel name ("T1", "MWF", ...).</summary>
    public abstract string Name { get; }
    /// <summary>What the map is, in a few words.</summary>
    public abstract string Title { get; }
    /// <summary>The physics in a sentence or two: what the signal depends on and how the map is estimated.</summary>
    public abstract string Physics { get; }
    /// <summary>A plausible ex vivo scan time at 0.1 mm on a 7 T with a cryogenic coil, minutes.</summary>
    public abstract double ScanMinutes { get; }
    /// <summary>The map's unit ("ms", "ppb", "fraction").</summary>
    public abstract string Unit { get; }

    /// <summary>The map of one animal (one channel named <see cref="Name"/>).</summary>
    public virtual Volume Simulate(Microstructure m, PhantomConfig config, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(m);
        ArgumentNullException.ThrowIfNull(config);
        var grid = m.Grid;
        var tp = config.Tissue;
        bool noise = config.Acquisition.AddNoise;
        var map = new float[grid.VoxelCount];
        int plane = grid.NX * grid.NY;
        Parallel.For(0, grid.NZ, z =>
        {
            var rng = noise ? new Rng(Seeds.Derive(seed, Name, z)) : null;
            for (int i = z * plane; i < (z + 1) * plane; i++)
                if (m.Inside[i] > 0) map[i] = (float)Voxel(VoxelTissue.Of(m, i, tp), tp, rng);
        });
        return grid.CreateVolume(map, Name);
    }

    /// <summary>The noise-free map value of a voxel with these compartments (models simulated voxel by voxel).</summary>
    public double NoiseFree(VoxelTissue v, TissueParameters tp) => Voxel(v, tp, null);

    /// <summary>The estimated map value of one voxel; <paramref name="noise"/> null for the noise-free value.</summary>
    protected abstract double Voxel(VoxelTissue v, TissueParameters tp, Rng? noise);

    /// <summary>Noise of a fully relaxed cortex voxel's signal at signal-to-noise ratio <paramref name="snr"/>.</summary>
    protected static double Sigma(TissueParameters tp, double snr) =>
        VoxelTissue.From(1, 0, Cortex.Axon, Cortex.Myelin, Cortex.Cell, Cortex.Iron, 1, tp).ProtonDensity / snr;

    static readonly TissueClass Cortex = TissueClass.Cortex(0.5f, 0.1f);

    public override string ToString() => $"{Name}: {Title} ({ScanMinutes:0} min)";
}
