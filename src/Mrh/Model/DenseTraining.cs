using Mrh.Patches;
using TorchSharp;
using static TorchSharp.torch;

namespace Mrh.Model;

/// <summary>
/// The training steps and validation losses of <see cref="Trainer"/> in the dense-matrix form
/// (<see cref="DenseMatrixNetwork"/>) on its device: autograd through the gathered matrices gives the gradient of
/// the flat parameter vector, and the optimiser update of <see cref="OptimizerState"/> (L2, clipping, SGD with
/// momentum or Adam, per-layer learning-rate factors) runs on that vector in a few tensor operations, with each
/// parameter a segment for the per-parameter clipping norms. The patch sets are kept on the device when they
/// fit in <see cref="ResidentBytes"/>; otherwise each mini-batch is gathered on the CPU and uploaded, so device
/// memory stays at one batch. The loss is summed on the device and read once per epoch.
/// </summary>
sealed class DenseTraining : IDisposable
{
    /// <summary>Training plus validation patches (inputs and targets, float32) kept on the device up to this size.</summary>
    public const long ResidentBytes = 4L << 30;

    readonly DenseMatrixNetwork _net;
    readonly TrainerOptions _o;
    readonly Device _device;
    readonly Tensor _segments, _rate, _mask, _velocity, _lossSum;
    readonly Tensor? _lambda, _second;
    readonly int _segmentCount;
    readonly PatchData _train, _validation;
    int _t;

    public DenseTraining(MrhNetwork network, IReadOnlyList<TrainableParameter> trainable, TrainerOptions options, Device device,
        PatchSet train, PatchSet validation)
    {
        _o = options;
        _device = device;
        _net = new DenseMatrixNetwork(network, device, train.Size, options.Precision);
        _net.Flat.requires_grad_(true);
        long n = _net.ParameterCount + 1;
        var seg = new long[n];
        var rate = new float[n];
        var lambda = new float[n];
        var byName = trainable.ToDictionary(p => p.Name);
        int s = 0;
        foreach (var l in _net.Layers)
        {
            long weights = l.BiasOffset - l.WeightOffset;
            Fill(l.WeightOffset, weights, $"{l.Name}.weight", bias: false);
            Fill(l.BiasOffset, l.OutputChannels, $"{l.Name}.bias", bias: true);
        }
        seg[n - 1] = s; // the zero: its own segment, never updated
        _segmentCount = s + 1;
        _segments = tensor(seg).to(device).DetachFromDisposeScope();
        _rate = tensor(rate).to(device).DetachFromDisposeScope();
        _mask = (_rate > 0).to(ScalarType.Float32).DetachFromDisposeScope();
        _lambda = options.L2Regularization > 0 ? tensor(lambda).to(device).DetachFromDisposeScope() : null;
        _velocity = zeros(n, ScalarType.Float32, device).DetachFromDisposeScope();
        _second = options.Optimizer == OptimizerKind.Adam ? zeros(n, ScalarType.Float32, device).DetachFromDisposeScope() : null;
        _lossSum = zeros(1, ScalarType.Float64, device).DetachFromDisposeScope();
        long bytes = 4L * ((long)train.Inputs.Length + train.Targets.Length + validation.Inputs.Length + validation.Targets.Length);
        bool resident = bytes <= ResidentBytes;
        _train = new PatchData(train, device, resident);
        _validation = new PatchData(validation, device, resident);

        void Fill(long offset, long count, string name, bool bias)
        {
            float r = 0, lam = 0;
            if (byName.TryGetValue(name, out var p))
            {
                r = (float)p.Factor;
                lam = !bias || options.RegularizeBiases ? (float)options.L2Regularization : 0f;
            }
            for (long i = offset; i < offset + count; i++) { seg[i] = s; rate[i] = r; lambda[i] = lam; }
            s++;
        }
    }

    public bool Resident => _train.Resident;

    /// <summary>One step on the patches <paramref name="indices"/> (a CPU long tensor) at learning rate <paramref name="learningRate"/>.</summary>
    public void Step(Tensor indices, double learningRate)
    {
        using var scope = NewDisposeScope();
        using var precision = _net.UsePrecision();
        var (x, y) = _train.Batch(indices);
        _net.Flat.grad?.zero_();
        var (output, _) = _net.Forward(x);
        var loss = Trainer.Loss(output, y, _o.Loss);
        loss.backward();
        using var noGrad = no_grad();
        _lossSum.add_(loss.detach().to(ScalarType.Float64));
        Update(learningRate);
    }

