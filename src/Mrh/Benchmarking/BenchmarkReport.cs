namespace Mrh.Benchmarking;

/// <summary>Median and all runs of one throughput (items per second).</summary>
public sealed record Throughput(double Median, double[] Runs, int ItemsPerRun)
{
    public static Throughput Of(IReadOnlyList<double> perSecond, int itemsPerRun)
    {
        var sorted = perSecond.OrderBy(v => v).ToArray();
        double median = sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : 0.5 * (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]);
        return new Throughput(median, perSecond.ToArray(), itemsPerRun);
    }
}

/// <summary>
/// Training and inference throughput of one network: ours (the Winograd engine), optionally the
/// libtorch Conv2d reference and PyTorch, and the ratios of ours to PyTorch's. GFLOP/s: the engine's
/// executed multiply-adds (25 Winograd points per channel pair and pixel group, x3 for training) and
/// the direct convolution's count (49 taps on a zero-padded 3 x 3 patch) for PyTorch.
/// </summary>
public sealed record NetworkResult(
    string Name, int InputChannels, int Blocks, int Width, long Parameters,
    int TrainingBatch, int InferenceBatch,
    Throughput Training, Throughput Inference,
    double TrainingGflops, double InferenceGflops,
    Throughput? ReferenceTraining, Throughput? ReferenceInference,
    Throughput? PyTorchTraining, Throughput? PyTorchInference,
    double? PyTorchTrainingGflops, double? PyTorchInferenceGflops,
    double? TrainingRatio, double? InferenceRatio,
    BFloat16Result? BFloat16);

/// <summary>
/// bfloat16 inference: its throughput and how far its predictions are from float32's on patches cut from
/// the synthetic brain volume (absolute differences, and the float32 predictions' spread for scale).
/// </summary>
public sealed record BFloat16Result(Throughput Inference, int Patches, double MaxAbsDifference, double MeanAbsDifference, double PredictionStandardDeviation);

/// <summary>Whole-volume prediction with the quick preset's network on a synthetic brain-shaped volume.</summary>
public sealed record VolumeResult(int[] Size, int Channels, int MaskedVoxels, double SynthesisSeconds, double MedianSeconds, double[] Runs, double VoxelsPerSecond);

/// <summary>The machine and its load while measuring.</summary>
public sealed record MachineInfo(string Cpu, int Cores, int Threads, string DotNet, string TorchSharp, string LibTorch,
    double[]? LoadBefore, double[]? LoadAfter)
{
    /// <summary>The 1, 5 and 15 minute load averages (Linux), or null.</summary>
    public static double[]? LoadAverage()
    {
        try
        {
            if (!File.Exists("/proc/loadavg")) return null;
            var parts = File.ReadAllText("/proc/loadavg").Split(' ', StringSplitOptions.RemoveEmptyEntries);
            return parts.Take(3).Select(p => double.Parse(p, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        }
        catch (Exception e) when (e is IOException or FormatException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>The processor's model name (Linux), or the architecture.</summary>
    public static string CpuName()
    {
        try
        {
            if (File.Exists("/proc/cpuinfo"))
                foreach (var line in File.ReadLines("/proc/cpuinfo"))
                    if (line.StartsWith("model name", StringComparison.Ordinal)) return line[(line.IndexOf(':') + 1)..].Trim();
        }
        catch (IOException) { }
        return System.Runtime.InteropServices.RuntimeInformation.ProcessArchitecture.ToString();
    }
}

/// <summary>
/// Everything `mrh bench` measured. <see cref="EngineWidth"/>: the vector width (bits) 'ours' ran at (512, 256,
/// 128), or null where the reference path ran for lack of SIMD; <see cref="Engine"/> says it in words.
/// </summary>
public sealed record BenchmarkReport(
    MachineInfo Machine, int Runs, IReadOnlyList<NetworkResult> Networks, VolumeResult? Volume,
    string? PyTorchVersion, string? PyTorchUnavailable, long PeakWorkingSetBytes, double TotalSeconds, string[] Notes,
    int? EngineWidth, string Engine);
