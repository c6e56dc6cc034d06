using Mrh.Analysis;

namespace Mrh.Tests.Analysis;

public class TsneTests
{
    /// <summary>k Gaussian clusters in <paramref name="dims"/> dimensions, centres 10 apart, unit spread.</summary>
    static (float[] Data, int[] Labels) Clusters(int k, int perCluster, int dims, int seed)
    {
        var r = new SeededRandom(seed);
        var data = new float[k * perCluster * dims];
        var labels = new int[k * perCluster];
        for (int c = 0; c < k; c++)
            for (int i = 0; i < perCluster; i++)
            {
                int p = c * perCluster + i;
                labels[p] = c;
                for (int d = 0; d < dims; d++)
                    data[p * dims + d] = (float)((d == c ? 10 : 0) + r.NextGaussian());
            }
        return (data, labels);
    }

    static double KnnPurity(TsneResult e, int[] labels, int k)
    {
        int n = e.Count, agree = 0;
        for (int i = 0; i < n; i++)
        {
            var nearest = Enumerable.Range(0, n).Where(j => j != i)
                .OrderBy(j => Math.Pow(e[i, 0] - e[j, 0], 2) + Math.Pow(e[i, 1] - e[j, 1], 2)).Take(k);
            agree += nearest.Count(j => labels[j] == labels[i]);
        }
        return agree / (double)(n * k);
    }

    [Fact]
    public void JointProbabilitiesMatchScikitLearn()
    {
        var f = Fixtures.Get("tsneP");
        int n = f.GetProperty("count").GetInt32(), dims = f.GetProperty("features").GetInt32();
        var p = Tsne.JointProbabilities(f.GetProperty("data").Floats(), n, dims, f.Number("perplexity"));
        var expected = f.GetProperty("p").Doubles();
        Assert.Equal(1, p.Sum(v => (double)v), 5);
        for (int i = 0; i < expected.Length; i++)
        {
            if (i / n == i % n) { Assert.Equal(0, p[i]); continue; }
            // both bisect the precision to an entropy within 1e-5 nats, so entries agree to ~1e-4 relative
            Assert.True(Math.Abs(p[i] - expected[i]) <= 2e-4 * expected[i] + 1e-9, $"P[{i}] = {p[i]}, scikit-learn {expected[i]}");
        }
    }

    [Fact]
    public void SeparatedClustersStaySeparatedAndSeedsRepeat()
    {
        var (data, labels) = Clusters(3, 60, 5, 7);
        var options = new TsneOptions(Perplexity: 15, Iterations: 400, Seed: 42);
        var a = Tsne.Embed(data, labels.Length, 5, options);
        Assert.True(KnnPurity(a, labels, 10) > 0.95, $"kNN purity {KnnPurity(a, labels, 10)}");
        var b = Tsne.Embed(data, labels.Length, 5, options);
        Assert.Equal(a.Embedding, b.Embedding);
        var c = Tsne.Embed(data, labels.Length, 5, options with { Seed = 43 });
        Assert.NotEqual(a.Embedding, c.Embedding);
        Assert.True(a.KlDivergence is > 0 and < 3, $"KL {a.KlDivergence}");
    }

    [Fact]
    public void ThreeDimensionalEmbeddingAlsoSeparates()
    {
        var (data, labels) = Clusters(2, 40, 3, 3);
        var e = Tsne.Embed(data, labels.Length, 3, new TsneOptions(Perplexity: 10, Iterations: 300, Dimensions: 3, Seed: 1));
        Assert.Equal(80 * 3, e.Embedding.Length);
        // the two cluster centroids are further apart than any point is from its own centroid
        var c0 = Enumerable.Range(0, 3).Select(d => Enumerable.Range(0, 40).Average(i => e[i, d])).ToArray();
        var c1 = Enumerable.Range(0, 3).Select(d => Enumerable.Range(40, 40).Average(i => e[i, d])).ToArray();
        double gap = Math.Sqrt(Enumerable.Range(0, 3).Sum(d => Math.Pow(c0[d] - c1[d], 2)));
        double spread = Enumerable.Range(0, 80).Max(i => Math.Sqrt(Enumerable.Range(0, 3).Sum(d => Math.Pow(e[i, d] - (i < 40 ? c0 : c1)[d], 2))));
        Assert.True(gap > spread, $"gap {gap}, spread {spread}");
    }

    /// <summary>
    /// The gradient t-SNE descends is the gradient of the cost it reports: central finite differences of KL(P || Q)
    /// against <c>Tsne.Gradient</c> on a fixed case (a wrong attractive or repulsive term, e.g. the repulsion
    /// halved, moves the gradient by tens of percent), in two and three dimensions.
    /// </summary>
    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void GradientIsTheDerivativeOfTheKlDivergence(int dim)
    {
        var (data, _) = Clusters(3, 6, 4, seed: 11);
        int n = 18;
        var p = Tsne.JointProbabilities(data, n, 4, perplexity: 5);
        var r = new SeededRandom(5);
        var y = Enumerable.Range(0, n * dim).Select(_ => (float)(2 * r.NextGaussian())).ToArray();
        var analytic = Tsne.Gradient(p, y, n, dim);
        var numeric = new double[y.Length];
        const float h = 1e-2f;
        for (int k = 0; k < y.Length; k++)
        {
            float keep = y[k];
            y[k] = keep + h; double plus = Tsne.KlDivergenceOf(p, y, n, dim);
            y[k] = keep - h; double minus = Tsne.KlDivergenceOf(p, y, n, dim);
            y[k] = keep;
            numeric[k] = (plus - minus) / (((double)keep + h) - ((double)keep - h));
        }
        double norm = Math.Sqrt(numeric.Sum(g => g * g));
        Assert.True(norm > 1e-3, $"degenerate case: |grad| = {norm}");
        double err = Math.Sqrt(numeric.Zip(analytic, (a, b) => (a - b) * (a - b)).Sum());
        Assert.True(err < 0.01 * norm, $"|analytic - numeric| = {err:G3}, |numeric| = {norm:G3}");
        for (int k = 0; k < y.Length; k++) Assert.Equal(numeric[k], analytic[k], 0.02 * norm);
    }

    [Fact]
    public void BadInputsAreErrors()
    {
        Assert.Throws<ArgumentException>(() => Tsne.Embed(new float[10], 5, 2, new TsneOptions(Perplexity: 30)));
        Assert.Throws<ArgumentException>(() => Tsne.Embed(new float[9], 5, 2));
        Assert.Throws<ArgumentException>(() => Tsne.Embed([float.NaN, 0, 1, 2, 3, 4], 3, 2, new TsneOptions(Perplexity: 1)));
    }
}
