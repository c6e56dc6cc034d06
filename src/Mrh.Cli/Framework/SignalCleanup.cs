using System.Runtime.InteropServices;
using Mrh.IO;

namespace Mrh.Cli.Framework;

/// <summary>What `mrh` does on SIGINT / SIGTERM before it ends: deletes the temporary files it is writing.</summary>
static class SignalCleanup
{
    // 128 + the signal once one has come (130 SIGINT, 143 SIGTERM), 0 before; set before the cleanup starts
    static int _code;
    static readonly ManualResetEventSlim CleanedUp = new(false);

    public static void OnSignal(PosixSignalContext context)
    {
        int code = context.Signal == PosixSignal.SIGINT ? 130 : 143;
        if (Interlocked.CompareExchange(ref _code, code, 0) != 0) return; // a second signal: the runtime's default ends the process
        try
        {
            // the runtime's default handling ends the process with Environment.ExitCode: make it say "killed by a signal"
            Environment.ExitCode = code;
            int removed = AtomicFile.EndWrites(); // and no new file: the command goes on until the process ends
            Console.Error.WriteLine($"mrh: {(context.Signal == PosixSignal.SIGINT ? "interrupted" : "terminated")}" +
                                    (removed > 0 ? $"; removed {removed} unfinished file{(removed == 1 ? "" : "s")}" : ""));
        }
        finally
        {
            CleanedUp.Set();
        }
    }

    /// <summary>
    /// What `mrh` exits with: the command's code, or, when a signal came, the signal's once the handler has
    /// cleaned up. The command goes on while the handler runs and may end first (with the error "cancelled"
    /// once <see cref="AtomicFile.EndWrites"/> refuses its next file): returning its code then would end the
    /// process before the cleanup, with 1 instead of 130 / 143.
    /// </summary>
    public static int ExitCode(int commandCode)
    {
        if (Volatile.Read(ref _code) == 0) return commandCode;
        CleanedUp.Wait(TimeSpan.FromSeconds(30));
        return _code;
    }
}
