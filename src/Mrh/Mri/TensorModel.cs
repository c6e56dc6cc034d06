using System.Globalization;
using Mrh.Data;
using Mrh.Imaging;

namespace Mrh.Mri;

/// <summary>
/// The diffusion tensor model, fitted per voxel by log-linear least squares (the way dipy, FSL dtifit
/// and MRtrix dwi2tensor do): ln S_i = ln S0 - b_i g_i^T D g_i, solved for ln S0 and the six
/// elements of D by OLS with the pseudo-inverse of the design matrix (computed once per model), or by
/// WLS re-weighted with the squared predicted signal (<see cref="TensorFitOptions"/>). The tensor is
/// eigen-decomposed (<see cref="SymmetricEigen.Decompose3"/>) into FA, MD, AD, RD and the principal
/// direction. b in s/mm^2 gives diffusivities in mm^2/s (0.0007 mm^2/s = 0.7 um^2/ms).
/// <code>
/// var model = new TensorModel(bvals, bvecs);              // or a GradientTable, Protocol or DiffusionShell
/// TensorFit fit = model.Fit(volume, mask);                 // multi-threaded over z-slices
/// float[] fa = fit.FA; Volume md = fit.ToVolume(TensorMap.MD);
/// </code>
/// A model needs at least one b0 image and, in every shell, at least 6 non-collinear directions that
/// determine a tensor; otherwise the constructor throws a one-line <see cref="MrhException"/>.
/// </summary>
public sealed class TensorModel
{
    const int P = 7; // ln S0, Dxx, Dyy, Dzz, Dxy, Dxz, Dyz

    readonly int[] _channels;   // source channel of each design row
    readonly int[] _b0Rows;     // design rows of b0 images
    readonly double[] _x;       // design matrix, rows x 7, with the D columns divided by _bScale
    readonly double[] _pinv;    // its pseudo-inverse, 7 x rows
    readonly double _bScale;    // largest b-value: keeps the design well conditioned

    /// <summary>A model of every entry of a gradient table (volumes to fit have table.Count channels).</summary>
    public TensorModel(GradientTable table, TensorFitOptions? options = null)
        : this(table, Enumerable.Range(0, table?.Count ?? 0).ToArray(), table?.Count ?? 0, options) { }

    /// <summary>A model from b-values (s/mm^2) and gradient directions, one per image, as dipy's gradient_table.</summary>
    public TensorModel(IReadOnlyList<double> bValues, IReadOnlyList<double[]> directions, TensorFitOptions? options = null,
        double b0Threshold = GradientTable.DefaultB0Threshold)
        : this(new GradientTable(bValues, directions, b0Threshold, "b-values/directions"), options) { }

    /// <summary>
    /// A model of all diffusion channels of a protocol, fitted together (several shells give one
    /// multi-shell tensor; use <see cref="DiffusionShells.Split(Protocol, double, double)"/> for one fit
    /// per shell). Volumes to fit have <c>protocol.Count</c> channels; non-diffusion channels are ignored.
    /// </summary>
    public TensorModel(Protocol protocol, TensorFitOptions? options = null)
        : this(FromProtocol(protocol), options) { }

    /// <summary>A model of one shell; volumes to fit have <c>shell.SourceChannelCount</c> channels.</summary>
    public TensorModel(DiffusionShell shell, TensorFitOptions? options = null)
        : this(shell?.Table!, shell?.Channels.ToArray() ?? [], shell?.SourceChannelCount ?? 0, options) { }

    TensorModel((GradientTable Table, int[] Channels, int Count) p, TensorFitOptions? options)
        : this(p.Table, p.Channels, p.Count, options) { }

    static (GradientTable, int[], int) FromProtocol(Protocol protocol)
    {
        ArgumentNullException.ThrowIfNull(protocol);
        var table = GradientTable.FromProtocol(protocol, out var channels);
        return (table, channels, protocol.Count);
    }

