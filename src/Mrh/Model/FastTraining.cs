using Mrh.Model.Compute;
using Mrh.Patches;

namespace Mrh.Model;

/// <summary>
/// The training steps and validation losses of <see cref="Trainer"/> on the Winograd engine: gathers each
/// mini-batch from the patch arrays, refreshes the engine's weights from the network (the optimiser
/// updates the network's parameters), and writes the loss gradients into the trainable parameters'
/// .grad tensors, where <see cref="OptimizerState"/> takes them as it takes autograd's.
/// </summary>
sealed class FastTraining : IDisposable
{
    readonly MrhNetwork _network;
    readonly FastPatchNetwork _engine;
    readonly HashSet<string> _trainable;
    readonly int _lowest;
    float[] _x = [], _y = [];

    public FastTraining(MrhNetwork network, IReadOnlyCollection<string> trainableLayers)
    {
        _network = network;
        _engine = new FastPatchNetwork(network, new FastNetworkOptions { Threads = TorchThreads.Current }, training: true);
        _trainable = trainableLayers.ToHashSet();
        var names = network.Convolutions.Select(c => c.Name).ToList();
        _lowest = _trainable.Count == 0 ? names.Count - 1 : _trainable.Min(n => names.IndexOf(n));
    }

    /// <summary>One step's loss and gradients for the patches <paramref name="order"/>[start .. start + count).</summary>
    public double Gradients(PatchSet train, ReadOnlySpan<long> order, LossKind loss)
    {
        int count = order.Length, il = train.InputLength, tl = train.TargetLength;
        if (_x.Length < count * il) _x = new float[count * il];
        if (_y.Length < count * tl) _y = new float[count * tl];
        for (int j = 0; j < count; j++)
        {
            long i = order[j];
            Array.Copy(train.Inputs, i * il, _x, (long)j * il, il);
            Array.Copy(train.Targets, i * tl, _y, (long)j * tl, tl);
        }
        _engine.LoadWeights(_network);
        double value = _engine.TrainingStep(_x, _y, count, loss, _lowest);
        _engine.WriteGradients(_network, _trainable);
        return value;
    }

    /// <summary>Mean per-patch loss over a whole (normalised) patch set, in batches of <paramref name="batchSize"/>.</summary>
    public double Evaluate(PatchSet patches, LossKind loss, int batchSize)
    {
        _engine.LoadWeights(_network);
        return Evaluate(_engine, patches, loss, batchSize);
    }

    /// <summary>Mean per-patch loss of an engine's network on (normalised) patches.</summary>
    public static double Evaluate(FastPatchNetwork engine, PatchSet patches, LossKind loss, int batchSize)
    {
        int n = patches.Count, il = patches.InputLength, tl = patches.TargetLength;
        var outputs = new float[(long)Math.Min(batchSize, n) * tl];
        double sum = 0;
        for (int start = 0; start < n; start += batchSize)
        {
            int count = Math.Min(batchSize, n - start);
            engine.Forward(patches.Inputs.AsSpan(start * il, count * il), count, outputs);
            var targets = patches.Targets.AsSpan(start * tl, count * tl);
            for (int i = 0; i < count * tl; i++)
            {
                double d = outputs[i] - targets[i];
                sum += loss == LossKind.L1 ? Math.Abs(d) : 0.5 * d * d;
            }
        }
        return sum / n;
    }

    public void Dispose() => _engine.Dispose();
}
