using System.Globalization;
using Mrh.Benchmarking;
using Mrh.Cli.Framework;
using Mrh.Model;

namespace Mrh.Cli.Commands;

/// <summary>`mrh bench`: training and inference throughput, whole-volume prediction time, optionally against PyTorch.</summary>
public sealed class BenchCommand : CliCommand
{
    public override string Name => "bench";
    public override string Summary => "measure training/inference speed of the networks (optionally side by side with PyTorch)";
    public override string Details =>
        """
        Measures, through the same code paths as `mrh train` and `mrh predict`:
          training   patches/s with mini-batches of 128 (the paper's recipe: L1 loss, SGD with momentum,
                     L2, per-parameter gradient clipping), paper network (67 inputs, 30 blocks, width 64)
                     and quick preset network (5 blocks, width 48);
          inference  patches/s in batches of 4096 (centre pixel of each patch);
          volume     seconds to predict every voxel of a synthetic 100 x 65 x 130 x 67 volume with a
                     brain-shaped mask, quick network (a stand-in for a quick-preset animal);
        plus achieved GFLOP/s, peak memory (working set), threads and the machine's load average.
        Each measurement: one untimed warm-up, then --runs timed runs; medians are reported.
        The networks run on the Winograd engine at the widest vector width this machine runs (AVX-512,
        AVX2, SSE or Arm NEON; the report says which), and with --reference also on the reference path.
        --compare-pytorch also starts benchmarks/pytorch_mrh_bench.py (the same network in plain
        PyTorch, same batch sizes and threads) with /usr/bin/python3 and alternates its runs with ours,
        so that both see the same load, then prints ours / PyTorch. It needs Python with torch (Debian:
        apt-get install python3-torch); without it the comparison is reported as unavailable. The
        product itself never needs Python.
        The machine may be shared: compare only numbers from one run, and look at the load shown.
        Measured on the project's 2-core AMD EPYC (Zen 4) machines: paper network 2.0-2.4x PyTorch 1.13's
        training and 2.6-2.8x its inference throughput (README, Performance, has the numbers).
        example: mrh bench --compare-pytorch --runs 5
                 mrh bench --quick-only --json
        """;
    public override IReadOnlyList<OptionSpec> Options =>
    [
        new("runs", "timed runs per measurement (default 5; medians)", ValueName: "N"),
        new("quick-only", "only the quick preset's network (skip the paper's)", false),
        new("threads", "worker threads for ours and PyTorch (default: one per core)", ValueName: "N"),
        new("compare-pytorch", "run the PyTorch script side by side and print the ratios", false),
        new("python", "Python interpreter for --compare-pytorch (default /usr/bin/python3)", ValueName: "PATH"),
        new("pytorch-script", "the comparison script (default: benchmarks/pytorch_mrh_bench.py above the current folder)", ValueName: "FILE"),
        new("reference", "also time the reference path (libtorch Conv2d and autograd)", false),
        new("bf16", "also time bfloat16 inference and measure its difference from float32", false),
        new("no-volume", "skip the whole-volume prediction", false),
        new("seconds", "minimum seconds per timed run (default 1)", ValueName: "S"),
        new("json", "print the results as JSON", false),
        ModelCliParsing.DeviceOption,
        new("dense", "time the dense-matrix form (the GPU path) on the chosen device; the default with --device cuda", false),
        new("batches", "with the dense form: training mini-batches (default 128,4096,32768)", ValueName: "LIST"),
        new("infer-batch", "with the dense form: inference batch (default 65536)", ValueName: "N"),
    ];

