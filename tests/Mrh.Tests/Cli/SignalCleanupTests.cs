using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;
using Mrh.Imaging;
using Mrh.IO;
using Mrh.Tests.Notebooks;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace Mrh.Tests.Cli;

/// <summary>
/// Issue 17, defect 3, end to end: a real `mrh phantom` process gets a real signal while it is writing a file.
/// SIGINT / SIGTERM must leave no temporary file and no half-written output (the handler in Program.cs deletes
/// what is being written); after SIGKILL, which no handler sees, the next run in that folder removes the
/// temporary file left behind and completes.
/// </summary>
/// <remarks>
/// A write lasts a fraction of a second, so catching one by polling alone would be a race. Instead, when a
/// temporary file appears the test stops the whole process with SIGSTOP, checks that every thread is stopped
/// and that the temporary file is still there (the write is certainly unfinished), and only then sends the
/// signal under test (and SIGCONT): the signal is known to arrive during a write, however slow the machine.
/// Runs alone: it starts CPU-heavy processes and times them.
/// </remarks>
[Collection(nameof(CurrentDirectoryCollection))]
public sealed class SignalCleanupTests : IDisposable
{
    // Linux's numbers (x64 and arm64): SIGSTOP / SIGCONT differ on macOS, hence the Linux-only attributes below
    const int SIGINT = 2, SIGKILL = 9, SIGTERM = 15, SIGCONT = 18, SIGSTOP = 19;
    static readonly TimeSpan Patience = TimeSpan.FromMinutes(2);

    readonly string _dir = Path.Combine(Path.GetTempPath(), "mrh-signal-" + Guid.NewGuid().ToString("N"));
    readonly ITestOutputHelper _log;

    public SignalCleanupTests(ITestOutputHelper log)
    {
        _log = log;
        Directory.CreateDirectory(_dir);
    }

    public void Dispose()
    {
        if (Directory.Exists(_dir)) Directory.Delete(_dir, true);
    }

    string OutDir => Path.Combine(_dir, "phantom");

    // The smoke grid's training MRI as gzipped NIfTI: each mri.nii.gz takes ~0.1-0.2 s to write, a few seconds
    // in all; --no-cache so the run generates (and writes) everything itself and touches no shared cache.
    string[] Phantom() =>
        ["phantom", "--preset", "smoke", "--cohorts", "mri-train", "--format", "nifti", "--no-cache", "--out", OutDir];

    [LinuxSignalTheory]
    [SignalData(SIGTERM, 143, "mrh: terminated")]
    [SignalData(SIGINT, 130, "mrh: interrupted")]
    public void ASignalDuringAWriteLeavesNoTemporaryFileAndNoHalfWrittenOutput(int signal, int exitCode, string message)
    {
        using var mrh = MrhProcess.Start(Phantom());
        string temp = mrh.StopWhileWriting(OutDir);

        Send(mrh.Id, signal); // pending while the process is stopped: it arrives with the write unfinished
        Send(mrh.Id, SIGCONT);
        mrh.WaitForExit();
        _log.WriteLine($"stopped while writing {Path.GetRelativePath(OutDir, temp)}; exit {mrh.ExitCode}; stderr:\n{mrh.Error}");

        Assert.True(exitCode == mrh.ExitCode, $"exit code {mrh.ExitCode}, expected {exitCode}; stderr:\n{mrh.Error}");
        Assert.Contains(message, mrh.Error);
        Assert.DoesNotContain("   at ", mrh.Error); // no stack trace
        Assert.DoesNotContain("internal error", mrh.Error);
        Assert.False(File.Exists(temp), $"{temp} was left behind; stderr:\n{mrh.Error}");
        Assert.Empty(TemporaryFiles(OutDir));
        // the run was cut short: no manifest, and whatever final file exists is complete
        Assert.False(File.Exists(Path.Combine(OutDir, "phantom.json")));
        AssertComplete(OutDir);
    }

