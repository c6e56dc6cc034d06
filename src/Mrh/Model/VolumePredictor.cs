using Mrh.Analysis;
using Mrh.Imaging;
using Mrh.Model.Compute;
using Mrh.Patches;
using Mrh.Runtime;
using static TorchSharp.torch;

namespace Mrh.Model;

/// <summary>Whole-volume inference settings.</summary>
public sealed record InferenceOptions
{
    /// <summary>The plane to cut patches in; null: the plane the model was trained in.</summary>
    public AnatomicalPlane? Plane { get; init; }
    /// <summary>Patches per forward pass (bounds memory: BatchSize x C x k x k floats).</summary>
    public int BatchSize { get; init; } = 4096;
    /// <summary>Also return the penultimate features (conv4 after ReLU, centre pixel) per voxel.</summary>
    public bool Features { get; init; }
    /// <summary>Value written outside the mask.</summary>
    public float OutsideValue { get; init; }
    /// <summary>The Winograd engine (default, where it applies) or libtorch's Conv2d reference.</summary>
    public ComputePath Compute { get; init; } = ComputePath.Fast;
    /// <summary>
    /// float32 (default), bfloat16 matrix products (faster on CPUs with AVX-512 BF16 and on GPUs, less accurate) or
    /// TF32 (GPU only; float32 on the CPU).
    /// </summary>
    public NumericPrecision Precision { get; init; } = NumericPrecision.Float32;
    /// <summary>The CPU (default), CUDA (the dense-matrix form; an error where there is none) or auto.</summary>
    public ComputeDevice Device { get; init; } = ComputeDevice.Cpu;
    /// <summary>Patches per forward pass on a GPU, where bigger batches pay (at least <see cref="BatchSize"/>).</summary>
    public int DeviceBatchSize { get; init; } = DefaultDeviceBatchSize;

    /// <summary>The default batch on a GPU: 65,536 patches of 67 channels are 158 MB of input.</summary>
    public const int DefaultDeviceBatchSize = 65_536;
}

/// <summary>The predicted map (target units) and, if asked for, the per-voxel features (W channels).</summary>
public sealed record PredictionResult(Volume Prediction, Volume? Features, int PredictedVoxels);

/// <summary>
/// Applies a model to a whole volume the authors' way: every in-mask voxel gets its own k x k patch in
/// the chosen plane (stride 1, zero outside the array), the network's k x k output is reduced to its
/// centre pixel, which is written back at the voxel in target units; voxels outside the mask get
/// <see cref="InferenceOptions.OutsideValue"/>. Sections are visited one at a time and patches batched,
/// so memory beyond the output stays at one batch. Deterministic.
/// </summary>
public static class VolumePredictor
{
    /// <summary>
    /// Predicts the model's target for every voxel of <paramref name="mask"/> (null: all voxels).
    /// <paramref name="progress"/> receives the number of sections done.
    /// </summary>
    public static PredictionResult Predict(MrhModel model, Volume inputs, bool[]? mask = null, InferenceOptions? options = null,
        IProgress<long>? progress = null, CancellationToken cancellation = default)
    {
        TorchRuntime.EnsureInitialized();
        options ??= new InferenceOptions();
        if (options.BatchSize < 1) throw new MrhException($"batch size must be at least 1 (got {options.BatchSize})");
        model.EnsureCompatible(inputs.ChannelNames);
        if (mask != null && mask.Length != inputs.VoxelCount)
            throw new MrhException($"the mask has {mask.Length} voxels, the MRI volume has {inputs.VoxelCount}");
        var plane = options.Plane ?? model.Plane;
        var g = new PatchGeometry(inputs, plane, model.PatchSize);
        int c = model.Config.InputChannels, kk = model.PatchSize * model.PatchSize, w = model.Config.Width;
        var device = DeviceSelection.Resolve(options.Device);
        int batch = device.IsCuda ? Math.Max(options.BatchSize, options.DeviceBatchSize) : options.BatchSize;
        var output = new float[inputs.VoxelCount];
        if (options.OutsideValue != 0) Array.Fill(output, options.OutsideValue);
        float[][]? features = options.Features ? Enumerable.Range(0, w).Select(_ => new float[inputs.VoxelCount]).ToArray() : null;

        var buffer = new float[(long)batch * c * kk];
        var where = new int[batch];
        int filled = 0, predicted = 0;
        var norm = model.Normalization;
        model.Network.eval();
        using var engine = Engine(model, options.Compute, options.Precision, device);

        void Flush()
        {
            if (filled == 0) return;
            norm.ApplyToInputs(buffer.AsSpan(0, filled * c * kk), kk);
            var (centre, feats) = Run(model.Network, engine, buffer, filled, c, model.PatchSize, features != null);
            for (int i = 0; i < filled; i++)
            {
                output[where[i]] = norm.TargetToRaw(centre[i]);
                if (features != null)
                    for (int f = 0; f < w; f++) features[f][where[i]] = feats![i * w + f];
            }
            predicted += filled;
            filled = 0;
        }

        foreach (var (s, col, r, idx) in MaskedVoxels(g, mask, progress, cancellation))
        {
            g.ExtractChannels(inputs.Channels, s, col, r, buffer.AsSpan(filled * c * kk, c * kk));
            where[filled++] = idx;
            if (filled == batch) Flush();
        }
        Flush();
        var prediction = Volume.FromArray(inputs, output, model.TargetName);
        Volume? featureVolume = features == null ? null
            : inputs.WithChannels(features, Enumerable.Range(1, w).Select(i => $"feature{i:00}").ToArray());
        return new PredictionResult(prediction, featureVolume, predicted);
    }

