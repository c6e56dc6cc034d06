using System.Diagnostics;
using Mrh.Analysis;
using Mrh.Imaging;
using Mrh.Patches;
using Mrh.Runtime;
using static TorchSharp.torch;

namespace Mrh.Model.Baselines;

/// <summary>
/// A regression baseline beside the MRH networks (the authors' repository ships <c>linear_model_*</c> and
/// <c>poly_model_*</c> files): the centre voxel's target predicted from the k x k x C patch by a linear function of
/// its <see cref="PatchTerms"/>, fitted by ridge-regularised least squares, solved exactly (normal equations,
/// Cholesky) on standardised terms. Raw (not normalised) patches in, target units out, like
/// <see cref="ModelPatchPredictor"/>; no random step, so one training set gives one model.
/// </summary>
public sealed class PatchRegression : IPatchPredictor
{
    readonly double[] _mean, _inverseScale, _weights;

    PatchRegression(PatchTerms terms, int channels, int size, AnatomicalPlane plane, string targetName, double[] mean, double[] inverseScale,
        double[] weights, double intercept, double alpha, IReadOnlyList<(double Alpha, double ValidationMse)> path, int trainCount, int validationCount, double seconds)
    {
        Terms = terms; Channels = channels; PatchSize = size; Plane = plane; TargetName = targetName;
        _mean = mean; _inverseScale = inverseScale; _weights = weights;
        Intercept = intercept; Alpha = alpha; Path = path; TrainCount = trainCount; ValidationCount = validationCount; Seconds = seconds;
    }

    public PatchTerms Terms { get; }
    public int Channels { get; }
    public int PatchSize { get; }
    public AnatomicalPlane Plane { get; }
    public string TargetName { get; }
    /// <summary>Number of terms (without the intercept).</summary>
    public int TermCount => _weights.Length;
    /// <summary>The prediction for a patch whose every term equals its training mean.</summary>
    public double Intercept { get; }
    /// <summary>The chosen penalty (lambda / N).</summary>
    public double Alpha { get; }
    /// <summary>Every candidate penalty with its mean squared error on the validation patches.</summary>
    public IReadOnlyList<(double Alpha, double ValidationMse)> Path { get; }
    public int TrainCount { get; }
    public int ValidationCount { get; }
    /// <summary>Time of the fit.</summary>
    public double Seconds { get; }

    /// <summary>The weight of each term in raw units (per unit of the term; 0 for a term that was constant in training).</summary>
    public double[] RawWeights() => _weights.Select((w, j) => w * _inverseScale[j]).ToArray();

    /// <summary>
    /// Fits on the patches a network of <paramref name="setup"/> would train on: the same sampler, seed, cap and
    /// validation hold-out (<see cref="ModelTraining.Split"/>), the penalty chosen on that validation set.
    /// </summary>
    public static PatchRegression FitOnPatches(PatchSet rawPatches, TrainingSetup setup, PatchTerms terms, RidgeOptions? options = null)
    {
        var (train, validation) = ModelTraining.Split(rawPatches, setup);
        return Fit(train, validation, terms, options, setup.TargetName);
    }

    /// <summary>As <see cref="FitOnPatches"/>, with the patches sampled from <paramref name="subjects"/> (<see cref="ModelTraining.Sample"/>).</summary>
    public static PatchRegression Fit(IReadOnlyList<PatchSource> subjects, TrainingSetup setup, PatchTerms terms, RidgeOptions? options = null)
    {
        if (subjects.Count == 0) throw new MrhException("no subjects to fit on");
        return FitOnPatches(ModelTraining.Sample(subjects, setup), setup, terms, options);
    }

