using Mrh.Analysis;
using Mrh.Imaging;

namespace Mrh.Tests.Analysis;

public class SsimTests
{
    static float[] Smooth(int w, int h, int seed)
    {
        var r = new Random(seed);
        var img = new float[w * h];
        double a = r.NextDouble() * 6, b = r.NextDouble() * 6;
        for (int y = 0; y < h; y++)
            for (int x = 0; x < w; x++)
                img[y * w + x] = (float)(50 + 30 * Math.Sin(x / 3.0 + a) * Math.Cos(y / 4.0 + b) + 5 * r.NextDouble());
        return img;
    }

    [Fact]
    public void WindowIsTheNormalisedElevenTapGaussian()
    {
        var g = Ssim.Window();
        Assert.Equal(11, g.Length);
        Assert.Equal(1, g.Sum(), 12);
        // exp(-25 / 4.5) relative to the centre
        Assert.Equal(Math.Exp(-25 / 4.5), g[0] / g[5], 12);
    }

    [Fact]
    public void ImageWithItselfIsOne()
    {
        var img = Smooth(30, 25, 1);
        Assert.Equal(1, Ssim.Section(img, img, 30, 25, 80), 12);
    }

    [Fact]
    public void ConstantShiftGivesTheLuminanceTermInClosedForm()
    {
        // y = x + c leaves variances and covariance unchanged, so the contrast-structure term is 1 and
        // SSIM = mean over windows of (2 mu (mu + c) + C1) / (mu^2 + (mu + c)^2 + C1). With a constant
        // image the window mean is the constant itself: SSIM = (2 m (m + c) + C1) / (m^2 + (m + c)^2 + C1).
        int w = 15, h = 13;
        double m = 40, c = 7, L = 100, c1 = Math.Pow(0.01 * L, 2);
        var x = Enumerable.Repeat((float)m, w * h).ToArray();
        var y = x.Select(v => v + (float)c).ToArray();
        double expected = (2 * m * (m + c) + c1) / (m * m + (m + c) * (m + c) + c1);
        Assert.Equal(expected, Ssim.Section(x, y, w, h, L), 12);

        // on a textured image: the same term evaluated window by window
        var tx = Smooth(20, 18, 2);
        var ty = tx.Select(v => v + (float)c).ToArray();
        var g = Ssim.Window();
        double sum = 0;
        int n = 0;
        for (int r = 0; r + 11 <= 18; r++)
            for (int q = 0; q + 11 <= 20; q++)
            {
                double mu = 0;
                for (int i = 0; i < 11; i++)
                    for (int j = 0; j < 11; j++) mu += g[i] * g[j] * tx[(r + i) * 20 + q + j];
                sum += (2 * mu * (mu + c) + c1) / (mu * mu + (mu + c) * (mu + c) + c1);
                n++;
            }
        Assert.Equal(sum / n, Ssim.Section(tx, ty, 20, 18, L), 6);
    }

    [Fact]
    public void MatchesScikitImage()
    {
        foreach (var c in Fixtures.Get("ssim").EnumerateArray())
        {
            int w = c.GetProperty("width").GetInt32(), h = c.GetProperty("height").GetInt32();
            var reference = c.GetProperty("reference").Floats();
            var prediction = c.GetProperty("prediction").Floats();
            double range = c.Number("dataRange");
            Assert.Equal(range, Ssim.DataRange(reference), 9);
            Assert.Equal(c.Number("ssim"), Ssim.Section(prediction, reference, w, h, range), 10);
        }
    }

    [Fact]
    public void TooSmallSectionsAndZeroRangeAreErrors()
    {
        var img = new float[10 * 12];
        Assert.Throws<MrhException>(() => Ssim.Section(img, img, 10, 12, 1));
        var big = new float[12 * 12];
        Assert.Throws<MrhException>(() => Ssim.Section(big, big, 12, 12, 0));
    }

    [Fact]
    public void VolumeAveragesTheSectionsOfAPlane()
    {
        int nx = 14, ny = 12, nz = 5;
        var a = new float[nx * ny * nz];
        var b = new float[a.Length];
        var r = new Random(3);
        for (int i = 0; i < a.Length; i++) { a[i] = (float)r.NextDouble(); b[i] = a[i] + 0.2f * (float)r.NextDouble(); }
        var va = new Volume(nx, ny, nz, [a]);
        var vb = new Volume(nx, ny, nz, [b]);
        double range = Ssim.DataRange(b);
        var all = Ssim.OfVolume(va, vb, AnatomicalPlane.Coronal);
        Assert.Equal(nz, all.PerSection.Length);
        Assert.Equal(range, all.DataRange, 12);
        double expected = Enumerable.Range(0, nz).Average(z => Ssim.Section(va.Slice(AnatomicalPlane.Coronal, z), vb.Slice(AnatomicalPlane.Coronal, z), range));
        Assert.Equal(expected, all.Mean, 12);

        // a mask that touches sections 1 and 3 only
        var mask = new bool[a.Length];
        mask[va.Index(2, 3, 1)] = true;
        mask[va.Index(5, 5, 3)] = true;
        var some = Ssim.OfVolume(va, vb, AnatomicalPlane.Coronal, mask);
        Assert.Equal([1, 3], some.SectionIndices);
        Assert.Equal(all.PerSection[3], some.PerSection[1], 12);
    }
}
