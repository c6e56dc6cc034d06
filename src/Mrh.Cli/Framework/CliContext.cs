namespace Mrh.Cli.Framework;

/// <summary>Where a command writes: results to <see cref="Out"/>, progress and errors to <see cref="Error"/>.</summary>
public sealed class CliContext(TextWriter output, TextWriter error, bool errorIsTerminal)
{
    public TextWriter Out { get; } = output;
    public TextWriter Error { get; } = error;
    public bool ErrorIsTerminal { get; } = errorIsTerminal;

    public static CliContext ForConsole() => new(Console.Out, Console.Error, !Console.IsErrorRedirected);

    /// <summary>A progress bar on standard error (redrawn in place on a terminal, a few lines otherwise).</summary>
    public ProgressBar Progress(string label, long total) => new(Error, label, total, ErrorIsTerminal);
}