    /// <summary>
    /// Fits on the centre targets of <paramref name="train"/>; the penalty is chosen on <paramref name="validation"/>
    /// (same channels and size). Deterministic: same patches, same bytes.
    /// </summary>
    public static PatchRegression Fit(PatchSet train, PatchSet validation, PatchTerms terms, RidgeOptions? options = null, string targetName = "target")
    {
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(validation);
        options ??= new RidgeOptions();
        options.Validate();
        if (train.Count < 2) throw new MrhException($"a regression needs at least 2 training patches (got {train.Count})");
        if (validation.Count < 1) throw new MrhException("a regression needs validation patches to choose its penalty");
        if (validation.Channels != train.Channels || validation.Size != train.Size)
            throw new MrhException($"validation patches are {validation.Channels} x {validation.Size}x{validation.Size}, training patches {train.Channels} x {train.Size}x{train.Size}");
        TorchRuntime.EnsureInitialized();
        var clock = Stopwatch.StartNew();
        int c = train.Channels, k = train.Size, n = train.Count, p = PatchFeatures.Count(terms, c, k);
        var y = train.CenterTargets();
        foreach (var v in y) if (!float.IsFinite(v)) throw new MrhException("a training target is not a finite number");
        double yMean = y.Select(v => (double)v).Average();

        // standardisation: mean and standard deviation of every term over the training patches (two passes)
        var mean = new double[p];
        var scratch = new double[p];
        for (int i = 0; i < n; i++)
        {
            PatchFeatures.Expand(terms, train.Inputs, i, c, k, scratch);
            for (int j = 0; j < p; j++) mean[j] += scratch[j];
        }
        for (int j = 0; j < p; j++) mean[j] /= n;
        var inverseScale = new double[p];
        for (int i = 0; i < n; i++)
        {
            PatchFeatures.Expand(terms, train.Inputs, i, c, k, scratch);
            for (int j = 0; j < p; j++) { double d = scratch[j] - mean[j]; inverseScale[j] += d * d; }
        }
        for (int j = 0; j < p; j++)
        {
            double sd = Math.Sqrt(inverseScale[j] / n);
            // a term constant over the training patches carries nothing: it gets weight 0
            inverseScale[j] = sd > 1e-12 * Math.Max(1, Math.Abs(mean[j])) ? 1 / sd : 0;
        }

        // normal equations Z'Z and Z'(y - mean y), accumulated block by block in float64
        using var scope = NewDisposeScope();
        var gram = zeros(p, p, ScalarType.Float64);
        var moment = zeros(p, 1, ScalarType.Float64);
        int rows = Math.Min(options.BlockRows, n);
        var block = new double[(long)rows * p];
        var centred = new double[rows];
        for (int start = 0; start < n; start += rows)
        {
            int b = Math.Min(rows, n - start);
            for (int r = 0; r < b; r++)
            {
                var row = block.AsSpan(r * p, p);
                PatchFeatures.Expand(terms, train.Inputs, start + r, c, k, row);
                for (int j = 0; j < p; j++) row[j] = (row[j] - mean[j]) * inverseScale[j];
                centred[r] = y[start + r] - yMean;
            }
            // the products of one block are freed with it (a p x p temporary per block would add up to gigabytes)
            using var blockScope = NewDisposeScope();
            var z = tensor(b == rows ? block : block[..(b * p)], [b, p]);
            var t = tensor(b == rows ? centred : centred[..b], [b, 1]);
            gram.add_(z.t().mm(z));
            moment.add_(z.t().mm(t));
        }

        var path = new List<(double, double)>();
        double[]? best = null;
        double bestAlpha = double.NaN, bestMse = double.PositiveInfinity;
        var validationTargets = validation.CenterTargets();
        foreach (var alpha in options.Alphas.Order())
        {
            double[] w;
            using (NewDisposeScope())
            {
                var a = gram + eye(p, dtype: ScalarType.Float64) * (alpha * n);
                var (factor, info) = linalg.cholesky_ex(a);
                if (info.item<int>() != 0) throw new MrhException($"the ridge system is not positive definite at penalty {alpha} (terms not finite?)");
                w = cholesky_solve(moment, factor).contiguous().data<double>().ToArray();
            }
            var candidate = new PatchRegression(terms, c, k, train.Plane, targetName, mean, inverseScale, w, yMean, alpha, [], n, validation.Count, 0);
            var predicted = candidate.Predict(validation.Inputs, validation.Count);
            double mse = 0;
            for (int i = 0; i < predicted.Length; i++) { double d = predicted[i] - validationTargets[i]; mse += d * d; }
            mse /= predicted.Length;
            path.Add((alpha, mse));
            if (mse < bestMse) { bestMse = mse; bestAlpha = alpha; best = w; }
        }
        if (best is null) throw new MrhException("no ridge penalty gave a finite validation error");
        return new PatchRegression(terms, c, k, train.Plane, targetName, mean, inverseScale, best, yMean, bestAlpha, path, n, validation.Count, clock.Elapsed.TotalSeconds);
    }

    /// <summary>The centre prediction (target units) of every raw patch, [N][C][k][k] as the model's channels and size.</summary>
    public float[] Predict(float[] patches, int count)
    {
        new PatchLayout(count, Channels, PatchSize).Check(patches);
        var result = new float[count];
        int p = _weights.Length;
        // each patch is predicted by one thread in a fixed order: the same bytes on any number of threads
        Parallel.For(0, (count + 255) / 256, () => new double[p], (chunk, _, scratch) =>
        {
            int end = Math.Min(count, (chunk + 1) * 256);
            for (int i = chunk * 256; i < end; i++)
            {
                PatchFeatures.Expand(Terms, patches, i, Channels, PatchSize, scratch);
                double s = Intercept;
                for (int j = 0; j < p; j++) s += _weights[j] * ((scratch[j] - _mean[j]) * _inverseScale[j]);
                result[i] = (float)s;
            }
            return scratch;
        }, _ => { });
        return result;
    }

    public override string ToString() =>
        $"{Terms} regression on {PatchSize}x{PatchSize}x{Channels} patches: {TermCount:N0} terms, alpha {Alpha:G2}, {TrainCount:N0} training patches";
}
