using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using TorchSharp;
using static TorchSharp.torch;

namespace Mrh.Model.Compute;

/// <summary>
/// The MRH network on 3 x 3 patches, computed without libtorch: every 3 x 3 'same' convolution is done
/// in the Winograd domain (<see cref="WinogradF3"/>: 25 small matrix products of [patches x in] by
/// [in x out] instead of a convolution), with SIMD kernels written for these shapes
/// (<see cref="TileGemm{TS, TV}"/>, <see cref="TileKernels"/>) at the widest vector width the machine runs
/// (AVX-512, AVX2, SSE or Arm NEON; <see cref="Width"/>, chosen once per engine). Patches are processed in tiles that go through
/// the whole network while their activations stay in the core's cache, tiles are shared among worker
/// threads, and nothing is allocated per call. It computes the same function as <see cref="MrhNetwork"/>
/// (the tests hold it to the Conv2d reference): the centre pixel (and the conv4 features) for
/// inference, the full 3 x 3 output, and exact gradients of the training loss (hand-written
/// back-propagation through the same algorithm). Each tile is computed by one thread and per-tile weight
/// gradients are summed in tile order, so results do not depend on the thread count (in training, as long
/// as there are no more threads than tiles of <see cref="FastNetworkOptions.TrainingTileRows"/>: beyond
/// that, tiles get smaller so that every thread has one, which changes the summation order).
/// Weights are copied in by <see cref="LoadWeights"/>; call it again after the weights change. One call
/// at a time: an engine's buffers are reused by every call (use one engine per thread of your own).
/// </summary>
public sealed unsafe class FastPatchNetwork : IDisposable
{
    const int P = WinogradF3.Pixels, T = WinogradF3.Points;

    readonly EngineLayer[] _layers;
    readonly TileKernels _kernels;       // the vector kernels at this engine's width
    readonly NativeFloats[] _forward;    // per layer [25][In][OutPadded], planes ForwardStride apart
    readonly NativeFloats?[] _backward;  // per layer [25][Out][InPadded], planes BackwardStride apart (training only)
    readonly NativeFloats[] _bias;       // per layer [OutPadded]
    readonly NativeFloats _centre;       // last layer, centre output only: [9][InPadded]
    float _centreBias;
    readonly int _maxPadded, _maxIn;
    readonly List<Workspace> _workspaces = [];
    readonly List<GradientSlot> _slots = [];
    double[] _tileLoss = [];
    int _gradientTiles;

    /// <summary>
    /// True where the kernels run natively at some width (<see cref="EngineWidths.Best"/>: AVX-512, AVX2,
    /// SSE or Arm NEON); elsewhere use the reference path.
    /// </summary>
    public static bool IsAvailable => EngineWidths.Best != null;

    /// <summary>Whether this engine can run a network of <paramref name="config"/> on patches of <paramref name="patchSize"/>.</summary>
    public static bool Supports(NetworkConfig config, int patchSize) =>
        IsAvailable && patchSize == 3 && NetworkConfig.Kernel == 3 && config.Width <= 4096;

    /// <summary>
    /// An engine for <paramref name="network"/>'s architecture with its current weights.
    /// <paramref name="training"/>: also keep the transposed weights that back-propagation needs.
    /// </summary>
    public FastPatchNetwork(MrhNetwork network, FastNetworkOptions? options = null, bool training = false)
    {
        options ??= new FastNetworkOptions();
        options.Validate();
        var width = options.Width ?? EngineWidths.Best
            ?? throw new MrhException("the fast network engine needs SIMD vectors (Vector128 acceleration); use the reference path");
        if (!EngineWidths.IsSupported(width)) throw new MrhException($"this machine does not run {EngineWidths.Describe(width)}; use a narrower engine width");
        _kernels = TileKernels.For(width);
        Config = network.Config;
        Options = options;
        Training = training;
        Threads = options.Threads > 0 ? options.Threads : Environment.ProcessorCount;
        _layers = EngineLayer.For(Config);
        if (network.Convolutions.Count != _layers.Length) throw new ArgumentException("network layout differs from its configuration");
        _maxPadded = _layers.Max(l => Math.Max(l.InPadded, l.OutPadded));
        _maxIn = _layers.Max(l => Math.Max(l.In, l.Out));
        _forward = _layers.Select(l => new NativeFloats(T * ForwardStride(l))).ToArray();
        _backward = _layers.Select(l => training ? new NativeFloats(T * BackwardStride(l)) : null).ToArray();
        _bias = _layers.Select(l => new NativeFloats(l.OutPadded)).ToArray();
        _centre = new NativeFloats((long)P * _layers[^1].InPadded);
        LoadWeights(network);
    }

