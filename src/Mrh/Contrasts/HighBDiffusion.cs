using Mrh.Data;
using Mrh.Imaging;
using Mrh.Phantom;

namespace Mrh.Contrasts;

/// <summary>
/// A higher diffusion shell: b = 8,000 s/mm² in 6 directions with one b0 (7 DW-GRASE images, 10 min each as in the
/// 67-image protocol), simulated by the phantom's own diffusion forward model (<see cref="MriSimulator"/>, new
/// images only). At this b the extra-axonal and free water signal has decayed and what remains is mostly water
/// inside axons and cells; the map is the direction-averaged signal divided by the b0 signal.
/// </summary>
public sealed class HighBDiffusion : ContrastModel
{
    public override string Name => "DWI-b8000";
    public override string Title => "diffusion shell b = 8000 s/mm² (direction average / b0)";
    public override string Physics =>
        "Compartment sum of dispersed sticks, zeppelins, restricted spheres, myelin and free water (the phantom's model) at b = 8000; mean over 6 directions / b0.";
    public override double ScanMinutes => 70;
    public override string Unit => "fraction";

    public const double BValue = 8000;

    /// <summary>The seven images of the shell (a b0 and six directions of the icosahedron's half).</summary>
    public static Protocol Shell()
    {
        var dirs = GradientDirections.Hemisphere(6);
        var list = new List<ProtocolChannel> { new("b8000_b0", ChannelKind.B0, 0, null, 0, Protocol.DwiMinutes, "DWI-b8000") };
        for (int i = 0; i < dirs.Length; i++)
            list.Add(new($"b8000_dir{i + 1}", ChannelKind.Dwi, BValue, dirs[i], 0, Protocol.DwiMinutes, "DWI-b8000"));
        return new Protocol(list);
    }

    public override Volume Simulate(Microstructure m, PhantomConfig config, ulong seed)
    {
        var images = MriSimulator.Simulate(m, Shell(), config, seed);
        var b0 = images.Channels[0];
        var map = new float[b0.Length];
        int dirs = images.ChannelCount - 1;
        for (int i = 0; i < map.Length; i++)
        {
            if (m.Inside[i] <= 0) continue;
            double sum = 0;
            for (int c = 1; c <= dirs; c++) sum += images.Channels[c][i];
            map[i] = (float)(sum / dirs / Math.Max(b0[i], 1e-3 * config.Acquisition.ScannerScale));
        }
        return m.Grid.CreateVolume(map, Name);
    }

    protected override double Voxel(VoxelTissue v, TissueParameters tp, Rng? noise) =>
        throw new NotSupportedException("the b = 8000 shell is simulated image by image");
}