    [LinuxSignalFact]
    public void ALaterRunRemovesTheTemporaryFileThatSigkillLeft()
    {
        string temp;
        using (var killed = MrhProcess.Start(Phantom()))
        {
            temp = killed.StopWhileWriting(OutDir);
            Send(killed.Id, SIGKILL); // no handler runs: this is how a temporary file is left behind
            killed.WaitForExit();
            _log.WriteLine($"stopped while writing {Path.GetRelativePath(OutDir, temp)}; SIGKILL: exit {killed.ExitCode}");
            Assert.Equal(128 + SIGKILL, killed.ExitCode);
        }
        Assert.True(File.Exists(temp), $"{temp}: SIGKILL runs no handler, so the temporary file should still be there");

        using var again = MrhProcess.Start(Phantom());
        again.WaitForExit();
        Assert.True(again.ExitCode == 0, $"the second run exited {again.ExitCode}; stderr:\n{again.Error}");
        Assert.False(File.Exists(temp), $"the second run left the killed run's {temp}");
        Assert.Empty(TemporaryFiles(OutDir));
        string manifest = File.ReadAllText(Path.Combine(OutDir, "phantom.json"));
        string final = FinalName(temp);
        Assert.Contains(Path.GetRelativePath(OutDir, final).Replace('\\', '/'), manifest);
        AssertComplete(OutDir);
    }

    /// <summary>Our temporary files (".NAME.mrh-PID-ID.tmp") and any other *.tmp under <paramref name="dir"/>.</summary>
    static string[] TemporaryFiles(string dir) =>
        Directory.Exists(dir)
            ? Directory.EnumerateFiles(dir, "*", SearchOption.AllDirectories)
                .Where(f => AtomicFile.IsTemporaryName(Path.GetFileName(f)) || f.EndsWith(".tmp", StringComparison.Ordinal)).ToArray()
            : [];

    /// <summary>The file a temporary file becomes: ".NAME.mrh-PID-ID.tmp" → "NAME".</summary>
    static string FinalName(string temp)
    {
        string name = Path.GetFileName(temp);
        return Path.Combine(Path.GetDirectoryName(temp)!, name[1..name.LastIndexOf(".mrh-", StringComparison.Ordinal)]);
    }

    /// <summary>Every volume under <paramref name="dir"/> reads back whole (a cut gzip stream or short data would throw).</summary>
    static void AssertComplete(string dir)
    {
        foreach (var file in Directory.EnumerateFiles(dir, "*", SearchOption.AllDirectories))
        {
            if (!VolumeFile.IsSupported(file)) continue;
            var v = VolumeFile.Read(file);
            Assert.True(v.NX > 0 && v.NY > 0 && v.NZ > 0, file);
        }
    }

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    static extern int SysKill(int pid, int signal);

    static void Send(int pid, int signal) =>
        Assert.True(SysKill(pid, signal) == 0, $"kill({pid}, {signal}) failed: errno {Marshal.GetLastPInvokeError()}");

    /// <summary>`dotnet mrh.dll ARGS` as a child process (the host runs the app in its own process: its id is mrh's).</summary>
    sealed class MrhProcess : IDisposable
    {
        readonly Process _p;
        readonly StringBuilder _err = new();

        MrhProcess(Process p) => _p = p;

        public int Id => _p.Id;
        public int ExitCode => _p.ExitCode;
        public string Error
        {
            get { lock (_err) return _err.ToString(); }
        }

        public static MrhProcess Start(string[] args)
        {
            string dll = Path.Combine(AppContext.BaseDirectory, "mrh.dll");
            Assert.True(File.Exists(dll), $"{dll} is built with the tests");
            var psi = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            psi.ArgumentList.Add(dll);
            foreach (var a in args) psi.ArgumentList.Add(a);
            var p = Process.Start(psi)!;
            var m = new MrhProcess(p);
            p.ErrorDataReceived += (_, e) =>
            {
                if (e.Data is not null) lock (m._err) m._err.AppendLine(e.Data);
            };
            p.OutputDataReceived += (_, _) => { };
            p.BeginErrorReadLine();
            p.BeginOutputReadLine();
            return m;
        }