    public NetworkConfig Config { get; }
    public FastNetworkOptions Options { get; }
    /// <summary>Whether the engine can back-propagate (<see cref="TrainingStep"/>).</summary>
    public bool Training { get; }
    /// <summary>Worker threads.</summary>
    public int Threads { get; }
    /// <summary>The vector width the kernels run at.</summary>
    public EngineWidth Width => _kernels.Width;

    /// <summary>Copies (and transforms) the network's current weights into the engine.</summary>
    public void LoadWeights(MrhNetwork network)
    {
        if (network.Config != Config) throw new ArgumentException("the network's architecture differs from the engine's");
        var weights = new nint[_layers.Length];
        for (int l = 0; l < _layers.Length; l++)
        {
            var conv = network.Convolutions[l].Conv;
            weights[l] = (nint)Pointer(conv.weight!, (long)_layers[l].Out * _layers[l].In * P);
            var b = FloatSpan(conv.bias!, _layers[l].Out);
            var dst = _bias[l].AsSpan();
            dst.Clear();
            b.CopyTo(dst);
        }
        int workers = Math.Min(Threads, _layers.Length);
        EnsureWorkspaces(workers, Options.TileRows);
        int next = -1;
        Parallel.For(0, workers, new ParallelOptions { MaxDegreeOfParallelism = workers }, w =>
        {
            var ws = _workspaces[w];
            int l;
            while ((l = Interlocked.Increment(ref next)) < _layers.Length) TransformWeights(l, (float*)weights[l], ws);
        });
        // centre-only last layer: w[p][c] = weight[0][c][p] (the centre output reads pixel p through tap p)
        var last = _layers[^1];
        float* w5 = (float*)weights[^1];
        float* cw = _centre.Pointer;
        _centre.Clear();
        for (int c = 0; c < last.In; c++)
            for (int p = 0; p < P; p++) cw[p * last.InPadded + c] = w5[c * P + p];
        _centreBias = _bias[^1].Pointer[0];
    }

    /// <summary>Floats between the point planes of a layer's forward weights [In][OutPadded] (and of its weight gradients).</summary>
    static long ForwardStride(EngineLayer layer) => TileKernels.PlaneStride(layer.In, layer.OutPadded);

    /// <summary>Floats between the point planes of a layer's back-propagation weights [Out][InPadded].</summary>
    static long BackwardStride(EngineLayer layer) => TileKernels.PlaneStride(layer.Out, layer.InPadded);

    void TransformWeights(int l, float* w, Workspace ws)
    {
        var layer = _layers[l];
        // taps[k][i][o] (o padded), then the 5 x 5 point weights [t][i][o] = sum_k G2[t][k] taps[k]
        long len = (long)layer.In * layer.OutPadded, stride = ForwardStride(layer);
        float* taps = ws.Taps.Pointer;
        if (layer.Out != layer.OutPadded) new Span<float>(taps, checked((int)(P * stride))).Clear();
        // blocks of 16 output channels: reads stay within 16 rows of w, writes are whole cache lines
        long row = (long)layer.In * P;
        for (int o0 = 0; o0 < layer.Out; o0 += 16)
        {
            int count = Math.Min(16, layer.Out - o0);
            for (int i = 0; i < layer.In; i++)
                for (int k = 0; k < P; k++)
                {
                    float* src = w + o0 * row + i * P + k;
                    float* dst = taps + k * stride + (long)i * layer.OutPadded + o0;
                    for (int j = 0; j < count; j++) dst[j] = src[j * row];
                }
        }
        _kernels.KernelPoints(taps, _forward[l].Pointer, len, stride);
        if (_backward[l] is not { } back) return;
        // the same weights transposed for back-propagation: taps[k][o][i] (i padded) -> [t][o][i]
        long lenT = (long)layer.Out * layer.InPadded, strideT = BackwardStride(layer);
        if (layer.In != layer.InPadded) new Span<float>(taps, checked((int)(P * strideT))).Clear();
        for (int o = 0; o < layer.Out; o++)
        {
            float* src = w + o * row;
            for (int k = 0; k < P; k++)
            {
                float* dst = taps + k * strideT + (long)o * layer.InPadded;
                for (int i = 0; i < layer.In; i++) dst[i] = src[i * P + k];
            }
        }
        _kernels.KernelPoints(taps, back.Pointer, lenT, strideT);
    }

