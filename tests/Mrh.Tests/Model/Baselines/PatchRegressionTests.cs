using Mrh.Analysis;
using Mrh.Imaging;
using Mrh.Model;
using Mrh.Model.Baselines;
using Mrh.Patches;
using Mrh.Tests.Model;

namespace Mrh.Tests.Model.Baselines;

/// <summary>
/// The regression baselines against closed forms: a target that is a linear function of the patch is recovered (weights
/// and predictions) by the linear model; a target with the centre voxel's products is recovered by the polynomial model
/// and not by the linear one; the terms are counted and ordered as documented; same patches, same bytes.
/// </summary>
[Collection(TorchCollection.Name)]
public class PatchRegressionTests
{
    const int Channels = 4, Size = 3, Centre = 4;

    /// <summary>Random patches (uniform 0..2, seeded) whose centre target is <paramref name="target"/> of the patch.</summary>
    static PatchSet Patches(int count, int seed, Func<float[], int, double> target)
    {
        var rng = new Random(seed);
        int len = Channels * Size * Size;
        var inputs = new float[count * len];
        for (int i = 0; i < inputs.Length; i++) inputs[i] = (float)(2 * rng.NextDouble());
        var targets = new float[count * Size * Size];
        for (int n = 0; n < count; n++) targets[n * 9 + Centre] = (float)target(inputs, n * len);
        return new PatchSet(count, Channels, Size, AnatomicalPlane.Coronal, inputs, targets, new int[3 * count], new int[count], ["s"],
            Enumerable.Range(0, Channels).Select(c => $"ch{c}").ToArray());
    }

    /// <summary>The closed form: 0.5 + sum_j a_j x_j with a_j = (j mod 7 - 3) / 10 (some zero, some negative).</summary>
    static double Linear(float[] x, int o)
    {
        double s = 0.5;
        for (int j = 0; j < Channels * Size * Size; j++) s += (j % 7 - 3) / 10.0 * x[o + j];
        return s;
    }

    /// <summary>Centre values only: x_c0 x_c1 + 0.5 x_c2^2 - x_c3 + 0.2 (values of channel c at the centre pixel).</summary>
    static double Quadratic(float[] x, int o)
    {
        double C(int c) => x[o + c * 9 + Centre];
        return C(0) * C(1) + 0.5 * C(2) * C(2) - C(3) + 0.2;
    }

    static double RSquared(float[] predicted, float[] targets)
    {
        double mean = targets.Average(v => (double)v), ss = 0, res = 0;
        for (int i = 0; i < targets.Length; i++) { ss += (targets[i] - mean) * (targets[i] - mean); res += (targets[i] - predicted[i]) * (targets[i] - predicted[i]); }
        return 1 - res / ss;
    }

    [Fact]
    public void TermsAreCountedAsDocumented()
    {
        Assert.Equal(603, PatchFeatures.Count(PatchTerms.Linear, 67, 3));
        Assert.Equal(603 + 67 * 68 / 2, PatchFeatures.Count(PatchTerms.Quadratic, 67, 3));
        Assert.Equal(2881, PatchFeatures.Count(PatchTerms.Quadratic, 67, 3));
        Assert.Equal(67 + 2278, PatchFeatures.Count(PatchTerms.Quadratic, 67, 1));
        // one 1 x 1 patch of two images (2, 3): the values, then 2*2, 2*3, 3*3; NaN reads as 0
        var f = new double[5];
        PatchFeatures.Expand(PatchTerms.Quadratic, new float[] { 9, 9, 2, 3 }, 1, 2, 1, f);
        Assert.Equal([2, 3, 4, 6, 9], f);
        PatchFeatures.Expand(PatchTerms.Quadratic, new float[] { float.NaN, 3 }, 0, 2, 1, f);
        Assert.Equal([0, 3, 0, 0, 9], f);
    }

    [Fact]
    public void ALinearTargetIsRecoveredExactlyByTheLinearModel()
    {
        var model = PatchRegression.Fit(Patches(800, 1, Linear), Patches(200, 2, Linear), PatchTerms.Linear);
        var weights = model.RawWeights();
        for (int j = 0; j < weights.Length; j++) Assert.Equal((j % 7 - 3) / 10.0, weights[j], 1e-4);
        Assert.Equal(1e-6, model.Alpha); // noise-free: the validation error is smallest at the weakest penalty
        var fresh = Patches(300, 3, Linear);
        var predicted = model.Predict(fresh.Inputs, fresh.Count);
        var expected = fresh.CenterTargets();
        for (int i = 0; i < predicted.Length; i++) Assert.Equal(expected[i], predicted[i], 1e-3);
    }

