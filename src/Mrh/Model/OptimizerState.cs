using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using TorchSharp;
using static TorchSharp.torch;

namespace Mrh.Model;

/// <summary>
/// One optimiser update in MATLAB's order: the loss gradient, plus L2 regularisation (lambda x w), then
/// gradient clipping, then the SGD-with-momentum (or Adam) update with each parameter's learning-rate
/// factor. Velocities (and Adam's moments) live outside any dispose scope until the state is disposed.
/// The arithmetic runs in single precision on the parameters' memory, element by element as libtorch's
/// tensor operations would do it (two passes per parameter, parameters spread over the cores): a few
/// hundred small tensor operations per step cost more than the whole back-propagation on 3 x 3 patches.
/// </summary>
sealed unsafe class OptimizerState : IDisposable
{
    readonly List<TrainableParameter> _params;
    readonly TrainerOptions _o;
    readonly Tensor[] _first;
    readonly Tensor[]? _second;
    int _t;

    public OptimizerState(List<TrainableParameter> parameters, TrainerOptions options)
    {
        _params = parameters;
        _o = options;
        _first = parameters.Select(p => zeros_like(p.Parameter).DetachFromDisposeScope()).ToArray();
        if (options.Optimizer == OptimizerKind.Adam)
            _second = parameters.Select(p => zeros_like(p.Parameter).DetachFromDisposeScope()).ToArray();
    }

    public void Step(double learningRate)
    {
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        _t++;
        int n = _params.Count;
        var work = new Slot[n];
        for (int i = 0; i < n; i++)
        {
            var p = _params[i];
            var g = p.Parameter.grad;
            if (g is null) continue;
            work[i] = new Slot(Pointer(p.Parameter), Pointer(g), Pointer(_first[i]), _second is null ? null : Pointer(_second[i]),
                checked((int)p.Parameter.numel()),
                _o.L2Regularization > 0 && (!p.IsBias || _o.RegularizeBiases) ? (float)_o.L2Regularization : 0f,
                (float)(learningRate * p.Factor));
        }
        var options = new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, TorchThreads.Current) };
        // pass 1: the squared L2 norm of each (regularised) gradient, if clipping needs it
        var norms = new double[n];
        if (_o.Clipping is GradientClipping.PerParameterL2Norm or GradientClipping.GlobalL2Norm)
            Parallel.For(0, n, options, i => { if (work[i].Size > 0) norms[i] = SquaredNorm(work[i]); });
        double thr = _o.ClippingThreshold;
        double global = 1;
        if (_o.Clipping == GradientClipping.GlobalL2Norm)
        {
            double sum = 0;
            for (int i = 0; i < n; i++) sum += norms[i];
            global = Math.Min(thr / Math.Sqrt(sum), 1.0);
        }
        var scales = new float[n];
        for (int i = 0; i < n; i++)
            scales[i] = _o.Clipping switch
            {
                GradientClipping.PerParameterL2Norm => (float)Math.Min(thr / Math.Sqrt(norms[i]), 1.0),
                GradientClipping.GlobalL2Norm => (float)global,
                _ => 1f,
            };
        // pass 2: clip and update
        float clamp = _o.Clipping == GradientClipping.AbsoluteValue ? (float)thr : float.PositiveInfinity;
        if (_second is null)
            Parallel.For(0, n, options, i => { if (work[i].Size > 0) SgdMomentum(work[i], scales[i], clamp, (float)_o.Momentum); });
        else
        {
            float c1 = (float)(1 - Math.Pow(0.9, _t)), c2 = (float)(1 - Math.Pow(0.999, _t));
            Parallel.For(0, n, options, i => { if (work[i].Size > 0) Adam(work[i], scales[i], clamp, c1, c2); });
        }
    }

    /// <summary>A parameter's memory (weights, gradient, first and second moment) and its constants.</summary>
    readonly struct Slot(float* w, float* g, float* v, float* s, int size, float lambda, float rate)
    {
        public readonly float* W = w, G = g, V = v, S = s;
        public readonly int Size = size;
        public readonly float Lambda = lambda, Rate = rate;
    }

    static float* Pointer(Tensor t)
    {
        if (t.dtype != ScalarType.Float32 || !t.is_contiguous() || t.device_type != DeviceType.CPU)
            throw new InvalidOperationException("the optimiser expects contiguous float32 CPU parameters");
        return (float*)Unsafe.AsPointer(ref MemoryMarshal.GetReference(t.bytes));
    }

    /// <summary>g = grad + lambda w, as libtorch computes g + w * lambda in float.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static Vector<float> Gradient(in Slot s, int i, Vector<float> lambda) =>
        Vector.Load(s.G + i) + Vector.Load(s.W + i) * lambda;

    static double SquaredNorm(in Slot s)
    {
        var lambda = new Vector<float>(s.Lambda);
        double sum = 0;
        int i = 0;
        for (; i + Vector<float>.Count <= s.Size; i += Vector<float>.Count)
        {
            var g = Gradient(s, i, lambda);
            var lo = Vector.WidenLower(g);
            var hi = Vector.WidenUpper(g);
            sum += Vector.Dot(lo, lo) + Vector.Dot(hi, hi);
        }
        for (; i < s.Size; i++)
        {
            double g = s.G[i] + s.W[i] * s.Lambda;
            sum += g * g;
        }
        return sum;
    }

    // MATLAB SGDM: v = momentum * v - lr * g; w = w + v
    static void SgdMomentum(in Slot s, float scale, float clamp, float momentum)
    {
        var lambda = new Vector<float>(s.Lambda);
        var sc = new Vector<float>(scale);
        var hi = new Vector<float>(clamp);
        var m = new Vector<float>(momentum);
        var lr = new Vector<float>(s.Rate);
        bool clip = float.IsFinite(clamp);
        int i = 0;
        for (; i + Vector<float>.Count <= s.Size; i += Vector<float>.Count)
        {
            var g = Gradient(s, i, lambda) * sc;
            if (clip) g = Vector.Clamp(g, -hi, hi); // IEEE clamp: NaN stays NaN (divergence is detected)
            var v = Vector.Load(s.V + i) * m - g * lr;
            v.Store(s.V + i);
            (Vector.Load(s.W + i) + v).Store(s.W + i);
        }
        for (; i < s.Size; i++)
        {
            float g = Math.Clamp((s.G[i] + s.W[i] * s.Lambda) * scale, -clamp, clamp);
            float v = s.V[i] * momentum - g * s.Rate;
            s.V[i] = v;
            s.W[i] += v;
        }
    }

    static void Adam(in Slot s, float scale, float clamp, float c1, float c2)
    {
        // the constants as libtorch sees them: double scalars rounded to float
        const float b1 = (float)0.9, b2 = (float)0.999, a1 = (float)(1 - 0.9), a2 = (float)(1 - 0.999), eps = (float)1e-8;
        for (int i = 0; i < s.Size; i++)
        {
            float g = Math.Clamp((s.G[i] + s.W[i] * s.Lambda) * scale, -clamp, clamp);
            float m = s.V[i] * b1 + g * a1;
            float v = s.S[i] * b2 + g * g * a2;
            s.V[i] = m;
            s.S[i] = v;
            s.W[i] -= m / c1 / (MathF.Sqrt(v / c2) + eps) * s.Rate;
        }
    }

    public void Dispose()
    {
        foreach (var t in _first) t.Dispose();
        if (_second != null) foreach (var t in _second) t.Dispose();
    }
}
