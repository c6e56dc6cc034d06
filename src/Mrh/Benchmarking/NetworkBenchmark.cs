using System.Diagnostics;
using Mrh.Imaging;
using Mrh.Model;
using Mrh.Model.Compute;
using Mrh.Patches;
using Mrh.Presets;
using Mrh.Runtime;
using static TorchSharp.torch;

namespace Mrh.Benchmarking;

/// <summary>
/// What `mrh bench` measures: training and inference throughput of the paper's and the quick preset's
/// networks through the product's own entry points (<see cref="Trainer.Train"/> with the paper's recipe,
/// <see cref="VolumePredictor.PredictPatches"/>), whole-volume prediction time, peak memory and threads;
/// with PyTorch side by side if asked. Every measurement has one untimed warm-up run and then
/// <see cref="BenchmarkOptions.Runs"/> timed runs whose median is reported; ours and PyTorch's runs
/// alternate, so that both see the same machine load. Weights and patches are random (seeded): speed
/// does not depend on them.
/// </summary>
public static class NetworkBenchmark
{
    public static BenchmarkReport Run(BenchmarkOptions options, IProgress<string>? progress = null, CancellationToken cancellation = default)
    {
        options.Validate();
        TorchRuntime.EnsureInitialized();
        var clock = Stopwatch.StartNew();
        int threads = options.Threads > 0 ? options.Threads : Environment.ProcessorCount;
        using var useThreads = TorchThreads.Use(threads);
        var loadBefore = MachineInfo.LoadAverage();
        var notes = new List<string>
        {
            "training: Trainer.Train epochs of whole mini-batches with the paper's recipe (L1 loss, SGD momentum 0.9, L2 1e-4, per-parameter clipping); epoch time includes a validation pass over 16 patches",
            "inference: VolumePredictor.PredictPatches, centre pixel of each patch, normalisation included",
        };
        if (!FastPatchNetwork.IsAvailable) notes.Add("no SIMD acceleration for .NET here: 'ours' ran on the reference path");
        string? pyVersion = null, pyUnavailable = null;

        var configs = new List<(string Name, NetworkConfig Config)>();
        if (!options.QuickOnly) configs.Add(("paper", NetworkConfig.For(Preset.Paper)));
        configs.Add(("quick", NetworkConfig.For(Preset.Quick)));
        var results = new List<NetworkResult>();
        foreach (var (name, config) in configs)
        {
            cancellation.ThrowIfCancellationRequested();
            PyTorchWorker? py = null;
            if (options.PyTorch is { } settings && pyUnavailable == null)
            {
                progress?.Report($"starting PyTorch for the {name} network");
                try
                {
                    py = PyTorchWorker.Start(settings, config, threads, options.TrainingBatch, options.InferenceBatch, options.Seed);
                    pyVersion = py.Version;
                }
                catch (MrhException e)
                {
                    pyUnavailable = e.Message;
                    progress?.Report(e.Message);
                }
            }
            using (py)
                results.Add(MeasureNetwork(name, config, options, py, progress, cancellation));
        }
        VolumeResult? volume = options.Volume ? MeasureVolume(options, progress, cancellation) : null;
        var machine = new MachineInfo(MachineInfo.CpuName(), Environment.ProcessorCount, threads,
            System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription,
            typeof(TorchSharp.torch).Assembly.GetName().Version?.ToString(3) ?? "?", TorchSharp.torch.__version__,
            loadBefore, MachineInfo.LoadAverage());
        long peak = Process.GetCurrentProcess().PeakWorkingSet64;
        return new BenchmarkReport(machine, options.Runs, results, volume, pyVersion, pyUnavailable, peak, clock.Elapsed.TotalSeconds, notes.ToArray(),
            EngineWidths.Best is { } width ? (int)width : null, EngineWidths.DescribeBest());
    }

    /// <summary>Multiply-adds x 2 per patch executed by the engine (25 Winograd points per channel pair).</summary>
    public static double EngineFlops(NetworkConfig c, bool centreOnly)
    {
        var layers = MrhNetwork.Describe(c);
        double sum = 0;
        for (int l = 0; l < layers.Count; l++)
        {
            bool last = l == layers.Count - 1;
            sum += last && centreOnly ? 9.0 * layers[l].InputChannels * layers[l].OutputChannels : 25.0 * layers[l].InputChannels * layers[l].OutputChannels;
        }
        return 2 * sum;
    }