    /// <summary>
    /// Centre-pixel outputs of the network for <paramref name="count"/> normalised patches laid out as
    /// the network's input ([count][channels][3][3]); with a non-empty <paramref name="features"/>
    /// ([count][width]) also the conv4 features (after ReLU) at the centre pixel.
    /// </summary>
    public void Predict(ReadOnlySpan<float> patches, int count, Span<float> centres, Span<float> features = default)
    {
        CheckInputs(patches, count);
        if (centres.Length < count) throw new ArgumentException("centres too short", nameof(centres));
        bool withFeatures = !features.IsEmpty;
        if (withFeatures && features.Length < (long)count * Config.Width) throw new ArgumentException("features too short", nameof(features));
        fixed (float* x = patches, y = centres, f = features)
        {
            nint xp = (nint)x, yp = (nint)y, fp = withFeatures ? (nint)f : 0;
            ForEachTile(count, Options.TileRows, (tile, start, rows, ws) =>
                ForwardTile(ws, (float*)xp + (long)start * Config.InputChannels * P, rows, (float*)yp + start,
                    fp == 0 ? null : (float*)fp + (long)start * Config.Width, null));
        }
    }

    /// <summary>The full 3 x 3 outputs ([count][9]) for <paramref name="count"/> normalised patches.</summary>
    public void Forward(ReadOnlySpan<float> patches, int count, Span<float> outputs)
    {
        CheckInputs(patches, count);
        if (outputs.Length < (long)count * P) throw new ArgumentException("outputs too short", nameof(outputs));
        fixed (float* x = patches, o = outputs)
        {
            nint xp = (nint)x, op = (nint)o;
            ForEachTile(count, Options.TileRows, (tile, start, rows, ws) =>
                ForwardTile(ws, (float*)xp + (long)start * Config.InputChannels * P, rows, null, null, (float*)op + (long)start * P));
        }
    }

    /// <summary>
    /// Forward and backward pass on a mini-batch: returns the loss (summed over the 3 x 3 pixels,
    /// averaged over the <paramref name="count"/> patches, as <see cref="Trainer"/> defines it) and keeps
    /// the gradients of all layers from <paramref name="lowestLayer"/> up for <see cref="WriteGradients"/>.
    /// <paramref name="targets"/>: [count][9] normalised targets.
    /// </summary>
    public double TrainingStep(ReadOnlySpan<float> patches, ReadOnlySpan<float> targets, int count, LossKind loss, int lowestLayer = 0)
    {
        if (!Training) throw new InvalidOperationException("this engine was built for inference only");
        CheckInputs(patches, count);
        if (count < 1) throw new ArgumentException("empty mini-batch", nameof(count));
        if (targets.Length < (long)count * P) throw new ArgumentException("targets too short", nameof(targets));
        if (lowestLayer < 0 || lowestLayer >= _layers.Length) throw new ArgumentOutOfRangeException(nameof(lowestLayer));
        // tiles of TrainingTileRows, smaller when there are more workers than such tiles (never below 8 rows)
        int rowsPerTile = Math.Min(Options.TrainingTileRows, Math.Max(8, (count + Threads - 1) / Threads));
        int tiles = (count + rowsPerTile - 1) / rowsPerTile;
        EnsureSlots(tiles);
        if (_tileLoss.Length < tiles) _tileLoss = new double[tiles];
        float scale = 1f / count;
        fixed (float* x = patches, y = targets)
        {
            nint xp = (nint)x, yp = (nint)y;
            ForEachTile(count, rowsPerTile, (tile, start, rows, ws) =>
                _tileLoss[tile] = TrainTile(ws, _slots[tile], (float*)xp + (long)start * Config.InputChannels * P, (float*)yp + (long)start * P,
                    rows, loss, scale, lowestLayer));
        }
        _gradientTiles = tiles;
        _lowestGradient = lowestLayer;
        double sum = 0;
        for (int t = 0; t < tiles; t++) sum += _tileLoss[t];
        return sum / count;
    }

