namespace Mrh.Data;

/// <summary>
/// Training patches: <see cref="Count"/> patches of <see cref="Size"/> x <see cref="Size"/> pixels with
/// <see cref="Channels"/> input channels and one label channel. <see cref="Inputs"/> is laid out
/// [N][C][row][column] and <see cref="Labels"/> [N][row][column], both row-major (column fastest).
/// </summary>
public sealed class PatchSet
{
    public int Count { get; }
    public int Channels { get; }
    /// <summary>Patch side in pixels (3 in the paper).</summary>
    public int Size { get; }
    /// <summary>[N][C][Size][Size] values.</summary>
    public float[] Inputs { get; }
    /// <summary>[N][Size][Size] values.</summary>
    public float[] Labels { get; }

    public PatchSet(int count, int channels, int size, float[] inputs, float[] labels)
    {
        if (count < 0 || channels < 1 || size < 1) throw new ArgumentException($"invalid patch set shape {count} x {channels} x {size} x {size}");
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(labels);
        long ni = (long)count * channels * size * size, nl = (long)count * size * size;
        if (inputs.Length != ni) throw new ArgumentException($"inputs hold {inputs.Length} values, expected {ni} ({count} x {channels} x {size} x {size})");
        if (labels.Length != nl) throw new ArgumentException($"labels hold {labels.Length} values, expected {nl} ({count} x {size} x {size})");
        Count = count; Channels = channels; Size = size; Inputs = inputs; Labels = labels;
    }

    /// <summary>Values per patch of input (C x Size x Size).</summary>
    public int InputLength => Channels * Size * Size;
    /// <summary>Values per label patch (Size x Size).</summary>
    public int LabelLength => Size * Size;

    public ReadOnlySpan<float> Input(int patch) => Inputs.AsSpan(patch * InputLength, InputLength);
    public ReadOnlySpan<float> Label(int patch) => Labels.AsSpan(patch * LabelLength, LabelLength);

    public float InputAt(int patch, int channel, int row, int column) =>
        Inputs[((patch * Channels + channel) * Size + row) * Size + column];

    public float LabelAt(int patch, int row, int column) => Labels[(patch * Size + row) * Size + column];

    /// <summary>The patches at the given indices, in that order (copies).</summary>
    public PatchSet Subset(IReadOnlyList<int> indices)
    {
        var inputs = new float[indices.Count * InputLength];
        var labels = new float[indices.Count * LabelLength];
        for (int k = 0; k < indices.Count; k++)
        {
            Input(indices[k]).CopyTo(inputs.AsSpan(k * InputLength));
            Label(indices[k]).CopyTo(labels.AsSpan(k * LabelLength));
        }
        return new PatchSet(indices.Count, Channels, Size, inputs, labels);
    }

    public override string ToString() => $"PatchSet {Count} x {Channels} x {Size} x {Size}";
}