    public override int Run(ParsedArgs args, CliContext context)
    {
        var device = ModelCliParsing.Device(args, context);
        if (device == ComputeDevice.Cuda || args.Flag("dense")) return RunDense(args, context, device);
        PyTorchSettings? py = null;
        if (args.Flag("compare-pytorch"))
        {
            string python = args.Get("python") ?? "/usr/bin/python3";
            string? script = PyTorchWorker.FindScript(args.Get("pytorch-script"));
            py = new PyTorchSettings(python, script ?? Path.Combine("benchmarks", "pytorch_mrh_bench.py"));
        }
        else if (args.Has("python") || args.Has("pytorch-script"))
            throw new UsageException("--python and --pytorch-script go with --compare-pytorch");
        var options = new BenchmarkOptions
        {
            Runs = args.GetInt("runs", 5, 1, 1000),
            QuickOnly = args.Flag("quick-only"),
            Threads = args.GetInt("threads", 0, 1, 1024),
            Reference = args.Flag("reference"),
            BFloat16 = args.Flag("bf16"),
            Volume = !args.Flag("no-volume"),
            SecondsPerRun = args.GetDouble("seconds", 1.0, 0.01, 600),
            PyTorch = py,
        };
        var report = NetworkBenchmark.Run(options, new Reporter(context));
        if (args.Flag("json")) context.Out.WriteLine(Json.Serialize(report));
        else Print(report, context.Out);
        return CommandLine.Ok;
    }

    /// <summary>The dense-matrix form on the device, side by side with PyTorch's Conv2d and dense form there.</summary>
    static int RunDense(ParsedArgs args, CliContext context, ComputeDevice device)
    {
        PyTorchSettings? py = null;
        if (args.Flag("compare-pytorch"))
            py = new PyTorchSettings(args.Get("python") ?? "/usr/bin/python3",
                PyTorchWorker.FindScript(args.Get("pytorch-script")) ?? Path.Combine("benchmarks", "pytorch_mrh_bench.py"));
        int[] batches = args.Get("batches") is string list
            ? list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(b =>
                int.TryParse(b, NumberStyles.None, CultureInfo.InvariantCulture, out int n) && n >= 1 && n <= 1 << 22 ? n
                    : throw new UsageException($"--batches: '{b}' is not a batch size")).ToArray()
            : [128, 4096, 32768];
        if (batches.Length == 0) throw new UsageException("--batches needs at least one size");
        var options = new DeviceBenchmarkOptions
        {
            Device = device,
            Network = args.Flag("quick-only") ? new NetworkConfig(67, 5, 48) : new NetworkConfig(67, 30, 64),
            TrainingBatches = batches,
            InferenceBatch = args.GetInt("infer-batch", InferenceOptions.DefaultDeviceBatchSize, 1, 1 << 22),
            Runs = args.GetInt("runs", 3, 1, 1000),
            SecondsPerRun = args.GetDouble("seconds", 0.5, 0.01, 600),
            PyTorch = py,
        };
        var report = DeviceBenchmark.Run(options, new Reporter(context));
        if (args.Flag("json")) { context.Out.WriteLine(Json.Serialize(report)); return CommandLine.Ok; }
        var w = context.Out;
        w.WriteLine($"device     {report.Device}; network {report.Network}; PyTorch {report.PyTorchVersion ?? "not compared" + (report.PyTorchUnavailable is { } u ? $" ({u})" : "")}");
        w.WriteLine($"{"work",-6} {"batch",7} {"prec",5}  {"implementation",-16} {"patches/s",12}  runs");
        foreach (var r in report.Results)
            w.WriteLine($"{r.Work,-6} {r.Batch,7} {r.Precision,5}  {r.Implementation,-16} {F(r.PatchesPerSecond),12}  {string.Join(" ", r.Runs.Select(v => F(v)))}");
        w.WriteLine($"time       {F(report.Seconds, "0")} s");
        foreach (var note in report.Notes) w.WriteLine($"note       {note}");
        return CommandLine.Ok;
    }

    sealed class Reporter(CliContext context) : IProgress<string>
    {
        public void Report(string value) => context.Error.WriteLine($"mrh: {value}");
    }

    static string F(double v, string format = "N0") => v.ToString(format, CultureInfo.InvariantCulture);

