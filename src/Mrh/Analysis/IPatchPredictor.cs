namespace Mrh.Analysis;

/// <summary>
/// Anything that maps input patches to outputs: a trained network, or a hand-built function in a test.
/// <c>patches</c> holds <c>count</c> patches laid out [N][C][k][k] (patch-major, then channel, then
/// rows, then columns); the result holds the same number of values per patch for every patch
/// (e.g. one centre value, or k x k), patch-major. Implementations may batch internally.
/// </summary>
public interface IPatchPredictor
{
    float[] Predict(float[] patches, int count);
}

/// <summary>The shape of a patch array: <see cref="Count"/> patches of <see cref="Channels"/> channels of <see cref="Size"/> x <see cref="Size"/> pixels.</summary>
public sealed record PatchLayout(int Count, int Channels, int Size)
{
    /// <summary>Pixels per channel of one patch (k x k).</summary>
    public int PixelsPerChannel => Size * Size;

    /// <summary>Values per patch (C x k x k).</summary>
    public int ValuesPerPatch => Channels * Size * Size;

    /// <summary>Total values, N x C x k x k.</summary>
    public long Length => (long)Count * ValuesPerPatch;

    /// <summary>Throws unless the layout is positive and <paramref name="patches"/> has exactly its length.</summary>
    public void Check(float[] patches)
    {
        ArgumentNullException.ThrowIfNull(patches);
        if (Count < 1 || Channels < 1 || Size < 1)
            throw new ArgumentException($"invalid patch layout {Count} x {Channels} x {Size} x {Size}");
        if (patches.LongLength != Length)
            throw new ArgumentException($"patch array has {patches.Length} values, expected {Count} x {Channels} x {Size} x {Size} = {Length}");
    }
}

/// <summary>Adapters from plain functions to <see cref="IPatchPredictor"/>.</summary>
public static class PatchPredictor
{
    /// <summary>Wraps a function of the [N][C][k][k] array (N implied by its length).</summary>
    public static IPatchPredictor From(Func<float[], float[]> predict) => new FunctionPredictor((p, _) => predict(p));

    /// <summary>Wraps a function of the array and the patch count.</summary>
    public static IPatchPredictor From(Func<float[], int, float[]> predict) => new FunctionPredictor(predict);

    sealed class FunctionPredictor(Func<float[], int, float[]> predict) : IPatchPredictor
    {
        public float[] Predict(float[] patches, int count) => predict(patches, count);
    }
}