    /// <summary>Multiply-adds x 2 per patch of a direct 3 x 3 convolution on a zero-padded 3 x 3 patch (49 non-zero taps).</summary>
    public static double DirectFlops(NetworkConfig c) => 2 * 49.0 * MrhNetwork.Describe(c).Sum(l => (double)l.InputChannels * l.OutputChannels);

    static NetworkResult MeasureNetwork(string name, NetworkConfig config, BenchmarkOptions o, PyTorchWorker? py, IProgress<string>? progress, CancellationToken ct)
    {
        using var scope = NewDisposeScope();
        using var net = RandomNetwork(config, o.Seed);
        var recipe = new TrainerOptions
        {
            MaxEpochs = 1, Patience = 0, RestoreBestWeights = false, BatchSize = o.TrainingBatch, LearningRate = 1e-3, Seed = o.Seed,
        };
        var validation = Patches(16, config.InputChannels, Seeds.Int(o.Seed, "validation"));

        // training: calibrate the steps per run on a warm-up epoch, then alternate ours and PyTorch's
        progress?.Report($"{name} network: warming up training");
        double stepSeconds = TrainingSeconds(net, Patches(4 * o.TrainingBatch, config.InputChannels, Seeds.Int(o.Seed, "warm-up")), validation, recipe) / 4;
        int steps = Math.Clamp((int)Math.Ceiling(o.SecondsPerRun / Math.Max(stepSeconds, 1e-6)), 2, 500);
        var pool = Patches(steps * o.TrainingBatch, config.InputChannels, Seeds.Int(o.Seed, "pool"));
        py?.Train(Math.Min(steps, 4));
        var train = new List<double>();
        var pyTrain = new List<double>();
        for (int r = 0; r < o.Runs; r++)
        {
            ct.ThrowIfCancellationRequested();
            progress?.Report($"{name} network: training run {r + 1} of {o.Runs} ({steps} steps of {o.TrainingBatch})");
            train.Add(steps * o.TrainingBatch / TrainingSeconds(net, pool, validation, recipe));
            if (py != null) pyTrain.Add(steps * o.TrainingBatch / py.Train(steps));
        }

        // inference: the same alternation
        var model = new MrhModel(net, new ModelMetadata // disposing the model would dispose net a second time
        {
            Network = config, ChannelNames = validation.ChannelNames, Normalization = Normalization.Identity(config.InputChannels), TargetName = "bench",
        });
        progress?.Report($"{name} network: warming up inference");
        var one = Patches(o.InferenceBatch, config.InputChannels, Seeds.Int(o.Seed, "one-batch"));
        double batchSeconds = InferenceSeconds(model, one, o.InferenceBatch);
        int batches = Math.Clamp((int)Math.Ceiling(o.SecondsPerRun / Math.Max(batchSeconds, 1e-6)), 1, 200);
        var many = Patches(batches * o.InferenceBatch, config.InputChannels, Seeds.Int(o.Seed, "batches"));
        py?.Infer(1);
        var infer = new List<double>();
        var pyInfer = new List<double>();
        for (int r = 0; r < o.Runs; r++)
        {
            ct.ThrowIfCancellationRequested();
            progress?.Report($"{name} network: inference run {r + 1} of {o.Runs} ({batches} x {o.InferenceBatch} patches)");
            infer.Add(batches * o.InferenceBatch / InferenceSeconds(model, many, o.InferenceBatch));
            if (py != null) pyInfer.Add(batches * o.InferenceBatch / py.Infer(batches));
        }

        Throughput? refTrain = null, refInfer = null;
        if (o.Reference)
        {
            progress?.Report($"{name} network: reference path (libtorch Conv2d)");
            var refRecipe = recipe with { Compute = ComputePath.Reference };
            var small = Patches(Math.Max(2, steps / 4) * o.TrainingBatch, config.InputChannels, Seeds.Int(o.Seed, "small"));
            TrainingSeconds(net, small, validation, refRecipe);
            refTrain = Throughput.Of(Enumerable.Range(0, o.Runs).Select(_ => small.Count / TrainingSeconds(net, small, validation, refRecipe)).ToList(), small.Count);
            InferenceSeconds(model, one, o.InferenceBatch, ComputePath.Reference);
            refInfer = Throughput.Of(Enumerable.Range(0, o.Runs).Select(_ => one.Count / InferenceSeconds(model, one, o.InferenceBatch, ComputePath.Reference)).ToList(), one.Count);
        }

        BFloat16Result? bf16 = o.BFloat16 ? MeasureBFloat16(model, o, batches, progress) : null;

        var tr = Throughput.Of(train, steps * o.TrainingBatch);
        var inf = Throughput.Of(infer, batches * o.InferenceBatch);
        Throughput? pt = py != null ? Throughput.Of(pyTrain, steps * o.TrainingBatch) : null;
        Throughput? pi = py != null ? Throughput.Of(pyInfer, batches * o.InferenceBatch) : null;
        double direct = DirectFlops(config);
        return new NetworkResult(name, config.InputChannels, config.Blocks, config.Width, config.ParameterCount, o.TrainingBatch, o.InferenceBatch,
            tr, inf, tr.Median * 3 * EngineFlops(config, false) / 1e9, inf.Median * EngineFlops(config, true) / 1e9,
            refTrain, refInfer, pt, pi,
            pt != null ? pt.Median * 3 * direct / 1e9 : null, pi != null ? pi.Median * direct / 1e9 : null,
            pt != null ? tr.Median / pt.Median : null, pi != null ? inf.Median / pi.Median : null, bf16);
    }

