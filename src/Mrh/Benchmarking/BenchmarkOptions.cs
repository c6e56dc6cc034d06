namespace Mrh.Benchmarking;

/// <summary>What <see cref="NetworkBenchmark"/> measures and how often.</summary>
public sealed record BenchmarkOptions
{
    /// <summary>Timed runs per measurement (after one untimed warm-up run); medians are reported.</summary>
    public int Runs { get; init; } = 5;
    /// <summary>Only the quick preset's network and volume (skip the paper's network).</summary>
    public bool QuickOnly { get; init; }
    /// <summary>Worker threads for our engine and libtorch (0: one per core); PyTorch gets the same.</summary>
    public int Threads { get; init; }
    /// <summary>Mini-batch size of a training step (the paper's 128).</summary>
    public int TrainingBatch { get; init; } = 128;
    /// <summary>Patches per inference call (the prediction default 4096).</summary>
    public int InferenceBatch { get; init; } = 4096;
    /// <summary>Minimum seconds one timed training or inference run should last (more steps for faster networks).</summary>
    public double SecondsPerRun { get; init; } = 1.0;
    /// <summary>Also time the reference path (libtorch Conv2d and autograd).</summary>
    public bool Reference { get; init; }
    /// <summary>Also time bfloat16 inference and measure how far its predictions are from float32's.</summary>
    public bool BFloat16 { get; init; }
    /// <summary>Also time whole-volume prediction on a synthetic quick-sized volume.</summary>
    public bool Volume { get; init; } = true;
    /// <summary>Size of that volume (x, y, z): the quick preset's animals are about 100 x 65 x 130.</summary>
    public int[] VolumeSize { get; init; } = [100, 65, 130];
    /// <summary>Run PyTorch side by side (see <see cref="PyTorchWorker"/>); null: do not.</summary>
    public PyTorchSettings? PyTorch { get; init; }
    /// <summary>Seed of the random weights and patches.</summary>
    public long Seed { get; init; } = 1;

    public void Validate()
    {
        if (Runs < 1 || Runs > 1000) throw new MrhException($"runs must be 1..1000 (got {Runs})");
        if (Threads < 0 || Threads > 1024) throw new MrhException($"threads must be 0..1024 (got {Threads})");
        if (TrainingBatch < 1 || TrainingBatch > 1 << 16) throw new MrhException($"training batch must be 1..65536 (got {TrainingBatch})");
        if (InferenceBatch < 1 || InferenceBatch > 1 << 20) throw new MrhException($"inference batch must be 1..1048576 (got {InferenceBatch})");
        if (!(SecondsPerRun > 0) || SecondsPerRun > 600) throw new MrhException($"seconds per run must be in (0, 600] (got {SecondsPerRun})");
        if (VolumeSize.Length != 3 || VolumeSize.Any(s => s < 3 || s > 2000)) throw new MrhException("volume size must be three sizes of 3..2000");
    }
}

/// <summary>Where the PyTorch comparison script and its interpreter are.</summary>
public sealed record PyTorchSettings(string Python, string Script);