    TensorModel(GradientTable table, int[] channels, int sourceChannelCount, TensorFitOptions? options)
    {
        ArgumentNullException.ThrowIfNull(table);
        Options = options ?? TensorFitOptions.Default;
        Options.Validate();
        if (channels.Length != table.Count) throw new ArgumentException("one channel index per table entry");
        Table = table;
        _channels = channels;
        SourceChannelCount = sourceChannelCount;
        string thr = table.B0Threshold.ToString("0.###", CultureInfo.InvariantCulture);
        _b0Rows = table.B0Indices;
        if (_b0Rows.Length == 0)
            throw new MrhException($"{table.Source}: no b0 image (b < {thr} s/mm^2); the log-linear tensor fit needs at least one");
        var dwi = table.DwiIndices;
        if (dwi.Length == 0)
            throw new MrhException($"{table.Source}: no diffusion-weighted image (all b < {thr} s/mm^2); a tensor cannot be fitted");
        foreach (var shell in DiffusionShells.ClusterByValue(dwi, table.BValue, Options.ShellTolerance))
            CheckDirections(table, shell.Members, shell.Mean);

        int m = table.Count;
        _bScale = Enumerable.Range(0, m).Max(table.BValue);
        _x = new double[m * P];
        for (int i = 0; i < m; i++)
        {
            double b = table.BValue(i) / _bScale;
            var g = table.Direction(i);
            var row = _x.AsSpan(i * P, P);
            row[0] = 1;
            row[1] = -b * g[0] * g[0];
            row[2] = -b * g[1] * g[1];
            row[3] = -b * g[2] * g[2];
            row[4] = -2 * b * g[0] * g[1];
            row[5] = -2 * b * g[0] * g[2];
            row[6] = -2 * b * g[1] * g[2];
        }
        _pinv = PseudoInverse(_x, m, table.Source);
    }

    /// <summary>The fit settings.</summary>
    public TensorFitOptions Options { get; }
    /// <summary>b-values and directions of the images the model uses, in <see cref="Channels"/> order.</summary>
    public GradientTable Table { get; }
    /// <summary>Channel of the fitted volume that each entry of <see cref="Table"/> reads.</summary>
    public IReadOnlyList<int> Channels => _channels;
    /// <summary>Number of channels a volume must have to be fitted by this model.</summary>
    public int SourceChannelCount { get; }

    /// <summary>
    /// Every shell needs 6 distinct directions (g and -g are one direction) whose outer products span
    /// the 6-dimensional space of symmetric tensors; directions all in one plane (or on one cone) do not.
    /// </summary>
    static void CheckDirections(GradientTable table, int[] members, double b)
    {
        var distinct = new List<double[]>();
        foreach (int i in members)
        {
            var g = table.Direction(i);
            if (!distinct.Any(d => Math.Abs(d[0] * g[0] + d[1] * g[1] + d[2] * g[2]) > 0.9999)) distinct.Add(g);
        }
        string shell = $"the b = {b.ToString("0", CultureInfo.InvariantCulture)} s/mm^2 shell";
        if (distinct.Count < 6)
            throw new MrhException($"{table.Source}: {shell} has {distinct.Count} non-collinear gradient direction{(distinct.Count == 1 ? "" : "s")}; a diffusion tensor needs at least 6");
        var gram = new double[6, 6];
        Span<double> q = stackalloc double[6];
        double r2 = Math.Sqrt(2);
        foreach (var g in distinct)
        {
            q[0] = g[0] * g[0]; q[1] = g[1] * g[1]; q[2] = g[2] * g[2];
            q[3] = r2 * g[0] * g[1]; q[4] = r2 * g[0] * g[2]; q[5] = r2 * g[1] * g[2];
            for (int r = 0; r < 6; r++)
                for (int c = 0; c < 6; c++) gram[r, c] += q[r] * q[c];
        }
        var (values, _) = SymmetricEigen.Decompose(gram);
        if (!(values[5] > 1e-6 * values[0]))
            throw new MrhException($"{table.Source}: the {distinct.Count} gradient directions of {shell} do not determine a tensor (they lie in one plane or on one cone); use a scheme with at least 6 well-spread directions");
    }

    /// <summary>(X^T X)^+ X^T of a rows x 7 design, by eigen-decomposition of the 7 x 7 Gram matrix.</summary>
    static double[] PseudoInverse(double[] x, int rows, string source)
    {
        var gram = new double[P, P];
        for (int i = 0; i < rows; i++)
            for (int r = 0; r < P; r++)
                for (int c = 0; c < P; c++) gram[r, c] += x[i * P + r] * x[i * P + c];
        var (values, vectors) = SymmetricEigen.Decompose(gram);
        if (!(values[P - 1] > 1e-12 * values[0]))
            throw new MrhException($"{source}: the b-values and directions do not determine a tensor and S0 (singular design matrix)");
        var inv = new double[P, P];
        for (int k = 0; k < P; k++)
            for (int r = 0; r < P; r++)
                for (int c = 0; c < P; c++) inv[r, c] += vectors[k][r] * vectors[k][c] / values[k];
        var pinv = new double[P * rows];
        for (int r = 0; r < P; r++)
            for (int i = 0; i < rows; i++)
            {
                double s = 0;
                for (int c = 0; c < P; c++) s += inv[r, c] * x[i * P + c];
                pinv[r * rows + i] = s;
            }
        return pinv;
    }