    /// <summary>bfloat16 against float32 on patches of the synthetic brain volume (in-mask voxels, coronal).</summary>
    static BFloat16Result MeasureBFloat16(MrhModel model, BenchmarkOptions o, int batches, IProgress<string>? progress)
    {
        progress?.Report($"bfloat16 inference: accuracy and speed");
        int c = model.Config.InputChannels;
        var (volume, mask) = SyntheticBrainVolume.Make(o.VolumeSize[0], o.VolumeSize[1], Math.Min(o.VolumeSize[2], 24), c, o.Seed);
        var geometry = new PatchGeometry(volume, AnatomicalPlane.Coronal, 3);
        int n = batches * o.InferenceBatch;
        var inputs = new float[(long)n * c * 9];
        int k = 0;
        if (!mask.Contains(true)) throw new InvalidOperationException("empty synthetic mask");
        while (k < n) // the volume's in-mask patches, repeated until there are n
            for (int s = 0; s < geometry.SectionCount && k < n; s++)
                for (int r = 0; r < geometry.Height && k < n; r++)
                    for (int col = 0; col < geometry.Width && k < n; col++)
                        if (mask[geometry.Index(s, col, r)]) geometry.ExtractChannels(volume.Channels, s, col, r, inputs.AsSpan(k++ * c * 9, c * 9));
        var patches = new PatchSet(n, c, 3, AnatomicalPlane.Coronal, inputs, new float[n * 9], new int[3 * n], new int[n], ["bench"], model.ChannelNames);
        var fp32 = VolumePredictor.PredictPatches(model, patches, batchSize: o.InferenceBatch).Predictions;
        var bf16 = VolumePredictor.PredictPatches(model, patches, batchSize: o.InferenceBatch, precision: NumericPrecision.BFloat16).Predictions;
        double max = 0, sum = 0, mean = fp32.Average(v => (double)v), var = 0;
        for (int i = 0; i < n; i++)
        {
            double d = Math.Abs(fp32[i] - (double)bf16[i]);
            max = Math.Max(max, d);
            sum += d;
            var += (fp32[i] - mean) * (fp32[i] - mean);
        }
        var speed = new List<double>();
        for (int r = 0; r < o.Runs; r++)
        {
            var clock = Stopwatch.StartNew();
            VolumePredictor.PredictPatches(model, patches, batchSize: o.InferenceBatch, precision: NumericPrecision.BFloat16);
            speed.Add(n / clock.Elapsed.TotalSeconds);
        }
        return new BFloat16Result(Throughput.Of(speed, n), n, max, sum / n, Math.Sqrt(var / n));
    }

