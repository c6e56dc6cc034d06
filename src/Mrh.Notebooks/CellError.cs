namespace Mrh.Notebooks;

/// <summary>Why a cell failed.</summary>
public enum CellErrorKind
{
    /// <summary>A directive could not be honoured (unknown package, missing dll, unsupported magic or kernel).</summary>
    Directive,
    /// <summary>The code did not compile.</summary>
    Compilation,
    /// <summary>The code threw an exception.</summary>
    Exception,
    /// <summary>The cell ran out of time (cell or notebook timeout).</summary>
    Timeout,
    /// <summary>The run was cancelled by the caller.</summary>
    Cancelled,
}

/// <summary>
/// A cell's failure: which cell (as the user finds it in the notebook file), which line of the cell, what kind,
/// the error's name and its message.
/// </summary>
/// <param name="Cell">"cell 5" (1-based position among all cells of the notebook file) or "the injected-parameters cell"</param>
/// <param name="Line">1-based line in the cell, when known</param>
/// <param name="Kind">what went wrong</param>
/// <param name="Name">exception type or error code, e.g. "InvalidOperationException", "CS0103"</param>
/// <param name="Message">the message</param>
public sealed record CellError(string Cell, int? Line, CellErrorKind Kind, string Name, string Message)
{
    /// <summary>"cell 5, line 3: InvalidOperationException: boom" (one line).</summary>
    public override string ToString() =>
        $"{Cell}{(Line is int l ? $", line {l}" : "")}: {Name}: {OneLine(Message)}";

    static string OneLine(string s) => string.Join(' ', s.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
}
