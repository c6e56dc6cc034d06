namespace Mrh.Notebooks;

/// <summary>Why a cell failed.</summary>
public enum CellErrorKind
{
    /// <summary>The code did not compile (the kernel's compiler diagnostics).</summary>
    Compilation,
    /// <summary>The code threw an exception.</summary>
    Exception,
    /// <summary>The kernel refused the cell for another reason (a failed <c>#r</c>, an unknown magic command, ...).</summary>
    Kernel,
    /// <summary>The kernel process did not start, or ended while the cell ran (a crash, e.g. a stack overflow).</summary>
    KernelExited,
    /// <summary>The cell ran out of time (cell or notebook timeout); its kernel was killed.</summary>
    Timeout,
    /// <summary>The run was cancelled by the caller; its kernel was killed.</summary>
    Cancelled,
}

/// <summary>
/// A cell's failure: which cell (as the user finds it in the notebook file), which line of the cell (when the kernel
/// says), what kind, the error's name and its message.
/// </summary>
/// <param name="Cell">"cell 5" (1-based position among all cells of the notebook file) or "the injected-parameters cell"</param>
/// <param name="Line">1-based line in the cell, when known (compiler errors)</param>
/// <param name="Kind">what went wrong</param>
/// <param name="Name">exception type or error code, e.g. "InvalidOperationException", "CS0103"</param>
/// <param name="Message">the message</param>
public sealed record CellError(string Cell, int? Line, CellErrorKind Kind, string Name, string Message)
{
    /// <summary>"cell 5, line 3: CS0103: The name 'x' does not exist ..." (one line).</summary>
    public override string ToString() =>
        $"{Cell}{(Line is int l ? $", line {l}" : "")}: {Name}: {OneLine(Message)}";

    static string OneLine(string s) => string.Join(' ', s.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
}