    int _lowestGradient;

    /// <summary>
    /// Writes the gradients of the last <see cref="TrainingStep"/> into the parameters' .grad tensors
    /// (allocated once if missing) of the layers selected by <paramref name="layerNames"/> (null: all that
    /// were computed).
    /// </summary>
    public void WriteGradients(MrhNetwork network, IReadOnlySet<string>? layerNames = null)
    {
        if (_gradientTiles == 0) throw new InvalidOperationException("no training step to take gradients from");
        var targets = new List<(int Layer, nint Weight, nint Bias)>();
        for (int l = _lowestGradient; l < _layers.Length; l++)
        {
            var (name, conv) = network.Convolutions[l];
            if (layerNames != null && !layerNames.Contains(name)) continue;
            targets.Add((l, (nint)GradientPointer(conv.weight!), (nint)GradientPointer(conv.bias!)));
        }
        int workers = Math.Min(Threads, Math.Max(1, targets.Count));
        int next = -1;
        Parallel.For(0, workers, new ParallelOptions { MaxDegreeOfParallelism = workers }, w =>
        {
            var ws = _workspaces[w];
            int j;
            while ((j = Interlocked.Increment(ref next)) < targets.Count) ReduceGradient(targets[j].Layer, (float*)targets[j].Weight, (float*)targets[j].Bias, ws);
        });
    }

    void ReduceGradient(int l, float* weightGrad, float* biasGrad, Workspace ws)
    {
        var layer = _layers[l];
        long stride = ForwardStride(layer);
        long total = P * stride;
        float* sum = ws.Taps.Pointer;
        new ReadOnlySpan<float>(_slots[0].Weights[l].Pointer, (int)total).CopyTo(new Span<float>(sum, (int)total));
        for (int t = 1; t < _gradientTiles; t++)
        {
            float* s = _slots[t].Weights[l].Pointer;
            _kernels.AddInto(sum, s, total);
        }
        long row = (long)layer.In * P;
        for (int o0 = 0; o0 < layer.Out; o0 += 16)
        {
            int count = Math.Min(16, layer.Out - o0);
            for (int i = 0; i < layer.In; i++)
                for (int k = 0; k < P; k++)
                {
                    float* src = sum + k * stride + (long)i * layer.OutPadded + o0;
                    float* dst = weightGrad + o0 * row + i * P + k;
                    for (int j = 0; j < count; j++) dst[j * row] = src[j];
                }
        }
        for (int o = 0; o < layer.Out; o++)
        {
            float b = 0;
            for (int t = 0; t < _gradientTiles; t++) b += _slots[t].Bias[l].Pointer[o];
            biasGrad[o] = b;
        }
    }