    static double TrainingSeconds(MrhNetwork net, PatchSet train, PatchSet validation, TrainerOptions recipe)
    {
        var result = Trainer.Train(net, train, validation, recipe);
        return result.History[0].Seconds;
    }

    static double InferenceSeconds(MrhModel model, PatchSet patches, int batch, ComputePath compute = ComputePath.Fast)
    {
        var clock = Stopwatch.StartNew();
        VolumePredictor.PredictPatches(model, patches, batchSize: batch, compute: compute);
        return clock.Elapsed.TotalSeconds;
    }

    static VolumeResult MeasureVolume(BenchmarkOptions o, IProgress<string>? progress, CancellationToken ct)
    {
        int nx = o.VolumeSize[0], ny = o.VolumeSize[1], nz = o.VolumeSize[2];
        var config = NetworkConfig.For(Preset.Quick);
        progress?.Report($"synthesising a {nx} x {ny} x {nz} x {config.InputChannels} volume with a brain-shaped mask");
        var clock = Stopwatch.StartNew();
        var (inputs, mask) = SyntheticBrainVolume.Make(nx, ny, nz, config.InputChannels, o.Seed);
        double synthesis = clock.Elapsed.TotalSeconds;
        int masked = mask.Count(m => m);
        using var scope = NewDisposeScope();
        using var net = RandomNetwork(config, Seeds.Int(o.Seed, "network"));
        var model = new MrhModel(net, new ModelMetadata
        {
            Network = config, ChannelNames = inputs.ChannelNames, Normalization = Normalization.Identity(config.InputChannels), TargetName = "bench",
        });
        // warm-up on a slab, then whole-volume runs
        int slab = Math.Min(nz, 8);
        var head = new Volume(nx, ny, slab, inputs.Channels.Select(c => c.AsSpan(0, nx * ny * slab).ToArray()).ToArray(), channelNames: inputs.ChannelNames);
        VolumePredictor.Predict(model, head, mask.AsSpan(0, nx * ny * slab).ToArray());
        int runs = Math.Min(o.Runs, 3);
        var seconds = new List<double>();
        for (int r = 0; r < runs; r++)
        {
            ct.ThrowIfCancellationRequested();
            progress?.Report($"whole-volume prediction run {r + 1} of {runs} ({masked:N0} voxels)");
            clock.Restart();
            VolumePredictor.Predict(model, inputs, mask, cancellation: ct);
            seconds.Add(clock.Elapsed.TotalSeconds);
        }
        double median = Throughput.Of(seconds, 1).Median;
        return new VolumeResult([nx, ny, nz], config.InputChannels, masked, synthesis, median, seconds.ToArray(), masked / median);
    }

    /// <summary>The architecture's initialisation (seeded) with random biases in [-0.1, 0.1).</summary>
    static MrhNetwork RandomNetwork(NetworkConfig config, long seed)
    {
        var net = new MrhNetwork(config, seed);
        using var gen = new TorchSharp.torch.Generator(Seeds.Derive(unchecked((ulong)seed), "weights"));
        using (no_grad())
            foreach (var (_, conv) in net.Convolutions)
                conv.bias!.copy_(rand(conv.bias.shape, generator: gen) * 0.2 - 0.1);
        return net;
    }

    /// <summary>Random normalised patches with targets (3 x 3).</summary>
    static PatchSet Patches(int count, int channels, long seed)
    {
        using var gen = new TorchSharp.torch.Generator((ulong)seed);
        using var x = randn((long)count * channels * 9, generator: gen);
        using var y = randn((long)count * 9, generator: gen);
        return new PatchSet(count, channels, 3, AnatomicalPlane.Coronal, x.data<float>().ToArray(), y.data<float>().ToArray(),
            new int[3 * count], new int[count], ["bench"], Enumerable.Range(0, channels).Select(c => $"c{c:00}").ToArray());
    }
}
