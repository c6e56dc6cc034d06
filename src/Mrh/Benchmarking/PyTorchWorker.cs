using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Mrh.Model;

namespace Mrh.Benchmarking;

/// <summary>
/// The PyTorch side of the comparison: a long-lived Python process running
/// <c>benchmarks/pytorch_mrh_bench.py</c> (the same network in plain PyTorch), which times training steps
/// and inference batches on command, so that the two are measured alternately in one run under the same
/// load. Only the benchmark uses Python; the product never does.
/// </summary>
public sealed class PyTorchWorker : IDisposable
{
    readonly Process _process;
    readonly Queue<string> _stderr;
    bool _disposed;

    PyTorchWorker(Process process, Queue<string> stderr, string version, int threads)
    {
        _process = process;
        _stderr = stderr;
        Version = version;
        Threads = threads;
    }

    /// <summary>PyTorch's version as the script reports it.</summary>
    public string Version { get; }
    /// <summary>PyTorch's intra-op threads.</summary>
    public int Threads { get; }

    /// <summary>
    /// Starts the script for one network; throws <see cref="MrhException"/> saying why PyTorch is
    /// unavailable (no interpreter, no torch module, no script, a crash).
    /// </summary>
    public static PyTorchWorker Start(PyTorchSettings settings, NetworkConfig config, int threads, int trainingBatch, int inferenceBatch, long seed,
        TimeSpan? startTimeout = null, string device = "cpu")
    {
        if (!File.Exists(settings.Script)) throw new MrhException($"PyTorch comparison unavailable: no script at {settings.Script}");
        var info = new ProcessStartInfo(settings.Python)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in new[]
        {
            settings.Script, "--channels", I(config.InputChannels), "--blocks", I(config.Blocks), "--width", I(config.Width),
            "--threads", I(threads), "--train-batch", I(trainingBatch), "--infer-batch", I(inferenceBatch), "--seed", I(seed),
            "--pool", I(Math.Max(4096, trainingBatch * 8)), "--device", device,
        }) info.ArgumentList.Add(a);
        info.Environment["OMP_NUM_THREADS"] = I(threads);
        Process process;
        try
        {
            process = Process.Start(info) ?? throw new MrhException($"PyTorch comparison unavailable: could not start {settings.Python}");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new MrhException($"PyTorch comparison unavailable: cannot run {settings.Python} ({e.Message})");
        }
        var stderr = new Queue<string>();
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is null) return;
            lock (stderr) { stderr.Enqueue(e.Data); while (stderr.Count > 20) stderr.Dequeue(); }
        };
        process.BeginErrorReadLine();
        try
        {
            var ready = ReadJson(process, stderr, startTimeout ?? TimeSpan.FromMinutes(5), "start");
            return new PyTorchWorker(process, stderr, ready.GetProperty("torch").GetString() ?? "?", ready.GetProperty("threads").GetInt32());
        }
        catch
        {
            Kill(process);
            throw;
        }
    }

    /// <summary>Seconds for <paramref name="steps"/> training steps.</summary>
    public double Train(int steps) => Command("train", steps);

    /// <summary>Seconds for <paramref name="batches"/> inference batches.</summary>
    public double Infer(int batches) => Command("infer", batches);

    /// <summary>
    /// Seconds for <paramref name="n"/> training steps or inference batches (<paramref name="what"/>: train or infer) of
    /// <paramref name="batch"/> patches at <paramref name="precision"/> (fp32, tf32, bf16) in <paramref name="form"/>
    /// (conv: nn.Conv2d; dense: the dense-matrix form).
    /// </summary>
    public double Time(string what, int n, int batch, string precision, string form) =>
        Command(what, n, $" {I(batch)} {precision} {form}");

    double Command(string what, int n, string extra = "")
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        _process.StandardInput.WriteLine($"{what} {n}{extra}");
        _process.StandardInput.Flush();
        var reply = ReadJson(_process, _stderr, TimeSpan.FromHours(1), what);
        if (reply.TryGetProperty("error", out var error)) throw new MrhException($"PyTorch comparison: {error.GetString()}");
        return reply.GetProperty("seconds").GetDouble();
    }

    static JsonElement ReadJson(Process process, Queue<string> stderr, TimeSpan timeout, string what)
    {
        var line = process.StandardOutput.ReadLineAsync();
        if (!line.Wait(timeout)) throw new MrhException($"PyTorch comparison: no answer to '{what}' within {timeout.TotalSeconds:0} s");
        if (line.Result is null)
        {
            process.WaitForExit(5000);
            string last;
            lock (stderr) last = stderr.LastOrDefault(l => l.Trim().Length > 0) ?? "no message";
            throw new MrhException($"PyTorch comparison unavailable: the script stopped ({last.Trim()})");
        }
        try
        {
            using var doc = JsonDocument.Parse(line.Result);
            return doc.RootElement.Clone();
        }
        catch (JsonException)
        {
            throw new MrhException($"PyTorch comparison: unexpected output '{line.Result}'");
        }
    }

    static string I(long v) => v.ToString(CultureInfo.InvariantCulture);

    static void Kill(Process p)
    {
        try { if (!p.HasExited) p.Kill(); } catch (InvalidOperationException) { }
        p.Dispose();
    }

    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        try
        {
            if (!_process.HasExited)
            {
                _process.StandardInput.WriteLine("quit");
                _process.StandardInput.Flush();
                if (!_process.WaitForExit(10_000)) _process.Kill();
            }
        }
        catch (Exception e) when (e is IOException or InvalidOperationException) { }
        _process.Dispose();
    }

    /// <summary>
    /// The comparison script next to the sources: <paramref name="explicitPath"/> if given, else
    /// benchmarks/pytorch_mrh_bench.py in the current folder or a parent of it or of the program's folder.
    /// </summary>
    public static string? FindScript(string? explicitPath = null)
    {
        if (explicitPath != null) return explicitPath;
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
            for (var dir = new DirectoryInfo(start); dir != null; dir = dir.Parent)
            {
                string candidate = Path.Combine(dir.FullName, "benchmarks", "pytorch_mrh_bench.py");
                if (File.Exists(candidate)) return candidate;
            }
        return null;
    }
}