    /// <summary>Per-thread work arrays, so that the per-voxel fit allocates nothing.</summary>
    sealed class Scratch(int rows)
    {
        public readonly double[] Signal = new double[rows];
        public readonly double[] LogS = new double[rows];
        public readonly double[] Weight = new double[rows];
        public readonly double[] Beta = new double[P];
        public readonly double[] Normal = new double[P * P];
        public readonly double[] Rhs = new double[P];
    }

    /// <summary>
    /// Fits one voxel from the signals of all <see cref="SourceChannelCount"/> source channels (non-model
    /// channels are ignored). Null when the voxel has no positive b0 signal.
    /// </summary>
    public TensorVoxel? FitSignal(ReadOnlySpan<double> signals)
    {
        if (signals.Length != SourceChannelCount)
            throw new MrhException($"got {signals.Length} signals but the model's source has {SourceChannelCount} channels");
        var s = new Scratch(_channels.Length);
        for (int i = 0; i < _channels.Length; i++) s.Signal[i] = signals[_channels[i]];
        return FitVoxel(s, out var v) ? v : null;
    }

    /// <summary>
    /// Fits every voxel inside the mask (by <see cref="VolumeMask.FromVolume"/>'s rule: non-zero, not NaN; all voxels when null), in parallel over
    /// z-slices. The volume must have <see cref="SourceChannelCount"/> channels and the mask (one channel)
    /// the volume's grid. Voxels outside the mask or without a positive b0 signal get 0 in every map.
    /// <paramref name="progress"/> receives the number of z-slices done (of <c>volume.NZ</c>).
    /// </summary>
    public TensorFit Fit(Volume volume, Volume? mask = null, IProgress<long>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(volume);
        if (volume.ChannelCount != SourceChannelCount)
            throw new MrhException($"the diffusion volume has {volume.ChannelCount} channels but the model's {Table.Source} describes {SourceChannelCount} images");
        float[]? inside = null;
        if (mask is not null)
        {
            if (!mask.SameGrid(volume))
                throw new MrhException($"the mask is {mask.NX}x{mask.NY}x{mask.NZ} voxels but the diffusion volume is {volume.NX}x{volume.NY}x{volume.NZ}");
            if (mask.ChannelCount != 1)
                throw new MrhException($"the mask has {mask.ChannelCount} channels; expected one");
            inside = mask.Channels[0];
        }
        int n = volume.VoxelCount, plane = volume.NX * volume.NY, m = _channels.Length;
        var maps = new TensorFit.Maps(n);
        var sources = _channels.Select(c => volume.Channels[c]).ToArray();
        long done = 0, fitted = 0;
        var gate = new object();
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = Options.MaxThreads, CancellationToken = cancellationToken };
        Parallel.For(0, volume.NZ, parallel, () => new Scratch(m), (z, _, s) =>
        {
            long count = 0;
            for (int v = z * plane, end = v + plane; v < end; v++)
            {
                if (inside is not null && !VolumeMask.IsInside(inside[v])) continue;
                for (int i = 0; i < m; i++) s.Signal[i] = sources[i][v];
                if (!FitVoxel(s, out var t)) continue;
                maps.Set(v, t);
                count++;
            }
            Interlocked.Add(ref fitted, count);
            if (progress is not null)
                lock (gate) progress.Report(++done);
            return s;
        }, _ => { });
        return new TensorFit(volume, maps, fitted, this);
    }

    /// <summary>The per-voxel fit on s.Signal (model rows); false when the voxel has no positive b0.</summary>
    bool FitVoxel(Scratch s, out TensorVoxel result)
    {
        result = default;
        int m = _channels.Length;
        var signal = s.Signal;
        double b0 = 0;
        int nb0 = 0;
        foreach (int i in _b0Rows)
        {
            double v = signal[i];
            if (v > 0 && double.IsFinite(v)) { b0 += v; nb0++; }
        }
        if (nb0 == 0) return false;
        double floor = Options.SignalFloor * (b0 / nb0);
        var y = s.LogS;
        for (int i = 0; i < m; i++)
        {
            double v = signal[i];
            y[i] = Math.Log(v >= floor && double.IsFinite(v) ? v : floor);
        }
        var beta = s.Beta;
        for (int r = 0; r < P; r++)
        {
            double acc = 0;
            var row = _pinv.AsSpan(r * m, m);
            for (int i = 0; i < m; i++) acc += row[i] * y[i];
            beta[r] = acc;
        }
        if (Options.Method == TensorFitMethod.Wls)
            for (int it = 0; it < Options.WlsIterations; it++)
                if (!WeightedStep(s)) break;

        double k = 1 / _bScale;
        Span<double> values = stackalloc double[3];
        Span<double> vectors = stackalloc double[9];
        SymmetricEigen.Decompose3(beta[1] * k, beta[2] * k, beta[3] * k, beta[4] * k, beta[5] * k, beta[6] * k, values, vectors);
        double min = Options.MinDiffusivity;
        double l1 = Math.Max(values[0], min), l2 = Math.Max(values[1], min), l3 = Math.Max(values[2], min);
        double x = vectors[0], yv = vectors[1], z = vectors[2];
        if (z < 0 || (z == 0 && (yv < 0 || (yv == 0 && x < 0)))) { x = -x; yv = -yv; z = -z; }
        result = new TensorVoxel(Math.Exp(beta[0]), l1, l2, l3, x, yv, z);
        return true;
    }

    /// <summary>
    /// One WLS pass: weights w_i = exp(2 (x_i . beta - max)) = (predicted signal)^2 up to a common
    /// factor; solves (X^T W X) beta = X^T W y by Cholesky. False (beta kept) if that matrix is not
    /// positive definite, e.g. when the weights underflow.
    /// </summary>
    bool WeightedStep(Scratch s)
    {
        int m = _channels.Length;
        var beta = s.Beta;
        var w = s.Weight;
        double max = double.NegativeInfinity;
        for (int i = 0; i < m; i++)
        {
            var row = _x.AsSpan(i * P, P);
            double f = 0;
            for (int c = 0; c < P; c++) f += row[c] * beta[c];
            w[i] = f;
            if (f > max) max = f;
        }
        if (!double.IsFinite(max)) return false;
        for (int i = 0; i < m; i++) w[i] = Math.Exp(2 * (w[i] - max));
        var a = s.Normal;
        var rhs = s.Rhs;
        Array.Clear(a);
        Array.Clear(rhs);
        var y = s.LogS;
        for (int i = 0; i < m; i++)
        {
            var row = _x.AsSpan(i * P, P);
            double wi = w[i];
            for (int r = 0; r < P; r++)
            {
                double wr = wi * row[r];
                rhs[r] += wr * y[i];
                for (int c = 0; c <= r; c++) a[r * P + c] += wr * row[c];
            }
        }
        // Cholesky a = L L^T in the lower triangle
        for (int j = 0; j < P; j++)
        {
            double d = a[j * P + j], scale = d;
            for (int k = 0; k < j; k++) d -= a[j * P + k] * a[j * P + k];
            if (!(d > 1e-13 * scale)) return false;
            d = Math.Sqrt(d);
            a[j * P + j] = d;
            for (int i = j + 1; i < P; i++)
            {
                double e = a[i * P + j];
                for (int k = 0; k < j; k++) e -= a[i * P + k] * a[j * P + k];
                a[i * P + j] = e / d;
            }
        }
        Span<double> t = stackalloc double[P];
        for (int i = 0; i < P; i++)
        {
            double e = rhs[i];
            for (int k = 0; k < i; k++) e -= a[i * P + k] * t[k];
            t[i] = e / a[i * P + i];
        }
        Span<double> solution = stackalloc double[P];
        for (int i = P - 1; i >= 0; i--)
        {
            double e = t[i];
            for (int k = i + 1; k < P; k++) e -= a[k * P + i] * solution[k];
            solution[i] = e / a[i * P + i];
            if (!double.IsFinite(solution[i])) return false;
        }
        solution.CopyTo(beta);
        return true;
    }
}
