using Mrh.Data;
using Mrh.Imaging;

namespace Mrh.Mri;

/// <summary>A computed map and the name it is saved under (file <c>Name + ".nii.gz"</c>).</summary>
public sealed record NamedMap(string Name, string Description, Volume Map);

/// <summary>
/// The classic MRI markers of one subject: the MTR (from the protocol's MT-off and MT-on images) and,
/// for each diffusion shell (<see cref="DiffusionShells"/>), the tensor maps FA, MD, AD, RD and the
/// principal direction V1. Map names: <c>mtr</c>, then for each shell <c>{shell}_fa</c>,
/// <c>{shell}_md</c>, <c>{shell}_ad</c>, <c>{shell}_rd</c>, <c>{shell}_v1</c> (V1: 3 channels), e.g.
/// <c>b2000_fa</c>, <c>b700_ogse50_rd</c>. Diffusivities are in mm^2/s. All the checks (shells, b0s,
/// directions) run in the constructor, before any work.
/// </summary>
public sealed class MarkerJob
{
    readonly TensorModel[] _models;
    readonly int _sourceChannels;
    readonly List<string> _notes = [];

    /// <summary>Markers of a volume whose channels follow <paramref name="protocol"/> (MTR and DTI per shell).</summary>
    public MarkerJob(Protocol protocol, TensorFitOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(protocol);
        Options = options ?? TensorFitOptions.Default;
        _sourceChannels = protocol.Count;
        ComputesMtr = MagnetizationTransfer.CanCompute(protocol);
        Protocol = protocol;
        if (!ComputesMtr) _notes.Add("the protocol has no single MT-off/MT-on pair: no MTR map");
        if (protocol.Channels.Any(c => c.IsDiffusion))
        {
            Shells = DiffusionShells.Split(protocol, Options.ShellTolerance);
            if (Shells.Count == 0) throw new MrhException("the protocol has b0 images but no diffusion-weighted ones: no tensor can be fitted");
        }
        else
        {
            Shells = [];
            _notes.Add("the protocol has no diffusion images: no DTI maps");
        }
        if (!ComputesMtr && Shells.Count == 0) throw new MrhException("the protocol has neither MT images nor diffusion images: no marker to compute");
        _models = Shells.Select(s => new TensorModel(s, Options)).ToArray();
    }

    /// <summary>DTI markers of a diffusion series described by a gradient table (one map set per shell, b0s shared).</summary>
    public MarkerJob(GradientTable table, TensorFitOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(table);
        Options = options ?? TensorFitOptions.Default;
        _sourceChannels = table.Count;
        Shells = DiffusionShells.Split(table, Options.ShellTolerance);
        if (Shells.Count == 0)
            throw new MrhException($"{table.Source}: no diffusion-weighted image (all b < {table.B0Threshold:0.###} s/mm^2): no tensor can be fitted");
        _models = Shells.Select(s => new TensorModel(s, Options)).ToArray();
    }

    public TensorFitOptions Options { get; }
    /// <summary>The protocol, when the job was made from one.</summary>
    public Protocol? Protocol { get; }
    public bool ComputesMtr { get; }
    public IReadOnlyList<DiffusionShell> Shells { get; }
    /// <summary>What will not be computed and why (for the user; empty when everything is).</summary>
    public IReadOnlyList<string> Notes => _notes;

    /// <summary>Names of the maps <see cref="Run"/> returns, in order.</summary>
    public IReadOnlyList<string> MapNames =>
        (ComputesMtr ? new[] { "mtr" } : []).Concat(Shells.SelectMany(s => Suffixes.Select(x => $"{s.Name}_{x.Suffix}"))).ToArray();

    static readonly (string Suffix, TensorMap Map, string Description)[] Suffixes =
    [
        ("fa", TensorMap.FA, "fractional anisotropy"),
        ("md", TensorMap.MD, "mean diffusivity, mm^2/s"),
        ("ad", TensorMap.AD, "axial diffusivity, mm^2/s"),
        ("rd", TensorMap.RD, "radial diffusivity, mm^2/s"),
        ("v1", TensorMap.V1, "principal direction (x, y, z)"),
    ];

    /// <summary>Units of work <see cref="Run"/> reports through its progress (z-slices per shell, plus 1 for the MTR).</summary>
    public long WorkUnits(Volume inputs) => (long)Shells.Count * inputs.NZ + (ComputesMtr ? 1 : 0);

    /// <summary>
    /// Computes every map. <paramref name="inputs"/> has the protocol's (or table's) channels;
    /// <paramref name="mask"/> (one channel, same grid, non-zero inside, <see cref="VolumeMask.FromVolume"/>) limits the maps (0 outside).
    /// </summary>
    public IReadOnlyList<NamedMap> Run(Volume inputs, Volume? mask = null, IProgress<long>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        if (inputs.ChannelCount != _sourceChannels)
            throw new MrhException($"the input volume has {inputs.ChannelCount} channels but the {(Protocol is null ? "gradient table" : "protocol")} describes {_sourceChannels} images");
        if (mask is not null && !mask.SameGrid(inputs))
            throw new MrhException($"the mask is {mask.NX}x{mask.NY}x{mask.NZ} voxels but the images are {inputs.NX}x{inputs.NY}x{inputs.NZ}");
        if (mask is not null && mask.ChannelCount != 1)
            throw new MrhException($"the mask has {mask.ChannelCount} channels; expected one");
        var maps = new List<NamedMap>();
        long done = 0;
        if (ComputesMtr)
        {
            maps.Add(new("mtr", "magnetization transfer ratio (M0 - Mt) / M0", MagnetizationTransfer.Ratio(inputs, Protocol!, mask)));
            progress?.Report(++done);
        }
        for (int s = 0; s < Shells.Count; s++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var fit = _models[s].Fit(inputs, mask, progress is null ? null : new Offset(progress, done), cancellationToken);
            done += inputs.NZ;
            var shell = Shells[s];
            foreach (var (suffix, map, description) in Suffixes)
                maps.Add(new($"{shell.Name}_{suffix}", $"{description}, {shell.Name}", fit.ToVolume(map)));
        }
        return maps;
    }

    sealed class Offset(IProgress<long> inner, long offset) : IProgress<long>
    {
        public void Report(long value) => inner.Report(offset + value);
    }
}