    /// <summary>
    /// Applies any <see cref="IPatchPredictor"/> that takes raw <paramref name="patchSize"/> x <paramref name="patchSize"/>
    /// patches of every channel of <paramref name="inputs"/> and gives one value per patch in target units (e.g. a regression
    /// baseline, <see cref="Baselines.PatchRegression"/>) the same way as a network: every voxel of <paramref name="mask"/>
    /// (null: all) gets its own patch in <paramref name="plane"/>; voxels outside the mask are 0.
    /// </summary>
    public static Volume Predict(IPatchPredictor predictor, int patchSize, AnatomicalPlane plane, string targetName, Volume inputs,
        bool[]? mask = null, int batchSize = 4096, IProgress<long>? progress = null, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(predictor);
        if (batchSize < 1) throw new MrhException($"batch size must be at least 1 (got {batchSize})");
        if (mask != null && mask.Length != inputs.VoxelCount)
            throw new MrhException($"the mask has {mask.Length} voxels, the MRI volume has {inputs.VoxelCount}");
        var g = new PatchGeometry(inputs, plane, patchSize);
        int c = inputs.ChannelCount, kk = patchSize * patchSize;
        var output = new float[inputs.VoxelCount];
        var buffer = new float[(long)batchSize * c * kk];
        var where = new int[batchSize];
        int filled = 0;

        void Flush()
        {
            if (filled == 0) return;
            var values = predictor.Predict(filled == batchSize ? buffer : buffer[..(filled * c * kk)], filled);
            if (values.Length != filled) throw new InvalidOperationException($"the predictor gave {values.Length} values for {filled} patches");
            for (int i = 0; i < filled; i++) output[where[i]] = values[i];
            filled = 0;
        }

        foreach (var (s, col, r, idx) in MaskedVoxels(g, mask, progress, cancellation))
        {
            g.ExtractChannels(inputs.Channels, s, col, r, buffer.AsSpan(filled * c * kk, c * kk));
            where[filled++] = idx;
            if (filled == batchSize) Flush();
        }
        Flush();
        return Volume.FromArray(inputs, output, targetName);
    }

    /// <summary>Every voxel of the mask (null: all), section by section, with its section, column, row and flat index.</summary>
    static IEnumerable<(int Section, int Column, int Row, int Index)> MaskedVoxels(PatchGeometry g, bool[]? mask, IProgress<long>? progress, CancellationToken cancellation)
    {
        for (int s = 0; s < g.SectionCount; s++)
        {
            cancellation.ThrowIfCancellationRequested();
            for (int r = 0; r < g.Height; r++)
                for (int col = 0; col < g.Width; col++)
                {
                    int idx = g.Index(s, col, r);
                    if (mask != null && !mask[idx]) continue;
                    yield return (s, col, r, idx);
                }
            progress?.Report(s + 1);
        }
    }

