using System.Diagnostics;
using Mrh.Model.Compute;
using Mrh.Patches;
using Mrh.Runtime;
using TorchSharp;
using static TorchSharp.torch;

namespace Mrh.Model;

/// <summary>
/// Trains an <see cref="MrhNetwork"/> on normalised patches (see <see cref="Normalization"/>): mini-batch
/// gradient descent with the schedule, regularisation, clipping, early stopping and best-weight
/// restoration of <see cref="TrainerOptions"/>. Deterministic: the epoch shuffles come from a torch
/// generator seeded with <see cref="TrainerOptions.Seed"/>, so the same seed, data and starting
/// weights give the same weights (on the same machine and thread count).
/// </summary>
public static class Trainer
{
    /// <summary>
    /// Trains <paramref name="network"/> in place and returns the loss curve.
    /// <paramref name="learnRateFactors"/> maps convolution names (e.g. "conv4") to a learning-rate
    /// factor (missing: 1; 0: frozen, its parameters get requires_grad = false and never change).
    /// <paramref name="continueTraining"/> is called after every epoch; returning false stops.
    /// </summary>
    public static TrainingResult Train(MrhNetwork network, PatchSet train, PatchSet validation, TrainerOptions options,
        IProgress<EpochReport>? progress = null, IReadOnlyDictionary<string, double>? learnRateFactors = null,
        Func<EpochReport, bool>? continueTraining = null, CancellationToken cancellation = default)
    {
        TorchRuntime.EnsureInitialized();
        options.Validate();
        CheckData(network, train, "training");
        CheckData(network, validation, "validation");
        if (train.Count == 0) throw new MrhException("no training patches");
        if (validation.Count == 0) throw new MrhException("no validation patches");
        var clock = Stopwatch.StartNew();

        using var data = NewDisposeScope();
        var parameters = Trainable(network, learnRateFactors);
        if (parameters.Count == 0) throw new MrhException("every layer is frozen: nothing to train");
        // On a GPU the dense-matrix form; on the CPU the Winograd engine where it applies (same function, several
        // times faster), else libtorch's autograd.
        var device = DeviceSelection.Resolve(options.Device);
        bool denseForm = options.Compute.UsesDenseForm(device);
        if (options.Precision == NumericPrecision.BFloat16 && !denseForm)
            throw new MrhException("bfloat16 training runs in the dense-matrix form only (on a GPU: --device cuda)");
        using var dense = denseForm ? new DenseTraining(network, parameters, options, device.Torch, train, validation) : null;
        using var fast = !denseForm && options.Compute.UsesEngine(network.Config, train.Size)
            ? new FastTraining(network, parameters.Select(p => p.Layer).Distinct().ToList()) : null;
        Tensor? x = null, y = null, xv = null, yv = null;
        if (fast == null && dense == null)
        {
            x = ToInputs(train);
            y = ToTargets(train);
            xv = ToInputs(validation);
            yv = ToTargets(validation);
        }
        double Validate() => dense != null ? dense.Validate()
            : fast != null ? fast.Evaluate(validation, options.Loss, options.EvaluationBatchSize)
            : Evaluate(network, xv!, yv!, options);
        using var state = dense == null ? new OptimizerState(parameters, options) : null;
        using var gen = new Generator((ulong)options.Seed, CPU);

        int n = train.Count;
        int batch = Math.Min(options.BatchSize, n);
        int batches = options.DropLastBatch ? n / batch : (n + batch - 1) / batch;

        network.train();
        double initialValidation = Validate();
        double best = initialValidation;
        int bestEpoch = 0, sinceBest = 0;
        List<Tensor>? bestWeights = options.RestoreBestWeights ? Snapshot(network) : null;
        var history = new List<EpochReport>();
        var reason = StopReason.MaxEpochs;
        for (int epoch = 1; epoch <= options.MaxEpochs; epoch++)
        {
            cancellation.ThrowIfCancellationRequested();
            var epochClock = Stopwatch.StartNew();
            double lr = options.LearningRateAt(epoch);
            double lossSum = 0;
            using (var epochScope = NewDisposeScope())
            {
                var perm = randperm(n, generator: gen);
                long[]? order = fast != null ? perm.data<long>().ToArray() : null;
                for (int b = 0; b < batches; b++)
                {
                    cancellation.ThrowIfCancellationRequested();
                    using var step = NewDisposeScope();
                    int start = b * batch, count = Math.Min(batch, n - start);
                    if (dense != null)
                    {
                        dense.Step(perm.narrow(0, start, count), lr);
                        continue;
                    }
                    if (fast != null)
                    {
                        lossSum += fast.Gradients(train, order.AsSpan(start, count), options.Loss);
                        state!.Step(lr);
                        continue;
                    }
                    var idx = perm.narrow(0, start, count);
                    var xb = x!.index_select(0, idx);
                    var yb = y!.index_select(0, idx);
                    foreach (var p in parameters) p.Parameter.grad = null;
                    var loss = Loss(network.call(xb), yb, options.Loss);
                    loss.backward();
                    state!.Step(lr);
                    lossSum += loss.item<float>();
                }
            }
            if (dense != null) lossSum = dense.TakeLossSum();
            double trainLoss = lossSum / batches;
            double val = Validate();
            bool finite = double.IsFinite(trainLoss) && double.IsFinite(val);
            bool isBest = finite && val < best;
            if (isBest)
            {
                best = val; bestEpoch = epoch; sinceBest = 0;
                dense?.Store(network);
                if (bestWeights != null) { Dispose(bestWeights); bestWeights = Snapshot(network); }
            }
            else sinceBest++;
            var report = new EpochReport(epoch, options.MaxEpochs, trainLoss, val, lr, epochClock.Elapsed.TotalSeconds, isBest);
            history.Add(report);
            progress?.Report(report);
            if (!finite) { reason = StopReason.Diverged; break; }
            if (continueTraining != null && !continueTraining(report)) { reason = StopReason.Callback; break; }
            if (options.Patience > 0 && sinceBest >= options.Patience && epoch < options.MaxEpochs) { reason = StopReason.EarlyStop; break; }
        }
        dense?.Store(network);
        if (bestWeights != null)
        {
            Restore(network, bestWeights);
            Dispose(bestWeights);
        }
        foreach (var p in parameters) p.Parameter.grad = null;
        network.eval();
        return new TrainingResult(history, bestEpoch, best, reason, clock.Elapsed.TotalSeconds, train.Count, validation.Count, initialValidation);
    }

