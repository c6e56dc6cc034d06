using System.Numerics;

namespace Mrh.Analysis;

/// <summary>A t-SNE embedding: <see cref="Count"/> points of <see cref="Dimensions"/> coordinates, point-major.</summary>
/// <param name="KlDivergence">KL(P || Q) of the final embedding (the cost t-SNE minimises).</param>
public sealed record TsneResult(float[] Embedding, int Count, int Dimensions, double KlDivergence)
{
    /// <summary>Coordinate <paramref name="d"/> of point <paramref name="i"/>.</summary>
    public float this[int i, int d] => Embedding[i * Dimensions + d];

    /// <summary>One coordinate of every point (for scatter plots).</summary>
    public float[] Axis(int d) => Enumerable.Range(0, Count).Select(i => Embedding[i * Dimensions + d]).ToArray();
}

/// <summary>
/// Exact t-SNE (van der Maaten &amp; Hinton 2008), O(N^2) per iteration, for a few thousand points
/// (2,000 network feature vectors in the paper).
/// Steps: squared Euclidean distances; per point a Gaussian whose precision is found by bisection so
/// that the perplexity of p(j|i) is the target (entropy within 1e-5 nats, at most 50 steps);
/// P = (P + P^T) / 2N; a Student-t (one degree of freedom) kernel in the embedding; gradient
/// 4 sum_j (p_ij - q_ij)(y_i - y_j) / (1 + |y_i - y_j|^2); momentum gradient descent with adaptive gains
/// and early exaggeration; the embedding is re-centred after every step. Rows run in parallel, each
/// summed in a fixed order, so a seed gives the same embedding every time.
/// </summary>
public static class Tsne
{
    const double EntropyTolerance = 1e-5;
    const int MaxBisectionSteps = 50;
    const float MinProbability = 1e-12f;

    /// <summary>
    /// Embeds <paramref name="count"/> points of <paramref name="features"/> values each
    /// (<paramref name="data"/> point-major). Progress reports the iterations done.
    /// </summary>
    public static TsneResult Embed(float[] data, int count, int features, TsneOptions? options = null,
        IProgress<int>? progress = null, CancellationToken cancellationToken = default)
    {
        var o = options ?? new TsneOptions();
        o.Validate(count);
        var p = JointProbabilities(data, count, features, o.Perplexity);
        int n = count, dim = o.Dimensions;
        var rng = new SeededRandom(o.Seed);
        var y = new double[n * dim];
        for (int i = 0; i < y.Length; i++) y[i] = 1e-4 * rng.NextGaussian();
        var increments = new double[n * dim];
        var gains = new double[n * dim];
        Array.Fill(gains, 1.0);
        var grad = new double[n * dim];
        var rowZ = new double[n];
        var attract = new double[n * dim];
        var repulse = new double[n * dim];
        var yf = new float[n * dim];
        var ys = new float[dim][];
        for (int d = 0; d < dim; d++) ys[d] = new float[n];
        double learningRate = o.LearningRateFor(n);

        for (int iter = 0; iter < o.Iterations; iter++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            double exaggeration = iter < o.ExaggerationIterations ? o.Exaggeration : 1.0;
            for (int i = 0; i < n; i++)
                for (int d = 0; d < dim; d++) ys[d][i] = (float)y[i * dim + d];
            GradientInto(p, ys, n, exaggeration, grad, rowZ, attract, repulse);

            double momentum = iter < o.MomentumSwitchIteration ? o.InitialMomentum : o.FinalMomentum;
            for (int k = 0; k < y.Length; k++)
            {
                bool sameSign = grad[k] > 0 == increments[k] > 0;
                gains[k] = sameSign ? gains[k] * 0.8 : gains[k] + 0.2;
                if (gains[k] < 0.01) gains[k] = 0.01;
                increments[k] = momentum * increments[k] - learningRate * gains[k] * grad[k];
                y[k] += increments[k];
            }
            for (int d = 0; d < dim; d++)
            {
                double mean = 0;
                for (int i = 0; i < n; i++) mean += y[i * dim + d];
                mean /= n;
                for (int i = 0; i < n; i++) y[i * dim + d] -= mean;
            }
            progress?.Report(iter + 1);
        }
        for (int i = 0; i < y.Length; i++) yf[i] = (float)y[i];
        return new TsneResult(yf, n, dim, KlDivergence(p, yf, n, dim));
    }

