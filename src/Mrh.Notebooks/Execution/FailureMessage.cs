using System.Text.RegularExpressions;

namespace Mrh.Notebooks.Execution;

/// <summary>
/// Reads the message of the kernel's <c>CommandFailed</c>: compiler diagnostics ("(3,5): error CS0103: ...") or an
/// exception ("System.InvalidOperationException: boom\n   at ..."), or anything else the kernel says (a failed
/// <c>#r</c>, an unknown magic command).
/// </summary>
public static partial class FailureMessage
{
    /// <summary>The failure a <c>CommandFailed</c> message describes.</summary>
    public static CellError ToCellError(string cell, string message)
    {
        string first = message.Split('\n')[0].TrimEnd('\r');
        var d = Diagnostic().Match(first);
        if (d.Success)
            return new CellError(cell, int.Parse(d.Groups["line"].Value, System.Globalization.CultureInfo.InvariantCulture),
                CellErrorKind.Compilation, d.Groups["id"].Value, d.Groups["message"].Value);
        var x = ExceptionLine().Match(first);
        if (x.Success)
        {
            string type = x.Groups["type"].Value;
            return new CellError(cell, null, CellErrorKind.Exception, type[(type.LastIndexOf('.') + 1)..], x.Groups["message"].Value);
        }
        return new CellError(cell, null, CellErrorKind.Kernel, "Error", first);
    }

    [GeneratedRegex(@"^\((?<line>\d+),(?<col>\d+)\): error (?<id>[A-Z]+\d+): (?<message>.*)$")]
    private static partial Regex Diagnostic();

    [GeneratedRegex(@"^(?<type>(?:[A-Za-z_][\w`]*\.)*\w*(?:Exception|Error)): ?(?<message>.*)$")]
    private static partial Regex ExceptionLine();
}
