using Mrh.Phantom;
using Mrh.Presets;

namespace Mrh.Tests.Phantom;

/// <summary>One smoke-preset study shared by the phantom tests (generated lazily, kept in memory only).</summary>
public sealed class PhantomFixture
{
    public PhantomStudy Study { get; } = new(PhantomConfig.For(Preset.Smoke), seed: 7, cache: null);

    /// <summary>Mean of values over voxels selected by a predicate on the voxel index.</summary>
    public static double Mean(float[] values, Func<int, bool> select)
    {
        double s = 0; long n = 0;
        for (int i = 0; i < values.Length; i++) if (select(i)) { s += values[i]; n++; }
        Assert.True(n > 0, "no voxels selected");
        return s / n;
    }

    public static int Count(int length, Func<int, bool> select)
    {
        int n = 0;
        for (int i = 0; i < length; i++) if (select(i)) n++;
        return n;
    }

    /// <summary>Voxels wholly inside the brain with the given label.</summary>
    public static Func<int, bool> Label(Microstructure m, StructureLabel label) =>
        i => m.Labels[i] == (byte)label && m.Inside[i] >= 0.99f && m.Csf[i] < 0.05f;
}

[CollectionDefinition("phantom")]
public sealed class PhantomCollection : ICollectionFixture<PhantomFixture>;
