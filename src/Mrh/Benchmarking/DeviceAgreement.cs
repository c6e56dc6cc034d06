using System.Diagnostics;
using Mrh.Model;
using Mrh.Model.Compute;
using TorchSharp;
using static TorchSharp.torch;

namespace Mrh.Benchmarking;

/// <summary>One implementation's predictions against the float64 reference.</summary>
public sealed record PredictionAgreement(string Implementation, string Precision, int Patches, double MaxAbsDifference, double MeanAbsDifference,
    double ReferenceStandardDeviation, double ReferenceMeanAbs, double Seconds);

/// <summary>Training on the device against training on the CPU from the same weights and data: per-epoch losses.</summary>
public sealed record TrainingAgreement(string Precision, int Batch, int StepsPerEpoch, double[] CpuTrainLoss, double[] DeviceTrainLoss,
    double[] CpuValidationLoss, double[] DeviceValidationLoss, double MaxRelativeDifference, double Seconds);

/// <summary>The device's agreement with the CPU.</summary>
public sealed record DeviceAgreementReport(string Device, string Network, string CpuTraining, IReadOnlyList<PredictionAgreement> Predictions,
    IReadOnlyList<TrainingAgreement> Training, double Seconds);

/// <summary>
/// Does the device compute the same function as the CPU? Predictions of a randomly initialised network (random biases)
/// on random patches, in the dense-matrix form on the device at each precision (and the CPU's Winograd engine in
/// float32 for scale), against the network in float64 on the CPU (the dense form in float64, which the tests check
/// against libtorch's Conv2d in float64; Conv2d itself in float64 takes minutes on the paper network); and a few epochs of training with the paper's
/// recipe on the device at each precision against the CPU's training path, from the same weights and data.
/// </summary>
public static class DeviceAgreement
{
    public static DeviceAgreementReport Measure(ComputeDevice device, NetworkConfig config, int patches = 4096, int trainingPatches = 2816,
        int epochs = 2, long seed = 1, IReadOnlyList<NumericPrecision>? precisions = null, IProgress<string>? progress = null)
    {
        var clock = Stopwatch.StartNew();
        var resolved = DeviceSelection.Resolve(device);
        precisions ??= [NumericPrecision.Float32, NumericPrecision.TensorFloat32, NumericPrecision.BFloat16];
        using var net = new MrhNetwork(config, seed);
        using (no_grad())
        using (var gen = new Generator(Seeds.Derive(unchecked((ulong)seed), "weights")))
            foreach (var (_, conv) in net.Convolutions) conv.bias!.copy_(rand(conv.bias.shape, generator: gen) * 0.2 - 0.1);
        net.eval();

        progress?.Report($"agreement: float64 reference on {patches} patches");
        var inputs = DeviceBenchmark.RandomPatches(patches, config.InputChannels, Seeds.Int(seed, "inputs")).Inputs;
        double[] reference;
        using (var scope = NewDisposeScope())
        using (no_grad())
        using (var dbl = new DenseMatrixNetwork(net, CPU, 3, NumericPrecision.Float32, ScalarType.Float64))
        {
            var x = tensor(inputs, [patches, config.InputChannels * 9]).to(ScalarType.Float64);
            reference = dbl.Forward(x, centreOnly: true).Output.reshape(patches).data<double>().ToArray();
        }
        double mean = reference.Average(), sd = Math.Sqrt(reference.Sum(v => (v - mean) * (v - mean)) / reference.Length);
        double meanAbs = reference.Average(Math.Abs);
        var predictions = new List<PredictionAgreement>();
        PredictionAgreement Compare(string who, string precision, float[] got, double seconds)
        {
            double max = 0, sum = 0;
            for (int i = 0; i < got.Length; i++)
            {
                double d = Math.Abs(got[i] - reference[i]);
                max = Math.Max(max, d);
                sum += d;
            }
            return new PredictionAgreement(who, precision, got.Length, max, sum / got.Length, sd, meanAbs, seconds);
        }
        if (FastPatchNetwork.IsAvailable && FastPatchNetwork.Supports(config, 3))
        {
            var sw = Stopwatch.StartNew();
            using var engine = new FastPatchNetwork(net, new FastNetworkOptions { Threads = TorchThreads.Current });
            var centres = new float[patches];
            engine.Predict(inputs, patches, centres);
            predictions.Add(Compare("cpu winograd engine", "fp32", centres, sw.Elapsed.TotalSeconds));
        }
        foreach (var precision in precisions)
        {
            progress?.Report($"agreement: dense form on {(resolved.IsCuda ? "cuda" : "cpu")}, {precision.Name()}");
            var sw = Stopwatch.StartNew();
            using var dense = new DenseMatrixNetwork(net, resolved.Torch, 3, precision);
            var centres = new float[patches];
            dense.Predict(inputs, patches, centres, default);
            predictions.Add(Compare($"{(resolved.IsCuda ? "cuda" : "cpu")} dense form", precision.Name(), centres, sw.Elapsed.TotalSeconds));
        }

        // training: the paper's recipe, a few epochs, the CPU's path against the device at each precision
        var train = DeviceBenchmark.RandomPatches(trainingPatches, config.InputChannels, Seeds.Int(seed, "training"));
        var val = DeviceBenchmark.RandomPatches(512, config.InputChannels, Seeds.Int(seed, "validation"));
        var options = new TrainerOptions { MaxEpochs = epochs, Patience = 0, BatchSize = 128, Seed = seed, RestoreBestWeights = false };
        var cpuPath = FastPatchNetwork.IsAvailable && FastPatchNetwork.Supports(config, 3) ? ComputePath.Fast : ComputePath.Reference;
        progress?.Report($"agreement: training on the cpu ({cpuPath})");
        var cpuClock = Stopwatch.StartNew();
        TrainingResult cpu;
        using (var a = net.Clone()) cpu = Trainer.Train(a, train, val, options with { Compute = cpuPath });
        double cpuSeconds = cpuClock.Elapsed.TotalSeconds;
        var training = new List<TrainingAgreement>();
        foreach (var precision in precisions)
        {
            progress?.Report($"agreement: training on {(resolved.IsCuda ? "cuda" : "cpu")}, {precision.Name()}");
            var sw = Stopwatch.StartNew();
            using var b = net.Clone();
            var dev = Trainer.Train(b, train, val, options with { Device = resolved.Device, Compute = ComputePath.DenseMatrix, Precision = precision });
            double worst = 0;
            for (int e = 0; e < epochs; e++)
            {
                worst = Math.Max(worst, Math.Abs(dev.History[e].TrainLoss - cpu.History[e].TrainLoss) / Math.Abs(cpu.History[e].TrainLoss));
                worst = Math.Max(worst, Math.Abs(dev.History[e].ValidationLoss - cpu.History[e].ValidationLoss) / Math.Abs(cpu.History[e].ValidationLoss));
            }
            training.Add(new TrainingAgreement(precision.Name(), options.BatchSize, trainingPatches / options.BatchSize,
                cpu.History.Select(h => h.TrainLoss).ToArray(), dev.History.Select(h => h.TrainLoss).ToArray(),
                cpu.History.Select(h => h.ValidationLoss).ToArray(), dev.History.Select(h => h.ValidationLoss).ToArray(), worst, sw.Elapsed.TotalSeconds));
        }
        return new DeviceAgreementReport(resolved.IsCuda ? "cuda" : "cpu", $"{config.InputChannels}/{config.Blocks}/{config.Width}",
            $"{cpuPath} ({cpuSeconds:0.0} s)", predictions, training, clock.Elapsed.TotalSeconds);
    }
}