    /// <summary>
    /// For point i: sum_j num_ij (the row's share of Z), sum_j p_ij num_ij (y_i - y_j) and
    /// sum_j num_ij^2 (y_i - y_j), with num_ij = 1 / (1 + |y_i - y_j|^2). The gradient is then
    /// 4 (attract - repulse / Z). <paramref name="ys"/> holds one array per embedding axis. The j = i term
    /// adds nothing to the sums of differences (y_i - y_i = 0, p_ii = 0) and exactly 1 to the row sum,
    /// which is taken off, so the loops need no branch.
    /// </summary>
    /// <summary>
    /// The gradient of KL(P || Q) with respect to the embedding <paramref name="y"/> (point-major), with P multiplied
    /// by <paramref name="exaggeration"/>: the gradient <see cref="Embed"/> descends (for checks against finite
    /// differences of <see cref="KlDivergenceOf"/>).
    /// </summary>
    internal static double[] Gradient(float[] p, float[] y, int n, int dim, double exaggeration = 1)
    {
        var ys = new float[dim][];
        for (int d = 0; d < dim; d++) ys[d] = Enumerable.Range(0, n).Select(i => y[i * dim + d]).ToArray();
        var grad = new double[n * dim];
        GradientInto(p, ys, n, exaggeration, grad, new double[n], new double[n * dim], new double[n * dim]);
        return grad;
    }

    /// <summary>KL(P || Q) of an embedding (point-major).</summary>
    internal static double KlDivergenceOf(float[] p, float[] y, int n, int dim) => KlDivergence(p, y, n, dim);

    static void GradientInto(float[] p, float[][] ys, int n, double exaggeration, double[] grad, double[] rowZ, double[] attract, double[] repulse)
    {
        Parallel.For(0, n, i => RowTerms(i, n, p, ys, rowZ, attract, repulse));
        double z = 0;
        for (int i = 0; i < n; i++) z += rowZ[i];
        for (int k = 0; k < grad.Length; k++) grad[k] = 4 * (exaggeration * attract[k] - repulse[k] / z);
    }

    static void RowTerms(int i, int n, float[] p, float[][] ys, double[] rowZ, double[] attract, double[] repulse)
    {
        int dim = ys.Length;
        var row = new ReadOnlySpan<float>(p, i * n, n);
        if (dim == 2)
        {
            float[] x0 = ys[0], x1 = ys[1];
            var xi = new Vector<float>(x0[i]);
            var yi = new Vector<float>(x1[i]);
            var one = Vector<float>.One;
            Vector<float> vz = Vector<float>.Zero, vax = vz, vay = vz, vrx = vz, vry = vz;
            int w = Vector<float>.Count, j = 0;
            for (; j <= n - w; j += w)
            {
                var dx = xi - new Vector<float>(x0, j);
                var dy = yi - new Vector<float>(x1, j);
                var num = one / (one + dx * dx + dy * dy);
                var pn = new Vector<float>(row.Slice(j, w)) * num;
                var nn = num * num;
                vz += num;
                vax += pn * dx; vay += pn * dy;
                vrx += nn * dx; vry += nn * dy;
            }
            float z = Vector.Sum(vz), ax = Vector.Sum(vax), ay = Vector.Sum(vay), rx = Vector.Sum(vrx), ry = Vector.Sum(vry);
            for (; j < n; j++)
            {
                float dx = x0[i] - x0[j], dy = x1[i] - x1[j];
                float num = 1f / (1f + dx * dx + dy * dy);
                float pn = row[j] * num, nn = num * num;
                z += num;
                ax += pn * dx; ay += pn * dy;
                rx += nn * dx; ry += nn * dy;
            }
            rowZ[i] = z - 1;
            attract[2 * i] = ax; attract[2 * i + 1] = ay;
            repulse[2 * i] = rx; repulse[2 * i + 1] = ry;
            return;
        }
        Span<double> a = stackalloc double[dim];
        Span<double> r = stackalloc double[dim];
        Span<double> diff = stackalloc double[dim];
        double zz = 0;
        for (int j = 0; j < n; j++)
        {
            double d2 = 0;
            for (int d = 0; d < dim; d++) { diff[d] = ys[d][i] - ys[d][j]; d2 += diff[d] * diff[d]; }
            double num = 1 / (1 + d2);
            zz += num;
            double pn = row[j] * num, nn = num * num;
            for (int d = 0; d < dim; d++) { a[d] += pn * diff[d]; r[d] += nn * diff[d]; }
        }
        rowZ[i] = zz - 1;
        for (int d = 0; d < dim; d++) { attract[i * dim + d] = a[d]; repulse[i * dim + d] = r[d]; }
    }