    void ForwardTile(Workspace ws, float* x, int rows, float* centres, float* features, float* outputs)
    {
        int L = _layers.Length;
        var first = _layers[0];
        TileKernels.LoadPatches(x, rows, first.In, first.InPadded, ws.Pixels.Pointer);
        _kernels.Input(rows, first.InPadded, ws.Pixels.Pointer, ws.U.Pointer);
        bool full = outputs != null;
        int end = full ? L : L - 1;
        float* r = ws.Residual.Pointer;
        for (int l = 0; l < end; l++)
        {
            var layer = _layers[l];
            Multiply(layer, rows, ws.U.Pointer, _forward[l].Pointer, ws.M.Pointer);
            bool last = l == L - 1;
            bool keep = l == L - 2 || IsResidualSource(l);
            float* y = last ? ws.Output.Pointer : keep ? r : null;
            float* next = l + 1 < end ? ws.U.Pointer : null;
            _kernels.Activate(rows, layer.OutPadded, ws.M.Pointer, _bias[l].Pointer, layer.Residual >= 0 ? r : null, layer.Relu, y, next);
        }
        var head = _layers[L - 1];
        if (full)
            TileKernels.Loss(rows, head.OutPadded, ws.Output.Pointer, null, LossKind.L1, 0, null, outputs);
        else
        {
            _kernels.Centre(rows, head.InPadded, r, _centre.Pointer, _centreBias, centres);
            if (features != null) TileKernels.CopyPixel(rows, head.InPadded, r, P / 2, Config.Width, features);
        }
    }

    double TrainTile(Workspace ws, GradientSlot slot, float* x, float* targets, int rows, LossKind kind, float scale, int lowest)
    {
        int L = _layers.Length;
        var first = _layers[0];
        float* u = ws.U.Pointer, m = ws.M.Pointer;
        // forward: only each layer's (ReLU'd) output is kept; inputs are re-transformed when going back
        TileKernels.LoadPatches(x, rows, first.In, first.InPadded, ws.Pixels.Pointer);
        _kernels.Input(rows, first.InPadded, ws.Pixels.Pointer, u);
        for (int l = 0; l < L; l++)
        {
            var layer = _layers[l];
            Multiply(layer, rows, u, _forward[l].Pointer, m);
            _kernels.Activate(rows, layer.OutPadded, m, _bias[l].Pointer,
                layer.Residual >= 0 ? ws.StoredY[layer.Residual].Pointer : null, layer.Relu, ws.StoredY[l].Pointer,
                l + 1 < L ? u : null);
        }
        var head = _layers[L - 1];
        double loss = TileKernels.Loss(rows, head.OutPadded, ws.StoredY[L - 1].Pointer, targets, kind, scale, ws.Gradient((L - 1) % 3), null);
        // backward; output gradients rotate through three buffers (a layer's gradient comes from the next
        // layer and, for residual sources, from the layer after that)
        for (int l = L - 1; l >= lowest; l--)
        {
            var layer = _layers[l];
            long psOut = TileKernels.PlaneStride(rows, layer.OutPadded), psIn = TileKernels.PlaneStride(rows, layer.InPadded);
            slot.Bias[l].Clear();
            _kernels.OutputBackward(rows, layer.OutPadded, ws.Gradient(l % 3), layer.Relu ? ws.StoredY[l].Pointer : null,
                layer.Residual >= 0 ? ws.Gradient(layer.Residual % 3) : null, slot.Bias[l].Pointer, m);
            // weight gradient in the point domain, dW[t] = U[t]^T dM[t], then back to the taps
            _kernels.Input(rows, layer.InPadded, l == 0 ? ws.Pixels.Pointer : ws.StoredY[l - 1].Pointer, u);
            long wStride = ForwardStride(layer);
            for (int t = 0; t < T; t++)
                _kernels.Multiply(layer.In, rows, layer.OutPadded, u + t * psIn, 1, layer.InPadded,
                    m + t * psOut, layer.OutPadded, ws.DW!.Pointer + t * wStride, layer.OutPadded, false);
            _kernels.KernelGradient(ws.DW!.Pointer, slot.Weights[l].Pointer, (long)layer.In * layer.OutPadded, wStride);
            if (l == lowest) break;
            // input gradient: dU[t] = dM[t] W[t]^T, then to pixels (added if a residual path already wrote there)
            float* wb = _backward[l]!.Pointer, du = ws.DU!.Pointer;
            long bStride = BackwardStride(layer);
            for (int t = 0; t < T; t++)
                _kernels.Multiply(rows, layer.Out, layer.InPadded, m + t * psOut, layer.OutPadded, 1,
                    wb + t * bStride, layer.InPadded, du + t * psIn, layer.InPadded, false);
            bool accumulate = l + 1 < L && _layers[l + 1].Residual == l - 1;
            _kernels.InputBackward(rows, layer.InPadded, du, ws.Gradient((l - 1) % 3), accumulate);
        }
        return loss;
    }