    /// <summary>Mean per-patch loss of the network on (normalised) patches, without training.</summary>
    public static double Evaluate(MrhNetwork network, PatchSet patches, LossKind loss, int batchSize = 4096, ComputePath compute = ComputePath.Fast)
    {
        TorchRuntime.EnsureInitialized();
        CheckData(network, patches, "evaluation");
        if (batchSize < 1) throw new MrhException($"batch size must be at least 1 (got {batchSize})");
        if (compute.UsesEngine(network.Config, patches.Size))
        {
            using var engine = new FastPatchNetwork(network, new FastNetworkOptions { Threads = TorchThreads.Current });
            return FastTraining.Evaluate(engine, patches, loss, batchSize);
        }
        using var scope = NewDisposeScope();
        return Evaluate(network, ToInputs(patches), ToTargets(patches), new TrainerOptions { Loss = loss, EvaluationBatchSize = batchSize });
    }

    static double Evaluate(MrhNetwork network, Tensor x, Tensor y, TrainerOptions options)
    {
        using var noGrad = no_grad();
        long n = x.shape[0];
        double sum = 0;
        for (long start = 0; start < n; start += options.EvaluationBatchSize)
        {
            using var scope = NewDisposeScope();
            long count = Math.Min(options.EvaluationBatchSize, n - start);
            var l = Loss(network.call(x.narrow(0, start, count)), y.narrow(0, start, count), options.Loss);
            sum += l.item<float>() * (double)count;
        }
        return sum / n;
    }

    /// <summary>Per-patch loss summed over the k x k pixels, averaged over the mini-batch (MATLAB's normalisation).</summary>
    internal static Tensor Loss(Tensor output, Tensor target, LossKind kind)
    {
        long batch = output.shape[0];
        var d = output - target;
        return kind switch
        {
            LossKind.L1 => d.abs().sum() / batch,
            LossKind.HalfMse => d.square().sum() * (0.5 / batch),
            _ => throw new ArgumentOutOfRangeException(nameof(kind)),
        };
    }

    static void CheckData(MrhNetwork network, PatchSet patches, string what)
    {
        if (patches.Channels != network.Config.InputChannels)
            throw new MrhException($"{what} patches have {patches.Channels} channels, the network expects {network.Config.InputChannels}");
    }

    static Tensor ToInputs(PatchSet p) => tensor(p.Inputs).reshape(p.Count, p.Channels, p.Size, p.Size);
    static Tensor ToTargets(PatchSet p) => tensor(p.Targets).reshape(p.Count, 1, p.Size, p.Size);

    static List<TrainableParameter> Trainable(MrhNetwork network, IReadOnlyDictionary<string, double>? factors)
    {
        var known = network.Convolutions.Select(c => c.Name).ToHashSet();
        if (factors != null)
            foreach (var k in factors.Keys)
                if (!known.Contains(k)) throw new MrhException($"learning-rate factor for unknown layer '{k}'");
        var list = new List<TrainableParameter>();
        foreach (var (name, conv) in network.Convolutions)
        {
            double f = factors != null && factors.TryGetValue(name, out var v) ? v : 1.0;
            if (f < 0 || !double.IsFinite(f)) throw new MrhException($"learning-rate factor of {name} must be a finite non-negative number (got {f})");
            foreach (var (pname, p) in conv.named_parameters())
            {
                bool bias = pname == "bias";
                p.requires_grad = f > 0;
                if (f > 0) list.Add(new TrainableParameter(name + "." + pname, name, p, f, bias));
            }
        }
        return list;
    }

    static List<Tensor> Snapshot(MrhNetwork network)
    {
        using var noGrad = no_grad();
        return network.parameters().Select(p => p.detach().clone().DetachFromDisposeScope()).ToList();
    }

    static void Restore(MrhNetwork network, List<Tensor> weights)
    {
        using var noGrad = no_grad();
        int i = 0;
        foreach (var p in network.parameters()) p.copy_(weights[i++]);
    }

    static void Dispose(List<Tensor> tensors)
    {
        foreach (var t in tensors) t.Dispose();
        tensors.Clear();
    }
}

/// <summary>A parameter the optimiser updates, its convolution, its learning-rate factor and whether it is a bias.</summary>
sealed record TrainableParameter(string Name, string Layer, TorchSharp.Modules.Parameter Parameter, double Factor, bool IsBias);
