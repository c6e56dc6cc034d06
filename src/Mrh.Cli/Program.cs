using System.Runtime.InteropServices;
using Mrh.Cli.Commands;
using Mrh.Cli.Framework;

// SIGINT / SIGTERM end the process; first remove the temporary files it is writing (no later run would know
// them as ours until their process is gone; see Mrh.IO.AtomicFile), then let the default handling end it.
using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, SignalCleanup.OnSignal);
using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, SignalCleanup.OnSignal);
return SignalCleanup.ExitCode(new CommandLine(CommandList.All()).Run(args, CliContext.ForConsole()));
