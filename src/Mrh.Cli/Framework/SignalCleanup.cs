using System.Runtime.InteropServices;
using Mrh.IO;

namespace Mrh.Cli.Framework;

/// <summary>What `mrh` does on SIGINT / SIGTERM before it ends: deletes the temporary files it is writing.</summary>
static class SignalCleanup
{
    public static void OnSignal(PosixSignalContext context)
    {
        // the runtime's default handling ends the process with Environment.ExitCode: make it say "killed by a signal"
        Environment.ExitCode = context.Signal == PosixSignal.SIGINT ? 130 : 143;
        int removed = AtomicFile.DeletePending();
        Console.Error.WriteLine($"mrh: {(context.Signal == PosixSignal.SIGINT ? "interrupted" : "terminated")}" +
                                (removed > 0 ? $"; removed {removed} unfinished file{(removed == 1 ? "" : "s")}" : ""));
    }
}
