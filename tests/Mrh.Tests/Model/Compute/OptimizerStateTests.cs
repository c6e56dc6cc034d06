using Mrh.Model;
using TorchSharp;
using static TorchSharp.torch;

namespace Mrh.Tests.Model.Compute;

/// <summary>
/// The optimiser's single-precision loops against the same update written as libtorch tensor operations
/// (MATLAB's order: gradient + L2, clip, SGD with momentum or Adam), over several steps.
/// </summary>
[Collection(TorchCollection.Name)]
public class OptimizerStateTests
{
    public static TheoryData<OptimizerKind, GradientClipping, double, bool> Cases => new()
    {
        { OptimizerKind.SgdMomentum, GradientClipping.PerParameterL2Norm, 1e-4, false },
        { OptimizerKind.SgdMomentum, GradientClipping.GlobalL2Norm, 1e-2, true },
        { OptimizerKind.SgdMomentum, GradientClipping.AbsoluteValue, 0, false },
        { OptimizerKind.SgdMomentum, GradientClipping.None, 1e-3, false },
        { OptimizerKind.Adam, GradientClipping.PerParameterL2Norm, 1e-4, false },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void UpdatesAreTheTensorFormulas(OptimizerKind kind, GradientClipping clipping, double l2, bool regularizeBiases)
    {
        var options = new TrainerOptions { Optimizer = kind, Clipping = clipping, ClippingThreshold = 0.05, L2Regularization = l2, RegularizeBiases = regularizeBiases, Momentum = 0.8 };
        using var gen = new Generator(5);
        // two weight tensors (one of 1000 values: vector loops and their tails), one bias, with factors
        var shapes = new long[][] { [10, 10, 10], [7, 3], [5] };
        double[] factors = [1, 0.5, 2];
        var mine = new List<TrainableParameter>();
        var theirs = new List<Tensor>();
        for (int i = 0; i < shapes.Length; i++)
        {
            var w = randn(shapes[i], generator: gen);
            mine.Add(new TrainableParameter($"p{i}", $"l{i}", new TorchSharp.Modules.Parameter(w.clone(), true), factors[i], i == 2));
            theirs.Add(w.clone());
        }
        var v = theirs.Select(t => zeros_like(t)).ToList();
        var s2 = theirs.Select(t => zeros_like(t)).ToList();
        using var state = new OptimizerState(mine, options);
        for (int step = 1; step <= 4; step++)
        {
            double lr = 0.1 / step;
            var grads = shapes.Select(sh => randn(sh, generator: gen) * 0.1).ToList();
            using (no_grad())
                for (int i = 0; i < mine.Count; i++) mine[i].Parameter.grad = grads[i].clone();
            state.Step(lr);
            // the reference, as tensor operations
            var g = new List<Tensor>();
            for (int i = 0; i < theirs.Count; i++)
                g.Add(l2 > 0 && (i != 2 || regularizeBiases) ? grads[i] + theirs[i] * l2 : grads[i]);
            switch (clipping)
            {
                case GradientClipping.PerParameterL2Norm:
                    for (int i = 0; i < g.Count; i++) g[i] = g[i] * (0.05 / g[i].norm()).clamp_max(1.0);
                    break;
                case GradientClipping.GlobalL2Norm:
                    var total = g.Select(t => t.square().sum()).Aggregate((a, b) => a + b).sqrt();
                    for (int i = 0; i < g.Count; i++) g[i] = g[i] * (0.05 / total).clamp_max(1.0);
                    break;
                case GradientClipping.AbsoluteValue:
                    for (int i = 0; i < g.Count; i++) g[i] = g[i].clamp(-0.05, 0.05);
                    break;
            }
            for (int i = 0; i < theirs.Count; i++)
            {
                double r = lr * factors[i];
                if (kind == OptimizerKind.SgdMomentum)
                {
                    v[i] = v[i] * 0.8 - g[i] * r;
                    theirs[i] = theirs[i] + v[i];
                }
                else
                {
                    v[i] = v[i] * 0.9 + g[i] * (1 - 0.9);
                    s2[i] = s2[i] * 0.999 + g[i].square() * (1 - 0.999);
                    var mHat = v[i] / (1 - Math.Pow(0.9, step));
                    var vHat = s2[i] / (1 - Math.Pow(0.999, step));
                    theirs[i] = theirs[i] - mHat / (vHat.sqrt() + 1e-8) * r;
                }
            }
            for (int i = 0; i < theirs.Count; i++)
            {
                double diff = (mine[i].Parameter.detach() - theirs[i]).abs().max().item<float>();
                double scale = theirs[i].abs().max().item<float>();
                Assert.True(diff <= 1e-6 * scale, $"{kind}/{clipping}: step {step}, parameter {i} differs by {diff} (scale {scale})");
            }
        }
    }
}