    /// <summary>
    /// The centre-pixel prediction (target units) for each of <paramref name="rawPatches"/> (not
    /// normalised; the model's normalisation is applied), and optionally the features [N][W]. On a GPU the batch is
    /// at least <see cref="InferenceOptions.DefaultDeviceBatchSize"/>.
    /// </summary>
    public static (float[] Predictions, float[]? Features) PredictPatches(MrhModel model, PatchSet rawPatches, bool features = false, int batchSize = 4096,
        ComputePath compute = ComputePath.Fast, NumericPrecision precision = NumericPrecision.Float32, ComputeDevice device = ComputeDevice.Cpu)
    {
        TorchRuntime.EnsureInitialized();
        model.EnsureCompatible(rawPatches.ChannelNames, "the patch set");
        if (rawPatches.Size != model.PatchSize) throw new MrhException($"patches are {rawPatches.Size}x{rawPatches.Size}, the model uses {model.PatchSize}x{model.PatchSize}");
        int n = rawPatches.Count, len = rawPatches.InputLength, w = model.Config.Width;
        var preds = new float[n];
        var feats = features ? new float[(long)n * w] : null;
        model.Network.eval();
        var resolved = DeviceSelection.Resolve(device);
        if (resolved.IsCuda) batchSize = Math.Max(batchSize, InferenceOptions.DefaultDeviceBatchSize);
        using var engine = Engine(model, compute, precision, resolved, rawPatches.Size);
        for (int start = 0; start < n; start += batchSize)
        {
            int count = Math.Min(batchSize, n - start);
            var buf = rawPatches.Inputs.AsSpan(start * len, count * len).ToArray();
            model.Normalization.ApplyToInputs(buf, rawPatches.TargetLength);
            var (centre, f) = Run(model.Network, engine, buf, count, rawPatches.Channels, rawPatches.Size, features);
            for (int i = 0; i < count; i++) preds[start + i] = model.Normalization.TargetToRaw(centre[i]);
            if (feats != null) Array.Copy(f!, 0, feats, (long)start * w, (long)count * w);
        }
        return (preds, feats);
    }

    /// <summary>
    /// The network as the options ask for it: the dense-matrix form (on a GPU, or asked for), the Winograd engine,
    /// the bfloat16 matrix form, or null for the reference path.
    /// </summary>
    static PatchNetwork? Engine(MrhModel model, ComputePath compute, NumericPrecision precision, ResolvedDevice device, int? patchSize = null)
    {
        int size = patchSize ?? model.PatchSize;
        if (compute.UsesDenseForm(device))
            return new PatchNetwork(null, null, new DenseMatrixNetwork(model.Network, device.Torch, size, precision));
        if (precision == NumericPrecision.BFloat16)
        {
            if (size != 3) throw new MrhException($"bfloat16 inference needs 3x3 patches (the model uses {size}x{size})");
            return new PatchNetwork(null, new BFloat16MatrixNetwork(model.Network), null);
        }
        return compute.UsesEngine(model.Config, size)
            ? new PatchNetwork(new FastPatchNetwork(model.Network, new FastNetworkOptions { Threads = TorchThreads.Current }), null, null)
            : null;
    }

    /// <summary>One of the three non-reference implementations.</summary>
    sealed class PatchNetwork(FastPatchNetwork? fast, BFloat16MatrixNetwork? bf16, DenseMatrixNetwork? dense) : IDisposable
    {
        public void Predict(ReadOnlySpan<float> patches, int count, Span<float> centres, Span<float> features)
        {
            if (dense != null) dense.Predict(patches, count, centres, features);
            else if (fast != null) fast.Predict(patches, count, centres, features);
            else bf16!.Predict(patches, count, centres, features);
        }

        public void Dispose()
        {
            fast?.Dispose();
            bf16?.Dispose();
            dense?.Dispose();
        }
    }

    /// <summary>Runs the network on the first <paramref name="count"/> normalised patches of a buffer.</summary>
    static (float[] Centre, float[]? Features) Run(MrhNetwork net, PatchNetwork? engine, float[] buffer, int count, int channels, int size, bool features)
    {
        if (engine != null)
        {
            var centres = new float[count];
            var perVoxel = features ? new float[(long)count * net.Config.Width] : null;
            engine.Predict(buffer.AsSpan(0, count * channels * size * size), count, centres, perVoxel);
            return (centres, perVoxel);
        }
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        long len = (long)count * channels * size * size;
        var x = (len == buffer.LongLength ? tensor(buffer) : tensor(buffer.AsSpan(0, (int)len).ToArray()))
            .reshape(count, channels, size, size);
        var (y, f) = net.Forward(x, features);
        int h = size / 2;
        var centre = y[.., 0, h, h].contiguous().data<float>().ToArray();
        var feats = f?.contiguous().data<float>().ToArray();
        return (centre, feats);
    }
}
