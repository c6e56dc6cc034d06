using System.Text;

namespace Mrh.Notebooks.Execution;

/// <summary>
/// Captures <see cref="Console.Out"/> and <see cref="Console.Error"/> into the outputs of the cell that is running.
/// The console writers are process-wide, so this installs (once, and again if replaced) writers that send text to the cell
/// attached to the writing execution flow (<see cref="CellScope"/>) and everything else to the original console.
/// Text written by native code (e.g. libtorch) to the file descriptors directly is not captured.
/// </summary>
internal static class ConsoleCapture
{
    static readonly Lock Gate = new();
    static TextWriter? _installedOut, _installedError;

    /// <summary>
    /// Installs the routing writers, or installs them again around whatever replaced them since (someone else's
    /// <see cref="Console.SetOut"/>), so that cell output is captured in either case.
    /// </summary>
    public static void EnsureInstalled()
    {
        lock (Gate)
        {
            if (!ReferenceEquals(Console.Out, _installedOut))
            {
                Console.SetOut(new RoutingWriter(Console.Out, "stdout"));
                _installedOut = Console.Out;
            }
            if (!ReferenceEquals(Console.Error, _installedError))
            {
                Console.SetError(new RoutingWriter(Console.Error, "stderr"));
                _installedError = Console.Error;
            }
        }
    }

    sealed class RoutingWriter(TextWriter original, string stream) : TextWriter
    {
        public override Encoding Encoding => original.Encoding;

        public override void Write(char value)
        {
            if (CellScope.Current is { } scope) scope.Sink.Write(stream, value.ToString());
            else original.Write(value);
        }

        public override void Write(string? value)
        {
            if (value is null) return;
            if (CellScope.Current is { } scope) scope.Sink.Write(stream, value);
            else original.Write(value);
        }

        public override void Write(char[] buffer, int index, int count) => Write(new string(buffer, index, count));

        public override void WriteLine(string? value) => Write((value ?? "") + new string(CoreNewLine));

        public override void WriteLine() => Write(new string(CoreNewLine));

        public override void Flush()
        {
            if (CellScope.Current is null) original.Flush();
        }
    }
}