    static void Print(BenchmarkReport r, TextWriter w)
    {
        var m = r.Machine;
        string Load(double[]? l) => l == null ? "n/a" : string.Join(" ", l.Select(v => F(v, "0.00")));
        w.WriteLine($"machine    {m.Cpu}, {m.Cores} cores; {m.Threads} threads; {m.DotNet}, TorchSharp {m.TorchSharp} (libtorch {m.LibTorch})");
        w.WriteLine($"load       {Load(m.LoadBefore)} before, {Load(m.LoadAfter)} after (1/5/15-minute averages)");
        w.WriteLine($"engine     {r.Engine}");
        if (r.PyTorchVersion != null) w.WriteLine($"pytorch    {r.PyTorchVersion}, {m.Threads} threads, run alternately with ours");
        if (r.PyTorchUnavailable != null) w.WriteLine($"pytorch    unavailable: {r.PyTorchUnavailable}");
        w.WriteLine($"runs       {r.Runs} timed runs per measurement after a warm-up; medians (range)");
        w.WriteLine();
        w.WriteLine("network                      training patches/s         inference patches/s");
        foreach (var n in r.Networks)
        {
            string title = $"{n.Name} ({n.InputChannels}/{n.Blocks}/{n.Width})";
            w.WriteLine($"{title,-28} batch {n.TrainingBatch,-20} batch {n.InferenceBatch}");
            string ours = r.EngineWidth is { } bits ? $"ours (Winograd, {bits}-bit)" : "ours (reference path)";
            w.WriteLine($"  {ours,-26} {Cell(n.Training, n.TrainingGflops),-26} {Cell(n.Inference, n.InferenceGflops)}");
            if (n.ReferenceTraining != null && n.ReferenceInference != null)
                w.WriteLine($"  {"ours, reference (Conv2d)",-26} {Cell(n.ReferenceTraining, null),-26} {Cell(n.ReferenceInference, null)}");
            if (n.PyTorchTraining != null && n.PyTorchInference != null)
            {
                w.WriteLine($"  {"PyTorch",-26} {Cell(n.PyTorchTraining, n.PyTorchTrainingGflops),-26} {Cell(n.PyTorchInference, n.PyTorchInferenceGflops)}");
                w.WriteLine($"  {"ours / PyTorch",-26} {F(n.TrainingRatio!.Value, "0.00") + "x",-26} {F(n.InferenceRatio!.Value, "0.00")}x");
            }
            if (n.BFloat16 is { } b)
                w.WriteLine($"  {"ours, bfloat16 (option)",-26} {"",-26} {Cell(b.Inference, null)}; vs float32 on {F(b.Patches)} patches: " +
                            $"max |diff| {F(b.MaxAbsDifference, "0.0000")}, mean {F(b.MeanAbsDifference, "0.0000")} (predictions' SD {F(b.PredictionStandardDeviation, "0.0000")})");
        }
        if (r.Volume is { } v)
        {
            w.WriteLine();
            w.WriteLine($"volume     {v.Size[0]} x {v.Size[1]} x {v.Size[2]} x {v.Channels}, {F(v.MaskedVoxels)} voxels in the mask: " +
                        $"{F(v.MedianSeconds, "0.00")} s ({F(v.VoxelsPerSecond)} voxels/s; runs {string.Join(", ", v.Runs.Select(s => F(s, "0.00")))} s); synthesised in {F(v.SynthesisSeconds, "0.00")} s");
        }
        w.WriteLine($"memory     peak working set {F(r.PeakWorkingSetBytes / 1e6)} MB");
        w.WriteLine($"time       {F(r.TotalSeconds, "0")} s");
        w.WriteLine("GFLOP/s    ours: executed Winograd multiply-adds (x2; training x3); PyTorch: a direct 3x3 convolution's 49 taps per channel pair");
        foreach (var note in r.Notes) w.WriteLine($"note       {note}");
    }

    static string Cell(Throughput t, double? gflops) =>
        $"{F(t.Median)} ({F(t.Runs.Min())}-{F(t.Runs.Max())})" + (gflops is double g ? $" {F(g, "0")} GF/s" : "");
}
