using System.Diagnostics;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Mrh.Notebooks.Documents;

namespace Mrh.Notebooks.Execution;

/// <summary>
/// Turns compilation diagnostics and exceptions into a <see cref="CellError"/> (with the line in the cell) and an
/// nbformat error output whose traceback names cells instead of the scripting engine's generated names.
/// </summary>
internal sealed class ErrorReport(IReadOnlyDictionary<string, string> cellLabelsByFilePath)
{
    /// <summary>A failure from the first compilation error, with all errors in the traceback.</summary>
    public (CellError, ErrorOutput) Compilation(string cell, IReadOnlyList<Diagnostic> errors)
    {
        var first = errors[0];
        int line = first.Location.GetLineSpan().StartLinePosition.Line + 1;
        var error = new CellError(cell, line, CellErrorKind.Compilation, first.Id, first.GetMessage());
        var traceback = new List<string> { error.ToString() };
        foreach (var d in errors)
        {
            var span = d.Location.GetLineSpan();
            traceback.Add($"  {Where(span.Path, cell)}, line {span.StartLinePosition.Line + 1}, column {span.StartLinePosition.Character + 1}: error {d.Id}: {d.GetMessage()}");
        }
        return (error, new ErrorOutput(first.Id, $"line {line}: {first.GetMessage()}", traceback));
    }

    /// <summary>A failure from an exception thrown by the cell's code.</summary>
    public (CellError, ErrorOutput) Exception(string cell, string cellFilePath, Exception thrown)
    {
        var e = Unwrap(thrown);
        var frames = new StackTrace(e, true).GetFrames();
        int? line = null;
        var lines = new List<string>();
        foreach (var f in frames)
        {
            var method = f.GetMethod();
            string? file = f.GetFileName();
            int fileLine = f.GetFileLineNumber();
            bool isCell = file != null && cellLabelsByFilePath.ContainsKey(file);
            if (isCell && line is null && file == cellFilePath && fileLine > 0) line = fileLine;
            if (method is null) continue;
            if (IsEngineFrame(method)) continue;
            string name = isCell ? CellMethodName(method) : $"{method.DeclaringType?.FullName}.{method.Name}";
            lines.Add(isCell && fileLine > 0 ? $"   at {name} in {cellLabelsByFilePath[file!]}, line {fileLine}" : $"   at {name}");
        }
        var error = new CellError(cell, line, CellErrorKind.Exception, e.GetType().Name, e.Message);
        var traceback = new List<string> { error.ToString() };
        traceback.AddRange(lines);
        return (error, new ErrorOutput(e.GetType().Name, e.Message, traceback));
    }

    /// <summary>A failure that is not about code (directive, timeout, cancellation).</summary>
    public static (CellError, ErrorOutput) Plain(string cell, int? line, CellErrorKind kind, string name, string message)
    {
        var error = new CellError(cell, line, kind, name, message);
        return (error, new ErrorOutput(name, message, [error.ToString()]));
    }

    string Where(string path, string fallback) => cellLabelsByFilePath.TryGetValue(path, out var label) ? label : fallback;

    static Exception Unwrap(Exception e)
    {
        while (true)
        {
            if (e is TargetInvocationException { InnerException: { } t }) e = t;
            else if (e is AggregateException { InnerExceptions.Count: 1 } a) e = a.InnerExceptions[0];
            else return e;
        }
    }

    /// <summary>Frames of the scripting engine and the async machinery, which say nothing to the notebook's author.</summary>
    static bool IsEngineFrame(MethodBase m)
    {
        string ns = m.DeclaringType?.Namespace ?? "";
        return ns.StartsWith("Microsoft.CodeAnalysis", StringComparison.Ordinal) ||
               ns.StartsWith("System.Runtime.CompilerServices", StringComparison.Ordinal) ||
               ns.StartsWith("System.Runtime.ExceptionServices", StringComparison.Ordinal) ||
               (m.DeclaringType?.Name.StartsWith("Submission#", StringComparison.Ordinal) == true && m.Name == "<Initialize>");
    }

    /// <summary>
    /// A readable name for a method compiled from a cell: "Submission#3.Square" -> "Square"; the cell's own top-level
    /// code (the state machine of "&lt;Initialize&gt;") -> "&lt;cell&gt;"; "&lt;F&gt;d__1.MoveNext" (async or iterator F) -> "F".
    /// </summary>
    static string CellMethodName(MethodBase m)
    {
        string type = m.DeclaringType?.Name ?? "";
        if (type.StartsWith("Submission#", StringComparison.Ordinal)) return m.Name == "<Initialize>" ? "<cell>" : m.Name;
        if (type.StartsWith('<'))
        {
            int close = type.IndexOf('>', 1);
            string inner = close > 1 ? type[1..close] : type;
            if (inner.StartsWith("<Initialize", StringComparison.Ordinal)) return "<cell>";
            return close > 1 && !inner.StartsWith('<') ? inner : m.Name;
        }
        return $"{type}.{m.Name}";
    }
}
