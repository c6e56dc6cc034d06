using System.Diagnostics;
using Mrh.Imaging;
using Mrh.Model;
using Mrh.Patches;
using static TorchSharp.torch;

namespace Mrh.Benchmarking;

/// <summary>What <see cref="DeviceBenchmark"/> measures.</summary>
public sealed record DeviceBenchmarkOptions
{
    /// <summary>The resolved device (CUDA on a GPU machine; the CPU for a dry run of the same code).</summary>
    public ComputeDevice Device { get; init; } = ComputeDevice.Cuda;
    /// <summary>The network (default: the paper's, 67 inputs, 30 blocks, width 64).</summary>
    public NetworkConfig Network { get; init; } = new(67, 30, 64);
    /// <summary>Training mini-batches: the paper's 128 and large batches.</summary>
    public int[] TrainingBatches { get; init; } = [128, 4096, 32768];
    public int InferenceBatch { get; init; } = InferenceOptions.DefaultDeviceBatchSize;
    public NumericPrecision[] Precisions { get; init; } = [NumericPrecision.Float32, NumericPrecision.TensorFloat32, NumericPrecision.BFloat16];
    public int Runs { get; init; } = 3;
    public double SecondsPerRun { get; init; } = 0.5;
    /// <summary>PyTorch on the same device, side by side (Conv2d and the dense form); null: ours only.</summary>
    public PyTorchSettings? PyTorch { get; init; }
    public long Seed { get; init; } = 1;
}

/// <summary>One measurement: who, what, batch, precision, patches per second.</summary>
public sealed record DeviceThroughput(string Implementation, string Work, int Batch, string Precision, double PatchesPerSecond, double[] Runs);

/// <summary>The device benchmark's result.</summary>
public sealed record DeviceBenchmarkReport(string Device, string Network, string? PyTorchVersion, string? PyTorchGpu, string? PyTorchUnavailable,
    IReadOnlyList<DeviceThroughput> Results, double Seconds, IReadOnlyList<string> Notes);

/// <summary>
/// Throughput of the paper network on a device (a GPU): our dense-matrix form (training with the paper's optimiser
/// update at the paper's batch and at large batches, inference on device-resident batches) at fp32 / TF32 / bf16, and
/// PyTorch's Conv2d and dense form on the same device, measured alternately in one run. Each number is the median of
/// <see cref="DeviceBenchmarkOptions.Runs"/> timed runs of about <see cref="DeviceBenchmarkOptions.SecondsPerRun"/> s after
/// a warm-up. On the CPU device the same code runs (a dry run; the numbers there mean little).
/// </summary>
public static class DeviceBenchmark
{
    public static DeviceBenchmarkReport Run(DeviceBenchmarkOptions o, IProgress<string>? progress = null)
    {
        var clock = Stopwatch.StartNew();
        var device = DeviceSelection.Resolve(o.Device);
        var results = new List<DeviceThroughput>();
        var notes = new List<string>
        {
            "training: the paper's step (L1 loss, backward, L2 1e-4, per-parameter clipping at 0.01, SGD momentum 0.9) on patches resident on the device",
            "inference: forward passes of device-resident batches, centre pixel only (no host transfer)",
            "bf16: ours casts weights and activations to bfloat16 around float32 master weights; PyTorch uses autocast",
        };
        PyTorchWorker? py = null;
        string? pyUnavailable = null;
        if (o.PyTorch is { } settings)
        {
            try
            {
                progress?.Report("starting PyTorch on " + (device.IsCuda ? "cuda" : "cpu"));
                py = PyTorchWorker.Start(settings, o.Network, 0, o.TrainingBatches.Min(), o.InferenceBatch, o.Seed, device: device.IsCuda ? "cuda" : "cpu");
            }
            catch (MrhException e)
            {
                pyUnavailable = e.Message;
                progress?.Report(e.Message);
            }
        }
        try
        {
            using var net = new MrhNetwork(o.Network, o.Seed);
            int poolSize = Math.Max(4096, 2 * o.TrainingBatches.Max());
            var pool = RandomPatches(poolSize, o.Network.InputChannels, Seeds.Int(o.Seed, "pool"));
            var validation = RandomPatches(256, o.Network.InputChannels, Seeds.Int(o.Seed, "validation"));
            foreach (var precision in o.Precisions)
            {
                string p = precision.Name();
                foreach (int batch in o.TrainingBatches)
                {
                    progress?.Report($"training, batch {batch}, {p}");
                    using (var ours = new OursTraining(net, pool, validation, batch, precision, device))
                        results.Add(Measure("mrh dense", "train", batch, p, o, ours.Seconds));
                    if (py != null)
                        foreach (var form in new[] { "conv", "dense" })
                            results.Add(Measure($"pytorch {form}", "train", batch, p, o, n => py.Time("train", n, batch, p, form)));
                }
                progress?.Report($"inference, batch {o.InferenceBatch}, {p}");
                results.Add(Measure("mrh dense", "infer", o.InferenceBatch, p, o, n => OursInference(net, o.InferenceBatch, precision, device, n, Seeds.Int(o.Seed, "inference"))));
                if (py != null)
                    foreach (var form in new[] { "conv", "dense" })
                        results.Add(Measure($"pytorch {form}", "infer", o.InferenceBatch, p, o, n => py.Time("infer", n, o.InferenceBatch, p, form)));
            }
        }
        finally
        {
            py?.Dispose();
        }
        return new DeviceBenchmarkReport(device.IsCuda ? "cuda" : "cpu", $"{o.Network.InputChannels}/{o.Network.Blocks}/{o.Network.Width}",
            py?.Version, null, pyUnavailable, results, clock.Elapsed.TotalSeconds, notes);
    }

