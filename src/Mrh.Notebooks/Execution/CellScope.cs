using Mrh.Notebooks.Formatting;

namespace Mrh.Notebooks.Execution;

/// <summary>
/// What code running in a cell is attached to: where its outputs go, how values are formatted, and whether it has
/// been asked to stop. It flows with the execution context (threads, tasks and awaits started by the cell), so that
/// several notebooks can run at once in one process without mixing their outputs.
/// </summary>
internal sealed class CellScope(CellOutputSink sink, ValueFormatter formatter, string cellLabel)
{
    static readonly AsyncLocal<CellScope?> Ambient = new();

    public CellOutputSink Sink { get; } = sink;
    public ValueFormatter Formatter { get; } = formatter;
    public string CellLabel { get; } = cellLabel;

    volatile bool _stopRequested;
    public bool StopRequested => _stopRequested;
    public void RequestStop()
    {
        if (_stopRequested) return;
        _stopRequested = true;
        Kernel.CellGuard.StopRequested();
    }

    /// <summary>The scope of the code running now, or null outside notebook cells.</summary>
    public static CellScope? Current => Ambient.Value;

    /// <summary>Attaches the calling execution flow to <paramref name="scope"/> (or detaches it with null).</summary>
    public static void Enter(CellScope? scope) => Ambient.Value = scope;
}
