using static TorchSharp.torch;

namespace Mrh.Model;

/// <summary>
/// One optimiser update in MATLAB's order: the loss gradient, plus L2 regularisation (lambda x w), then
/// gradient clipping, then the SGD-with-momentum (or Adam) update with each parameter's learning-rate
/// factor. Velocities (and Adam's moments) live outside any dispose scope until the state is disposed.
/// </summary>
sealed class OptimizerState : IDisposable
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
        var grads = new Tensor?[_params.Count];
        for (int i = 0; i < _params.Count; i++)
        {
            var p = _params[i];
            var g = p.Parameter.grad;
            if (g is null) continue;
            if (_o.L2Regularization > 0 && (!p.IsBias || _o.RegularizeBiases))
                g = g + p.Parameter * _o.L2Regularization;
            grads[i] = g;
        }
        Clip(grads);
        for (int i = 0; i < _params.Count; i++)
        {
            var g = grads[i];
            if (g is null) continue;
            var p = _params[i];
            double lr = learningRate * p.Factor;
            if (_second is null)
            {
                // MATLAB SGDM: v = momentum * v - lr * g; w = w + v
                _first[i].mul_(_o.Momentum).sub_(g * lr);
                p.Parameter.add_(_first[i]);
            }
            else
            {
                const double b1 = 0.9, b2 = 0.999, eps = 1e-8;
                _first[i].mul_(b1).add_(g * (1 - b1));
                _second[i].mul_(b2).add_(g.square() * (1 - b2));
                var mHat = _first[i] / (1 - Math.Pow(b1, _t));
                var vHat = _second[i] / (1 - Math.Pow(b2, _t));
                p.Parameter.sub_(mHat / (vHat.sqrt() + eps) * lr);
            }
        }
    }

    public void Dispose()
    {
        foreach (var t in _first) t.Dispose();
        if (_second != null) foreach (var t in _second) t.Dispose();
    }

    void Clip(Tensor?[] grads)
    {
        double thr = _o.ClippingThreshold;
        switch (_o.Clipping)
        {
            case GradientClipping.None:
                return;
            case GradientClipping.PerParameterL2Norm:
                // each parameter on its own: g * min(1, thr / ||g||) (no host sync needed)
                for (int i = 0; i < grads.Length; i++)
                    if (grads[i] is { } g)
                        grads[i] = g * (thr / g.norm()).clamp_max(1.0);
                return;
            case GradientClipping.GlobalL2Norm:
            {
                Tensor? sq = null;
                foreach (var g in grads)
                    if (g is not null) sq = sq is null ? g.square().sum() : sq + g.square().sum();
                if (sq is null) return;
                var scale = (thr / sq.sqrt()).clamp_max(1.0);
                for (int i = 0; i < grads.Length; i++)
                    if (grads[i] is { } g) grads[i] = g * scale;
                return;
            }
            case GradientClipping.AbsoluteValue:
                for (int i = 0; i < grads.Length; i++)
                    if (grads[i] is { } g) grads[i] = g.clamp(-thr, thr);
                return;
        }
    }
}