    /// <summary>M[t] = U[t] W[t] for the 25 points.</summary>
    void Multiply(EngineLayer layer, int rows, float* u, float* w, float* m)
    {
        long psIn = TileKernels.PlaneStride(rows, layer.InPadded), psOut = TileKernels.PlaneStride(rows, layer.OutPadded);
        long wStride = ForwardStride(layer);
        for (int t = 0; t < T; t++)
            _kernels.Multiply(rows, layer.In, layer.OutPadded, u + t * psIn, layer.InPadded, 1, w + t * wStride, layer.OutPadded, m + t * psOut, layer.OutPadded, false);
    }

    bool IsResidualSource(int l)
    {
        foreach (var x in _layers) if (x.Residual == l) return true;
        return false;
    }

    delegate void TileAction(int tile, int start, int rows, Workspace ws);

    void ForEachTile(int count, int rowsPerTile, TileAction action)
    {
        if (count == 0) return;
        int tiles = (count + rowsPerTile - 1) / rowsPerTile;
        int workers = Math.Min(Threads, tiles);
        EnsureWorkspaces(workers, rowsPerTile);
        if (workers == 1)
        {
            for (int t = 0; t < tiles; t++) action(t, t * rowsPerTile, Math.Min(rowsPerTile, count - t * rowsPerTile), _workspaces[0]);
            return;
        }
        int next = -1;
        Parallel.For(0, workers, new ParallelOptions { MaxDegreeOfParallelism = workers }, w =>
        {
            var ws = _workspaces[w];
            int t;
            while ((t = Interlocked.Increment(ref next)) < tiles)
                action(t, t * rowsPerTile, Math.Min(rowsPerTile, count - t * rowsPerTile), ws);
        });
    }

    void EnsureWorkspaces(int workers, int rows)
    {
        lock (_workspaces)
        {
            for (int i = 0; i < _workspaces.Count; i++)
                if (_workspaces[i].Rows < rows) { _workspaces[i].Dispose(); _workspaces[i] = new Workspace(this, rows); }
            while (_workspaces.Count < workers) _workspaces.Add(new Workspace(this, Math.Max(rows, Math.Max(Options.TileRows, Training ? Options.TrainingTileRows : 0))));
        }
    }

    void EnsureSlots(int tiles)
    {
        while (_slots.Count < tiles) _slots.Add(new GradientSlot(_layers));
    }

    void CheckInputs(ReadOnlySpan<float> patches, int count)
    {
        if (count < 0) throw new ArgumentOutOfRangeException(nameof(count));
        if (patches.Length < (long)count * Config.InputChannels * P)
            throw new ArgumentException($"{count} patches of {Config.InputChannels} x 3 x 3 need {(long)count * Config.InputChannels * P} floats, got {patches.Length}", nameof(patches));
    }

    static float* Pointer(Tensor t, long length)
    {
        if (t.dtype != ScalarType.Float32 || !t.is_contiguous() || t.numel() != length) throw new ArgumentException("expected a contiguous float32 tensor of " + length);
        return (float*)Unsafe.AsPointer(ref MemoryMarshal.GetReference(t.bytes));
    }

    static ReadOnlySpan<float> FloatSpan(Tensor t, long length) => new(Pointer(t, length), checked((int)length));

    static float* GradientPointer(Tensor parameter)
    {
        var g = parameter.grad;
        if (g is null)
        {
            using (no_grad()) g = zeros_like(parameter).DetachFromDisposeScope();
            parameter.grad = g;
        }
        return Pointer(g, parameter.numel());
    }

    public void Dispose()
    {
        foreach (var x in _forward) x.Dispose();
        foreach (var x in _backward) x?.Dispose();
        foreach (var x in _bias) x.Dispose();
        _centre.Dispose();
        foreach (var w in _workspaces) w.Dispose();
        foreach (var s in _slots) s.Dispose();
        _workspaces.Clear();
        _slots.Clear();
    }