    [Fact]
    public void AQuadraticTargetIsRecoveredByThePolynomialAndNotByTheLinearModel()
    {
        var train = Patches(1500, 4, Quadratic);
        var validation = Patches(300, 5, Quadratic);
        var fresh = Patches(500, 6, Quadratic);
        var polynomial = PatchRegression.Fit(train, validation, PatchTerms.Quadratic);
        var linear = PatchRegression.Fit(train, validation, PatchTerms.Linear);
        var truth = fresh.CenterTargets();
        var byPolynomial = polynomial.Predict(fresh.Inputs, fresh.Count);
        Assert.True(RSquared(byPolynomial, truth) > 0.99999, $"polynomial R² {RSquared(byPolynomial, truth)}");
        for (int i = 0; i < truth.Length; i++) Assert.Equal(truth[i], byPolynomial[i], 2e-3);
        // the target's variance: x0 x1 and 0.5 x2^2 are not linear in the values; the best linear fit leaves a clear residual
        double linearR2 = RSquared(linear.Predict(fresh.Inputs, fresh.Count), truth);
        Assert.True(linearR2 < 0.97, $"linear R² {linearR2}");
        Assert.Equal(Channels * 9 + Channels * (Channels + 1) / 2, polynomial.TermCount);
    }

    [Fact]
    public void TheSamePatchesGiveTheSameBytes()
    {
        var train = Patches(600, 7, Quadratic);
        var validation = Patches(150, 8, Quadratic);
        var a = PatchRegression.Fit(train, validation, PatchTerms.Quadratic);
        var b = PatchRegression.Fit(train, validation, PatchTerms.Quadratic);
        Assert.Equal(a.RawWeights(), b.RawWeights());
        Assert.Equal(a.Path, b.Path);
        var fresh = Patches(1000, 9, Quadratic);
        Assert.Equal(a.Predict(fresh.Inputs, fresh.Count), b.Predict(fresh.Inputs, fresh.Count));
    }

    [Fact]
    public void AConstantTermGetsNoWeightAndBadInputIsRefused()
    {
        var train = Patches(400, 10, Linear);
        for (int n = 0; n < train.Count; n++) train.Inputs[n * 36] = 1; // channel 0, first pixel: constant
        var model = PatchRegression.Fit(train, Patches(100, 11, Linear), PatchTerms.Linear);
        Assert.Equal(0, model.RawWeights()[0]);
        Assert.Throws<MrhException>(() => PatchRegression.Fit(train, Patches(100, 11, Linear), PatchTerms.Linear, new RidgeOptions { Alphas = [] }));
        Assert.Throws<MrhException>(() => PatchRegression.Fit(train, Patches(100, 11, Linear), PatchTerms.Linear, new RidgeOptions { Alphas = [-1] }));
        Assert.Throws<ArgumentException>(() => model.Predict(new float[35], 1));
    }

    [Fact]
    public void AnyPatchPredictorMapsAVolumeVoxelByVoxel()
    {
        // 2 images on a 5 x 4 x 3 grid; the predictor returns 2 x the centre value of image 1 of each 3 x 3 patch
        var volume = Volume.Zeros(5, 4, 3, 2);
        for (int i = 0; i < volume.VoxelCount; i++) { volume.Channels[0][i] = i; volume.Channels[1][i] = 100 + i; }
        var mask = Enumerable.Range(0, volume.VoxelCount).Select(i => i % 3 != 0).ToArray();
        var predictor = PatchPredictor.From((patches, count) => Enumerable.Range(0, count).Select(n => 2 * patches[n * 18 + 9 + 4]).ToArray());
        var map = VolumePredictor.Predict(predictor, 3, AnatomicalPlane.Coronal, "double", volume, mask, batchSize: 7);
        for (int i = 0; i < volume.VoxelCount; i++) Assert.Equal(mask[i] ? 2 * (100 + i) : 0, map.Channels[0][i]);
        Assert.Equal("double", map.ChannelNames[0]);
    }
}
