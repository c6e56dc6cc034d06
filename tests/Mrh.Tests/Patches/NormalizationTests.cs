using Mrh.Imaging;
using Mrh.Patches;

namespace Mrh.Tests.Patches;

public class NormalizationTests
{
    /// <summary>
    /// 101 patches x 2 channels x 1 x 1: channel 0 holds 0..100, channel 1 holds 1000 x (0..100), target
    /// 5 + 0..100. numpy.percentile(range(101), [1, 99]) = [1, 99]; for 1000 x: [1000, 99000].
    /// </summary>
    static PatchSet Ramp()
    {
        int n = 101;
        var inputs = new float[n * 2];
        var targets = new float[n];
        for (int i = 0; i < n; i++) { inputs[2 * i] = i; inputs[2 * i + 1] = 1000 * i; targets[i] = 5 + i; }
        return new PatchSet(n, 2, 1, AnatomicalPlane.Coronal, inputs, targets, new int[3 * n], new int[n], ["s"], ["a", "b"]);
    }

    [Fact]
    public void RobustScalingUsesEachChannelsPercentiles()
    {
        var norm = Normalization.FitRobust(Ramp());
        Assert.Equal(NormalizationKind.RobustPerChannel, norm.Kind);
        Assert.Equal([1f, 1000f], norm.InputOffset);
        Assert.Equal([98f, 98000f], norm.InputScale);
        Assert.Equal(6f, norm.TargetOffset);
        Assert.Equal(98f, norm.TargetScale);
        var applied = norm.Apply(Ramp());
        Assert.Equal((50f - 1) / 98, applied.Inputs[100], 6);
        Assert.Equal((50000f - 1000) / 98000, applied.Inputs[101], 6);
        Assert.Equal(55f, norm.TargetToRaw(applied.Targets[50]), 4);
    }

    [Fact]
    public void PercentileInterpolatesLikeNumpy()
    {
        // numpy.percentile([1, 2, 4, 8], [0, 25, 50, 90, 100]) = [1, 1.75, 3, 6.8, 8]
        float[] a = [1, 2, 4, 8];
        Assert.Equal(1f, Normalization.Percentile(a, 0));
        Assert.Equal(1.75f, Normalization.Percentile(a, 25), 5);
        Assert.Equal(3f, Normalization.Percentile(a, 50), 5);
        Assert.Equal(6.8f, Normalization.Percentile(a, 90), 5);
        Assert.Equal(8f, Normalization.Percentile(a, 100));
    }

    [Fact]
    public void GlobalMaxDividesEverythingByOneNumber()
    {
        var norm = Normalization.FitGlobalMax(Ramp());
        Assert.Equal([100_000f, 100_000f], norm.InputScale);
        Assert.Equal([0f, 0f], norm.InputOffset);
        Assert.Equal(105f, norm.TargetScale);
        var applied = norm.Apply(Ramp());
        Assert.Equal(0.0005f, applied.Inputs[100], 7);
        Assert.Equal(1f, applied.Targets[100]);
    }

    [Fact]
    public void ConstantChannelsKeepAUsableScale()
    {
        var p = new PatchSet(3, 1, 1, AnatomicalPlane.Coronal, [0, 0, 0], [2, 2, 2], new int[9], new int[3], ["s"], ["z"]);
        var norm = Normalization.FitRobust(p);
        norm.Validate(1);
        Assert.Equal(1f, norm.InputScale[0]);
        Assert.Equal(2f, norm.TargetOffset);
        Assert.Throws<MrhException>(() => (norm with { InputScale = [0f] }).Validate(1));
        Assert.Throws<MrhException>(() => norm.Validate(2));
    }
}