        /// <summary>
        /// Waits for one of our temporary files to appear under <paramref name="dir"/>, then stops the process
        /// (SIGSTOP) and returns the file if it is still there once every thread has stopped; otherwise (it was
        /// renamed in between) lets the process go on (SIGCONT) and waits for the next. On return the process is
        /// stopped in the middle of writing the returned file.
        /// </summary>
        public string StopWhileWriting(string dir)
        {
            var clock = Stopwatch.StartNew();
            int misses = 0;
            while (clock.Elapsed < Patience)
            {
                if (_p.HasExited) Assert.Fail($"mrh exited ({_p.ExitCode}) before a temporary file was seen; stderr:\n{Error}");
                var seen = TemporaryFiles(dir);
                if (seen.Length == 0)
                {
                    Thread.Sleep(1);
                    continue;
                }
                Send(Id, SIGSTOP);
                WaitUntilStopped();
                var still = seen.FirstOrDefault(File.Exists);
                if (still is not null) return still;
                misses++;
                Send(Id, SIGCONT);
            }
            Assert.Fail($"no temporary file of mrh's stayed long enough to stop the process in {Patience} ({misses} renamed first); stderr:\n{Error}");
            return "";
        }

        /// <summary>Until every thread of the process is in the stopped state ('T' in /proc/PID/task/TID/stat).</summary>
        void WaitUntilStopped()
        {
            var clock = Stopwatch.StartNew();
            while (true)
            {
                bool all = true;
                foreach (var task in Directory.EnumerateDirectories($"/proc/{Id}/task"))
                {
                    string stat;
                    try { stat = File.ReadAllText(Path.Combine(task, "stat")); }
                    catch (IOException) { continue; } // the thread ended meanwhile
                    char state = stat[(stat.LastIndexOf(')') + 2)..].TrimStart()[0];
                    if (state is not ('T' or 'Z' or 'X')) { all = false; break; }
                }
                if (all) return;
                Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), $"mrh (pid {Id}) did not stop after SIGSTOP");
                Thread.Sleep(1);
            }
        }

        /// <summary>Waits (bounded) for the process to end and for its standard error to be read to the end.</summary>
        public void WaitForExit()
        {
            if (!_p.WaitForExit(Patience))
            {
                try { _p.Kill(entireProcessTree: true); } catch (InvalidOperationException) { }
                Assert.Fail($"mrh (pid {Id}) did not exit within {Patience}; stderr:\n{Error}");
            }
            _p.WaitForExit(); // flushes the asynchronous reads
        }

        public void Dispose()
        {
            try
            {
                if (!_p.HasExited)
                {
                    SysKill(Id, SIGCONT);
                    _p.Kill(entireProcessTree: true);
                    _p.WaitForExit();
                }
            }
            catch (InvalidOperationException) { }
            _p.Dispose();
        }
    }
}

/// <summary>
/// One signal to send, as theory data; skipped (visibly) where this process ignores it: a child inherits an
/// ignored signal and, like any program, keeps ignoring it (SIGINT when the tests run in the background of a
/// non-interactive shell).
/// </summary>
sealed class SignalDataAttribute : DataAttribute
{
    readonly object[] _row;

    public SignalDataAttribute(int signal, int exitCode, string message)
    {
        _row = [signal, exitCode, message];
        if (OperatingSystem.IsLinux() && IgnoredHere(signal))
            Skip = $"signal {signal} is ignored in this process (and so in the mrh it starts)";
    }

    public override IEnumerable<object[]> GetData(System.Reflection.MethodInfo testMethod) => [_row];

    static bool IgnoredHere(int signal)
    {
        var line = File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith("SigIgn:", StringComparison.Ordinal));
        return line is not null && (Convert.ToUInt64(line["SigIgn:".Length..].Trim(), 16) & (1UL << (signal - 1))) != 0;
    }
}

/// <summary>A fact that sends Linux signals: reported as skipped elsewhere (visibly, with the reason).</summary>
public sealed class LinuxSignalFactAttribute : FactAttribute
{
    public LinuxSignalFactAttribute()
    {
        if (!OperatingSystem.IsLinux()) Skip = "Linux only (sends POSIX signals with Linux's signal numbers)";
    }
}

/// <summary>A theory that sends Linux signals: reported as skipped elsewhere (visibly, with the reason).</summary>
public sealed class LinuxSignalTheoryAttribute : TheoryAttribute
{
    public LinuxSignalTheoryAttribute()
    {
        if (!OperatingSystem.IsLinux()) Skip = "Linux only (sends POSIX signals with Linux's signal numbers)";
    }
}