    /// <summary>Warm-up, a calibration of how many units fill a run, then the timed runs; patches per second per run.</summary>
    static DeviceThroughput Measure(string who, string work, int batch, string precision, DeviceBenchmarkOptions o, Func<int, double> secondsFor)
    {
        secondsFor(1);
        double one = Math.Max(1e-6, secondsFor(1));
        int n = (int)Math.Clamp(Math.Ceiling(o.SecondsPerRun / one), 1, 100_000);
        var runs = Enumerable.Range(0, o.Runs).Select(_ => (double)n * batch / secondsFor(n)).ToArray();
        var sorted = runs.OrderBy(v => v).ToArray();
        return new DeviceThroughput(who, work, batch, precision, sorted[sorted.Length / 2], runs);
    }

    /// <summary>Our training steps at one batch and precision: the dense form and the patches set up once on the device.</summary>
    sealed class OursTraining : IDisposable
    {
        readonly DenseTraining _training;
        readonly Generator _gen = new(7);
        readonly int _batch, _pool;
        const double Rate = 1e-3;

        public OursTraining(MrhNetwork net, PatchSet pool, PatchSet validation, int batch, NumericPrecision precision, ResolvedDevice device)
        {
            var options = new TrainerOptions { BatchSize = batch, Precision = precision, Device = device.Device, Compute = ComputePath.DenseMatrix, LearningRate = Rate };
            var trainable = net.Convolutions.SelectMany(c => c.Conv.named_parameters()
                .Select(p => new TrainableParameter($"{c.Name}.{p.name}", c.Name, p.parameter, 1.0, p.name == "bias"))).ToList();
            _training = new DenseTraining(net, trainable, options, device.Torch, pool, validation);
            _batch = batch;
            _pool = pool.Count;
        }

        /// <summary>Seconds for <paramref name="steps"/> steps, the device waited for.</summary>
        public double Seconds(int steps)
        {
            var sw = Stopwatch.StartNew();
            for (int s = 0; s < steps; s++)
            {
                using var scope = NewDisposeScope();
                var idx = randperm(_pool, generator: _gen).narrow(0, 0, _batch);
                _training.Step(idx, Rate);
            }
            _training.TakeLossSum(); // waits for the device
            return sw.Elapsed.TotalSeconds;
        }

        public void Dispose()
        {
            _training.Dispose();
            _gen.Dispose();
        }
    }

    static double OursInference(MrhNetwork net, int batch, NumericPrecision precision, ResolvedDevice device, int batches, long seed)
    {
        using var dense = new DenseMatrixNetwork(net, device.Torch, 3, precision);
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        using var tf32 = dense.UsePrecision();
        using var gen = new Generator((ulong)seed);
        var x = randn([batch, net.Config.InputChannels * 9], generator: gen).to(device.Torch);
        x.sum().item<float>();
        var sw = Stopwatch.StartNew();
        Tensor? last = null;
        for (int b = 0; b < batches; b++)
        {
            last?.Dispose();
            (last, _) = dense.Forward(x, centreOnly: true);
        }
        last!.sum().item<float>(); // waits for the device
        return sw.Elapsed.TotalSeconds;
    }

    /// <summary>Random normalised patches with a learnable target (the mean of the first two channels plus noise).</summary>
    internal static PatchSet RandomPatches(int count, int channels, long seed)
    {
        using var gen = new Generator((ulong)seed);
        using var x = randn(count * (long)channels * 9, generator: gen);
        using var y = randn(count * 9L, generator: gen);
        var xs = x.data<float>().ToArray();
        var ys = y.data<float>().ToArray();
        for (int n = 0; n < count; n++)
            for (int p = 0; p < 9; p++)
                ys[n * 9 + p] = 0.5f * (xs[(long)n * channels * 9 + p] + xs[((long)n * channels + 1) * 9 + p]) + 0.1f * ys[n * 9 + p];
        return new PatchSet(count, channels, 3, AnatomicalPlane.Coronal, xs, ys, new int[3 * count], new int[count], ["random"],
            Enumerable.Range(1, channels).Select(i => $"ch{i}").ToArray());
    }
}