    /// <summary>One worker's buffers for a tile of up to <see cref="Rows"/> patches.</summary>
    sealed class Workspace : IDisposable
    {
        public readonly int Rows;
        public readonly NativeFloats Pixels, U, M, Residual, Output, Taps;
        public readonly NativeFloats[] StoredY = [], Gradients = [];
        public readonly NativeFloats? DU, DW;

        public Workspace(FastPatchNetwork net, int rows)
        {
            Rows = rows;
            var layers = net._layers;
            int cp = net._maxPadded;
            long plane = TileKernels.PlaneStride(rows, cp);  // holds every layer's planes (PlaneStride grows with rows and channels)
            Pixels = new NativeFloats(P * TileKernels.PlaneStride(rows, layers[0].InPadded));
            U = new NativeFloats(T * plane);
            M = new NativeFloats(T * plane);
            Residual = new NativeFloats(P * plane);
            Output = new NativeFloats(P * TileKernels.PlaneStride(rows, layers[^1].OutPadded));
            long weightPlane = layers.Max(l => Math.Max(ForwardStride(l), BackwardStride(l)));
            Taps = new NativeFloats(P * weightPlane);
            if (net.Training)
            {
                StoredY = layers.Select(l => new NativeFloats(P * TileKernels.PlaneStride(rows, l.OutPadded))).ToArray();
                Gradients = [.. Enumerable.Range(0, 3).Select(_ => new NativeFloats(P * plane))];
                DU = new NativeFloats(T * plane);
                DW = new NativeFloats(T * TileKernels.PlaneStride(net._maxIn, cp));
            }
        }

        /// <summary>Output-gradient buffer <paramref name="i"/> of the three that back-propagation rotates through.</summary>
        public float* Gradient(int i) => Gradients[i].Pointer;

        public void Dispose()
        {
            foreach (var b in new[] { Pixels, U, M, Residual, Output, Taps }) b.Dispose();
            foreach (var b in StoredY.Concat(Gradients)) b.Dispose();
            DU?.Dispose();
            DW?.Dispose();
        }
    }

    /// <summary>One tile's share of the weight gradients, in tap-major layout [9][In][OutPadded] (planes <see cref="ForwardStride"/> apart), and bias gradients.</summary>
    sealed class GradientSlot : IDisposable
    {
        public readonly NativeFloats[] Weights, Bias;

        public GradientSlot(EngineLayer[] layers)
        {
            Weights = layers.Select(l => new NativeFloats(P * ForwardStride(l))).ToArray();
            Bias = layers.Select(l => new NativeFloats(l.OutPadded)).ToArray();
        }

        public void Dispose()
        {
            foreach (var b in Weights.Concat(Bias)) b.Dispose();
        }
    }
}

/// <summary>Settings of <see cref="FastPatchNetwork"/>.</summary>
public sealed record FastNetworkOptions
{
    /// <summary>Worker threads (0: one per processor).</summary>
    public int Threads { get; init; }
    /// <summary>Patches per tile in inference: a tile goes through the whole network in one worker.</summary>
    public int TileRows { get; init; } = 64;
    /// <summary>
    /// Patches per tile in training (a mini-batch of 128 is 4 tiles of 32); smaller tiles (down to 8 rows)
    /// when there are more threads than tiles.
    /// </summary>
    public int TrainingTileRows { get; init; } = 32;
    /// <summary>
    /// The kernels' vector width; null (the default): the widest this machine runs (<see cref="EngineWidths.Best"/>).
    /// A narrower width runs the kernels of narrower machines here (the tests check every width this way).
    /// </summary>
    public EngineWidth? Width { get; init; }

    public void Validate()
    {
        if (Threads < 0 || Threads > 1024) throw new MrhException($"threads must be 0..1024 (got {Threads})");
        if (TileRows < 1 || TileRows > 65536) throw new MrhException($"tile rows must be 1..65536 (got {TileRows})");
        if (TrainingTileRows < 1 || TrainingTileRows > 65536) throw new MrhException($"training tile rows must be 1..65536 (got {TrainingTileRows})");
        if (Width is { } w && !Enum.IsDefined(w)) throw new MrhException($"unknown engine width {(int)w}");
    }
}
