using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading.Channels;

namespace Mrh.Notebooks.Execution;

/// <summary>
/// One .NET Interactive kernel in its own process, spoken to over its stdio protocol: one command at a time, its
/// events read until the command succeeds or fails. A crash of the kernel (e.g. a stack overflow in a cell) ends only
/// this process. Disposing (and Ctrl-C or SIGTERM of this program) kills it and its children.
/// </summary>
internal sealed class KernelProcess : IDisposable
{
    const int StderrKeep = 16 * 1024;

    readonly Process _process;
    readonly Channel<KernelEvent> _events = Channel.CreateUnbounded<KernelEvent>(new UnboundedChannelOptions { SingleReader = true });
    readonly StringBuilder _stderr = new();
    readonly Task _stdoutPump, _stderrPump;
    readonly PosixSignalRegistration[] _signals;
    int _tokens;

    KernelProcess(Process process)
    {
        _process = process;
        _stdoutPump = Task.Run(PumpStdout);
        _stderrPump = Task.Run(PumpStderr);
        _signals =
        [
            PosixSignalRegistration.Create(PosixSignal.SIGINT, _ => Kill()),
            PosixSignalRegistration.Create(PosixSignal.SIGTERM, _ => Kill()),
        ];
    }

    /// <summary>The kernel's process id.</summary>
    public int Id => _process.Id;

    /// <summary>Starts the kernel; throws <see cref="KernelException"/> when it cannot be started.</summary>
    public static KernelProcess Start(ProcessStartInfo info)
    {
        try
        {
            var p = Process.Start(info) ?? throw new KernelException($"{info.FileName} did not start");
            p.StandardInput.AutoFlush = true;
            return new KernelProcess(p);
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new KernelException($"cannot start {info.FileName}: {e.Message}");
        }
    }

    /// <summary>
    /// Waits for <c>KernelReady</c>. Returns null when ready, else why not (the process ended: its exit code and the end
    /// of its standard error).
    /// </summary>
    public async Task<string?> WaitReadyAsync(CancellationToken cancel)
    {
        while (await _events.Reader.WaitToReadAsync(cancel).ConfigureAwait(false))
            while (_events.Reader.TryRead(out var e))
                if (e.Type == "KernelReady") return null;
        return await ExitReportAsync().ConfigureAwait(false);
    }

    /// <summary>
    /// Submits <paramref name="code"/> to the kernel named <paramref name="kernelName"/> and hands every event to
    /// <paramref name="onEvent"/> until the command ends. Returns its last event (<c>CommandSucceeded</c> or
    /// <c>CommandFailed</c>), or null when the kernel process ended first.
    /// </summary>
    public async Task<KernelEvent?> SubmitAsync(string code, string kernelName, Action<KernelEvent> onEvent, CancellationToken cancel)
    {
        string token = $"mrh-{++_tokens}";
        var envelope = new JsonObject
        {
            ["commandType"] = "SubmitCode",
            ["command"] = new JsonObject { ["code"] = code, ["targetKernelName"] = kernelName },
            ["token"] = token,
        };
        try { await _process.StandardInput.WriteLineAsync(envelope.ToJsonString().AsMemory(), cancel).ConfigureAwait(false); }
        catch (IOException) { return null; } // the kernel is gone; the caller asks why
        while (await _events.Reader.WaitToReadAsync(cancel).ConfigureAwait(false))
        {
            while (_events.Reader.TryRead(out var e))
            {
                if (e.Token == token && e.Type is "CommandSucceeded" or "CommandFailed") return e;
                onEvent(e);
            }
        }
        return null;
    }

    /// <summary>Why the process ended: "exit code 134 (SIGABRT): Stack overflow. ..." with the end of its standard error.</summary>
    public async Task<string> ExitReportAsync()
    {
        try { await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10)).ConfigureAwait(false); }
        catch (TimeoutException) { return "its output ended but the process did not exit"; }
        await Task.WhenAny(_stderrPump, Task.Delay(2000)).ConfigureAwait(false);
        int code = _process.ExitCode;
        string signal = code switch { 134 => " (SIGABRT)", 137 => " (SIGKILL)", 139 => " (SIGSEGV)", 143 => " (SIGTERM)", _ => "" };
        string said;
        lock (_stderr) said = Summarise(_stderr.ToString());
        return $"the kernel process ended with exit code {code}{signal}" + (said.Length > 0 ? $": {said}" : "");
    }

    /// <summary>
    /// The kernel's standard error in one line: a .NET crash prints "Stack overflow." and the repeated frames; keep the
    /// first line and the frames that say where.
    /// </summary>
    static string Summarise(string stderr)
    {
        var lines = stderr.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Where(l => !l.StartsWith("----", StringComparison.Ordinal)).ToList();
        if (lines.Count == 0) return "";
        var keep = lines.Take(4).ToList();
        return KernelTool.Last(string.Join(" | ", keep), 600);
    }

    /// <summary>Kills the kernel and its children (idempotent).</summary>
    public void Kill()
    {
        try { if (!_process.HasExited) _process.Kill(entireProcessTree: true); }
        catch (InvalidOperationException) { } // not started or already gone
        catch (System.ComponentModel.Win32Exception) { }
    }

    async Task PumpStdout()
    {
        try
        {
            while (await _process.StandardOutput.ReadLineAsync().ConfigureAwait(false) is { } line)
                if (KernelEvent.Parse(line) is { } e) _events.Writer.TryWrite(e);
        }
        catch (IOException) { }
        catch (ObjectDisposedException) { }
        finally { _events.Writer.TryComplete(); }
    }

    async Task PumpStderr()
    {
        var buffer = new char[4096];
        try
        {
            int n;
            while ((n = await _process.StandardError.ReadAsync(buffer).ConfigureAwait(false)) > 0)
                lock (_stderr)
                {
                    // keep the beginning (a crash's first lines say what happened) and stop growing after that
                    if (_stderr.Length < StderrKeep) _stderr.Append(buffer, 0, Math.Min(n, StderrKeep - _stderr.Length));
                }
        }
        catch (IOException) { }
        catch (ObjectDisposedException) { }
    }

    public void Dispose()
    {
        foreach (var s in _signals) s.Dispose();
        Kill();
        try { _process.WaitForExit(5000); } catch (InvalidOperationException) { }
        _process.Dispose();
    }
}

/// <summary>The kernel could not be started or used.</summary>
internal sealed class KernelException(string message) : Exception(message);