    /// <summary>
    /// The symmetric joint probabilities P (N x N, row-major, zero diagonal, summing to 1, each entry at
    /// least 1e-12 off the diagonal) for a perplexity, from squared Euclidean distances.
    /// </summary>
    public static float[] JointProbabilities(float[] data, int count, int features, double perplexity)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (count < 2 || features < 1 || (long)count * features != data.Length)
            throw new ArgumentException($"t-SNE data has {data.Length} values, expected {count} points x {features} features");
        if (count > TsneOptions.MaxPoints) throw new ArgumentException($"exact t-SNE takes at most {TsneOptions.MaxPoints} points (got {count})");
        if (!(perplexity > 0) || perplexity >= count) throw new ArgumentException($"perplexity must be in (0, {count}) (got {perplexity})");
        foreach (float v in data) if (!float.IsFinite(v)) throw new ArgumentException("t-SNE data contains NaN or infinity");
        int n = count;
        var p = new float[n * n]; // conditional p(j|i) in row i first, symmetrised in place below
        double logU = Math.Log(perplexity);
        Parallel.For(0, n, () => (Dist: new double[n], Row: new double[n]), (i, _, buffers) =>
        {
            var (dist, row) = buffers;
            double dmin = double.PositiveInfinity;
            var xi = new ReadOnlySpan<float>(data, i * features, features);
            for (int j = 0; j < n; j++)
            {
                if (j == i) continue;
                double s = SquaredDistance(xi, new ReadOnlySpan<float>(data, j * features, features));
                dist[j] = s;
                if (s < dmin) dmin = s;
            }
            double beta = 1, lo = double.NegativeInfinity, hi = double.PositiveInfinity;
            for (int step = 0; step < MaxBisectionSteps; step++)
            {
                // shifting distances by their minimum leaves p(j|i) and the entropy unchanged but avoids underflow
                double sum = 0, weighted = 0;
                for (int j = 0; j < n; j++)
                {
                    if (j == i) { row[j] = 0; continue; }
                    double e = Math.Exp(-(dist[j] - dmin) * beta);
                    row[j] = e;
                    sum += e;
                    weighted += (dist[j] - dmin) * e;
                }
                double h = Math.Log(sum) + beta * weighted / sum;
                for (int j = 0; j < n; j++) row[j] /= sum;
                double diff = h - logU;
                if (Math.Abs(diff) < EntropyTolerance) break;
                if (diff > 0) { lo = beta; beta = double.IsPositiveInfinity(hi) ? beta * 2 : (beta + hi) / 2; }
                else { hi = beta; beta = double.IsNegativeInfinity(lo) ? beta / 2 : (beta + lo) / 2; }
            }
            for (int j = 0; j < n; j++) p[i * n + j] = (float)row[j];
            return buffers;
        }, _ => { });
        double norm = 2.0 * n;
        for (int i = 0; i < n; i++)
        {
            p[i * n + i] = 0;
            for (int j = i + 1; j < n; j++)
            {
                float v = Math.Max((float)((p[i * n + j] + (double)p[j * n + i]) / norm), MinProbability);
                p[i * n + j] = v;
                p[j * n + i] = v;
            }
        }
        return p;
    }

    static double SquaredDistance(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        int w = Vector<float>.Count, f = 0;
        var acc = Vector<float>.Zero;
        for (; f <= a.Length - w; f += w)
        {
            var d = new Vector<float>(a.Slice(f, w)) - new Vector<float>(b.Slice(f, w));
            acc += d * d;
        }
        double s = Vector.Sum(acc);
        for (; f < a.Length; f++) { double d = (double)a[f] - b[f]; s += d * d; }
        return s;
    }

    static double KlDivergence(float[] p, float[] y, int n, int dim)
    {
        var rowZ = new double[n];
        var rowPLogNum = new double[n];
        Parallel.For(0, n, i =>
        {
            double z = 0, s = 0;
            for (int j = 0; j < n; j++)
            {
                if (j == i) continue;
                double d2 = 0;
                for (int d = 0; d < dim; d++) { double t = y[i * dim + d] - y[j * dim + d]; d2 += t * t; }
                double num = 1 / (1 + d2);
                z += num;
                double pij = p[i * n + j];
                s += pij * Math.Log(pij / num);
            }
            rowZ[i] = z; rowPLogNum[i] = s;
        });
        // KL = sum p log(p / (num / Z)) = sum p log(p / num) + log Z (P sums to 1)
        return rowPLogNum.Sum() + Math.Log(rowZ.Sum());
    }
}