    /// <summary>The sum of the step losses since the last call (one read from the device).</summary>
    public double TakeLossSum()
    {
        double sum = _lossSum.item<double>();
        _lossSum.zero_();
        return sum;
    }

    /// <summary>Mean per-patch validation loss.</summary>
    public double Validate() => Evaluate(_validation);

    double Evaluate(PatchData data)
    {
        using var noGrad = no_grad();
        using var precision = _net.UsePrecision();
        using var total = zeros(1, ScalarType.Float64, _device);
        int n = data.Count, batch = _o.EvaluationBatchSize;
        for (int start = 0; start < n; start += batch)
        {
            using var scope = NewDisposeScope();
            int count = Math.Min(batch, n - start);
            var (x, y) = data.Range(start, count);
            var (output, _) = _net.Forward(x);
            total.add_(Trainer.Loss(output, y, _o.Loss).to(ScalarType.Float64) * count);
        }
        return total.item<double>() / n;
    }

    /// <summary>Copies the trained weights into the network's convolutions.</summary>
    public void Store(MrhNetwork network) => _net.Store(network);

    /// <summary>
    /// The optimiser update in <see cref="OptimizerState"/>'s order: g = grad + lambda w, clipped (per parameter,
    /// globally or by value), then SGD with momentum (v = m v - lr f g; w += v) or Adam.
    /// </summary>
    void Update(double learningRate)
    {
        var w = _net.Flat;
        var g = w.grad!;
        if (_lambda is not null) g = g.addcmul(w.detach(), _lambda, 1);
        double thr = _o.ClippingThreshold;
        switch (_o.Clipping)
        {
            case GradientClipping.PerParameterL2Norm:
                {
                    var norms = zeros(_segmentCount, ScalarType.Float32, _device).index_add_(0, _segments, g * g, 1).sqrt_();
                    var scale = (thr / norms).clamp_max_(1.0);
                    g = g * scale.index_select(0, _segments);
                    break;
                }
            case GradientClipping.GlobalL2Norm:
                {
                    var masked = g * _mask;
                    var scale = (thr / (masked * masked).sum().sqrt()).clamp_max_(1.0);
                    g = g * scale;
                    break;
                }
            case GradientClipping.AbsoluteValue:
                g = g.clamp(-thr, thr);
                break;
        }
        var rate = _rate * learningRate;
        if (_second is null)
        {
            _velocity.mul_(_o.Momentum).sub_(g * rate);
            w.detach().add_(_velocity);
            return;
        }
        _t++;
        double c1 = 1 - Math.Pow(0.9, _t), c2 = 1 - Math.Pow(0.999, _t);
        _velocity.mul_(0.9).add_(g * (1 - 0.9));
        _second.mul_(0.999).add_(g * g * (1 - 0.999));
        var step = _velocity / c1 / ((_second / c2).sqrt_() + 1e-8) * rate;
        w.detach().sub_(step);
    }

    public void Dispose()
    {
        _net.Dispose();
        _segments.Dispose(); _rate.Dispose(); _mask.Dispose(); _velocity.Dispose(); _lossSum.Dispose();
        _lambda?.Dispose(); _second?.Dispose();
        _train.Dispose(); _validation.Dispose();
    }

    /// <summary>A patch set as [N, C·k²] inputs and [N, k²] targets: on the device, or on the CPU with batches uploaded.</summary>
    sealed class PatchData : IDisposable
    {
        readonly Tensor _x, _y;
        readonly Device _device;

        public PatchData(PatchSet p, Device device, bool resident)
        {
            _device = device;
            Resident = resident || device.type == DeviceType.CPU;
            Count = p.Count;
            var x = tensor(p.Inputs, [p.Count, p.InputLength]);
            var y = tensor(p.Targets, [p.Count, p.TargetLength]);
            _x = (Resident ? x.to(device) : x).DetachFromDisposeScope();
            _y = (Resident ? y.to(device) : y).DetachFromDisposeScope();
        }

        public bool Resident { get; }
        public int Count { get; }

        public (Tensor X, Tensor Y) Batch(Tensor indices)
        {
            if (Resident)
            {
                var idx = indices.to(_device);
                return (_x.index_select(0, idx), _y.index_select(0, idx));
            }
            return (_x.index_select(0, indices).to(_device), _y.index_select(0, indices).to(_device));
        }

        public (Tensor X, Tensor Y) Range(int start, int count) =>
            Resident ? (_x.narrow(0, start, count), _y.narrow(0, start, count))
                     : (_x.narrow(0, start, count).to(_device), _y.narrow(0, start, count).to(_device));

        public void Dispose()
        {
            _x.Dispose();
            _y.Dispose();
        }
    }
}
