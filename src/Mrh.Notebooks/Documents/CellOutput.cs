using System.Text;

namespace Mrh.Notebooks.Documents;

/// <summary>One output of a code cell, as nbformat 4 has them (<c>output_type</c>).</summary>
public abstract class CellOutput
{
    /// <summary>nbformat's <c>output_type</c>: stream, display_data, execute_result or error.</summary>
    public abstract string OutputType { get; }
}

/// <summary>Text written to standard output or standard error (<c>output_type: stream</c>).</summary>
public sealed class StreamOutput : CellOutput
{
    readonly StringBuilder _text = new();

    /// <summary>A stream output with its first text.</summary>
    public StreamOutput(string name, string text)
    {
        if (name is not ("stdout" or "stderr")) throw new ArgumentException($"stream name must be stdout or stderr, got '{name}'", nameof(name));
        Name = name;
        _text.Append(text);
    }

    /// <inheritdoc />
    public override string OutputType => "stream";
    /// <summary>"stdout" or "stderr".</summary>
    public string Name { get; }
    /// <summary>All text written so far.</summary>
    public string Text => _text.ToString();
    internal void Append(string text) => _text.Append(text);
}

/// <summary>
/// A value shown with <c>display(x)</c> (<c>output_type: display_data</c>). Its data can be replaced later through
/// the displayed value's <c>Update</c>.
/// </summary>
public sealed class DisplayOutput(MimeBundle data, string? displayId) : CellOutput
{
    /// <inheritdoc />
    public override string OutputType => "display_data";
    /// <summary>The representations; replaced by an update.</summary>
    public MimeBundle Data { get; internal set; } = data;
    /// <summary>The display id that updates refer to (kept out of the saved notebook, as Jupyter does).</summary>
    public string? DisplayId { get; } = displayId;
    /// <summary>How many times the value was updated after it was first shown.</summary>
    public int Updates { get; internal set; }
}

/// <summary>The value of a cell's last expression (<c>output_type: execute_result</c>).</summary>
public sealed class ExecuteResultOutput(MimeBundle data, int executionCount) : CellOutput
{
    /// <inheritdoc />
    public override string OutputType => "execute_result";
    /// <summary>The representations of the value.</summary>
    public MimeBundle Data { get; } = data;
    /// <summary>The execution count of the cell that produced it.</summary>
    public int ExecutionCount { get; } = executionCount;
}

/// <summary>A failure (<c>output_type: error</c>): exception name, message and traceback lines.</summary>
public sealed class ErrorOutput(string name, string value, IReadOnlyList<string> traceback) : CellOutput
{
    /// <inheritdoc />
    public override string OutputType => "error";
    /// <summary>nbformat's <c>ename</c>, e.g. the exception type.</summary>
    public string Name { get; } = name;
    /// <summary>nbformat's <c>evalue</c>, the message.</summary>
    public string Value { get; } = value;
    /// <summary>nbformat's <c>traceback</c>.</summary>
    public IReadOnlyList<string> Traceback { get; } = traceback;
}
