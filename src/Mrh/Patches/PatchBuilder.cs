namespace Mrh.Patches;

/// <summary>Accumulates patches of one subject into growable buffers, then a <see cref="PatchSet"/>.</summary>
sealed class PatchBuilder(PatchSource source, PatchGeometry geometry)
{
    readonly List<float> _inputs = [];
    readonly List<float> _targets = [];
    readonly List<int> _centers = [];
    readonly float[] _inBuf = new float[source.Inputs.ChannelCount * geometry.Size * geometry.Size];
    readonly float[] _tBuf = new float[geometry.Size * geometry.Size];

    public int Count => _centers.Count / 3;

    /// <summary>Copies the target patch at section/column/row into a reusable buffer (no copy kept).</summary>
    public ReadOnlySpan<float> TargetPatch(int section, int column, int row)
    {
        geometry.Extract(source.Target.Channels[0], section, column, row, _tBuf);
        return _tBuf;
    }

    /// <summary>Adds the patch whose target was last read with <see cref="TargetPatch"/>.</summary>
    public void AddWithLastTarget(int section, int column, int row)
    {
        geometry.ExtractChannels(source.Inputs.Channels, section, column, row, _inBuf);
        _inputs.AddRange(_inBuf);
        _targets.AddRange(_tBuf);
        var (x, y, z) = geometry.Voxel(section, column, row);
        _centers.Add(x); _centers.Add(y); _centers.Add(z);
    }

    public void Add(int section, int column, int row)
    {
        TargetPatch(section, column, row);
        AddWithLastTarget(section, column, row);
    }

    public PatchSet Build() =>
        new(Count, source.Inputs.ChannelCount, geometry.Size, geometry.Plane, _inputs.ToArray(), _targets.ToArray(),
            _centers.ToArray(), new int[Count], [source.SubjectId], source.Inputs.ChannelNames);
}
