using BenchmarkDotNet.Attributes;
using Mrh.Model;
using Mrh.Model.Compute;
using Mrh.Runtime;
using static TorchSharp.torch;

namespace Mrh.Benchmarks;

/// <summary>
/// The paper's network (67 inputs, 30 blocks, width 64): one training step on a mini-batch of 128
/// (forward, backward, gradients into the parameters) and inference on 4096 patches, on the Winograd
/// engine and on libtorch's Conv2d with autograd. Threads: libtorch's default and one engine worker per core.
/// </summary>
[MemoryDiagnoser]
public class NetworkBenchmarks
{
    MrhNetwork _net = null!;
    FastPatchNetwork _engine = null!;
    float[] _x = null!, _y = null!, _infer = null!, _centres = null!;
    Tensor _tx = null!, _ty = null!, _tinfer = null!;

    [GlobalSetup]
    public void Setup()
    {
        TorchRuntime.EnsureInitialized();
        _net = new MrhNetwork(new NetworkConfig(67, 30, 64), 1);
        _engine = new FastPatchNetwork(_net, training: true);
        var gen = new Generator(2);
        _tx = randn(128, 67, 3, 3, generator: gen);
        _ty = randn(128, 1, 3, 3, generator: gen);
        _tinfer = randn(4096, 67, 3, 3, generator: gen);
        _x = _tx.data<float>().ToArray();
        _y = _ty.data<float>().ToArray();
        _infer = _tinfer.data<float>().ToArray();
        _centres = new float[4096];
    }

    [Benchmark(Description = "training step, batch 128: Winograd engine")]
    public double TrainingStepEngine()
    {
        _engine.LoadWeights(_net);
        double loss = _engine.TrainingStep(_x, _y, 128, LossKind.L1);
        _engine.WriteGradients(_net);
        return loss;
    }

    [Benchmark(Description = "training step, batch 128: Conv2d + autograd")]
    public float TrainingStepReference()
    {
        using var scope = NewDisposeScope();
        _net.train();
        foreach (var p in _net.parameters()) p.grad = null;
        var loss = (_net.call(_tx) - _ty).abs().sum() / 128;
        loss.backward();
        return loss.item<float>();
    }

    [Benchmark(Description = "inference, 4096 patches: Winograd engine")]
    public void InferenceEngine() => _engine.Predict(_infer, 4096, _centres);

    [Benchmark(Description = "inference, 4096 patches: Conv2d")]
    public void InferenceReference()
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        _net.eval();
        _net.call(_tinfer);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _engine.Dispose();
        _net.Dispose();
    }
}
