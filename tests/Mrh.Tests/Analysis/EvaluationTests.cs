using Mrh.Analysis;
using Mrh.Imaging;

namespace Mrh.Tests.Analysis;

public class EvaluationTests
{
    /// <summary>A reference with a dark band (value 20) in a bright background (80) plus texture; 16 x 14 x 12.</summary>
    internal static Volume Reference()
    {
        int nx = 16, ny = 14, nz = 12;
        var d = new float[nx * ny * nz];
        var r = new Random(1);
        for (int z = 0; z < nz; z++)
            for (int y = 0; y < ny; y++)
                for (int x = 0; x < nx; x++)
                    d[(z * ny + y) * nx + x] = (y is >= 5 and <= 8 ? 20 : 80) + (float)(5 * r.NextDouble());
        return new Volume(nx, ny, nz, [d], [0.1, 0.1, 0.1]);
    }

    [Fact]
    public void PerfectPredictionScoresPerfectly()
    {
        var reference = Reference();
        var e = Evaluation.Run(reference, reference);
        Assert.Equal(0, e.Rmse);
        Assert.Equal(1, e.Ssim.Mean, 12);
        Assert.Equal(1, e.RSquared, 12);
        Assert.Equal(1, e.Auc, 12);
        Assert.Equal(reference.VoxelCount, e.Voxels);
        Assert.Equal(12, e.Ssim.PerSection.Length);
        // the dark band (20..25) is positive at the Otsu threshold (the centre of the last dark bin)
        Assert.InRange(e.Roc.ReferenceThreshold, 20, 80);
        Assert.Equal(1, e.Roc.Optimal.TruePositiveRate);
        Assert.Equal(0, e.Roc.Optimal.FalsePositiveRate);
    }

    [Fact]
    public void ComponentsAgreeWithTheMetricsCalledDirectly()
    {
        var reference = Reference();
        var r = new Random(2);
        var pred = reference.Channels[0].Select(v => 0.5f * v + 10 + (float)(8 * r.NextDouble())).ToArray();
        var prediction = Volume.FromArray(reference, pred);
        var maskData = new float[reference.VoxelCount];
        for (int i = 0; i < maskData.Length; i++) maskData[i] = i % 3 == 0 ? 0 : 1;
        // one masked-out voxel with a wild value must not matter
        pred[0] = 1e6f;
        var mask = Volume.FromArray(reference, maskData);
        var region = VolumeMask.FromVolume(mask);

        var e = Evaluation.Run(prediction, reference, mask, new EvaluationOptions(Polarity.Low, AnatomicalPlane.Horizontal));
        Assert.Equal(Rmse.Compute(pred, reference.Channels[0], region), e.Rmse, 12);
        Assert.Equal(LinearFit.Compute(reference.Channels[0], pred, region).RSquared, e.RSquared, 12);
        Assert.Equal(StructureRoc.Compute(pred, reference.Channels[0], region, Polarity.Low).Auc, e.Auc, 12);
        // SSIM: every horizontal section meets the mask; L from the whole reference
        double range = Ssim.DataRange(reference.Channels[0]);
        double mean = Enumerable.Range(0, reference.SectionCount(AnatomicalPlane.Horizontal)).Average(i =>
            Ssim.Section(prediction.Slice(AnatomicalPlane.Horizontal, i), reference.Slice(AnatomicalPlane.Horizontal, i), range));
        Assert.Equal(mean, e.Ssim.Mean, 12);
        Assert.Equal(region.Count(b => b), e.Voxels);
    }

    [Fact]
    public void PolarityChoosesTheStructuresAndTheScoreDirectionTogether()
    {
        var reference = Reference();
        // the bright background is positive for High, the dark band for Low: a faithful prediction
        // finds either perfectly, an inverted one neither
        var inverted = Volume.FromArray(reference, reference.Channels[0].Select(v => 100 - v).ToArray());
        foreach (var polarity in new[] { Polarity.Low, Polarity.High })
        {
            Assert.Equal(1, Evaluation.Run(reference, reference, null, new EvaluationOptions(polarity)).Auc, 12);
            Assert.Equal(0, Evaluation.Run(inverted, reference, null, new EvaluationOptions(polarity)).Auc, 12);
        }
        var high = Evaluation.Run(reference, reference, null, new EvaluationOptions(Polarity.High));
        Assert.Equal(Polarity.High, high.Roc.Positive);
        Assert.True(high.Roc.Optimal.Threshold > high.Roc.ReferenceThreshold);
    }

    [Fact]
    public void MismatchedGridsAreErrors()
    {
        var reference = Reference();
        var other = Volume.Zeros(4, 4, 4);
        Assert.Throws<MrhException>(() => Evaluation.Run(other, reference));
        Assert.Throws<MrhException>(() => Evaluation.Run(reference, reference, other));
    }
}
