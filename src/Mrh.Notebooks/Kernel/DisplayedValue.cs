using Mrh.Notebooks.Documents;
using Mrh.Notebooks.Execution;

namespace Mrh.Notebooks.Kernel;

/// <summary>
/// A value shown with <c>display(x)</c>; <see cref="Update"/> replaces it in place (in the executed notebook the
/// output shows the last value), like the kernel's <c>Microsoft.DotNet.Interactive.Formatting.DisplayedValue</c>.
/// </summary>
public sealed class DisplayedValue
{
    readonly DisplayOutput _output;
    readonly CellOutputSink _sink;
    readonly Formatting.ValueFormatter _formatter;
    readonly string[] _mimeTypes;

    DisplayedValue(object? value, DisplayOutput output, CellOutputSink sink, Formatting.ValueFormatter formatter, string[] mimeTypes)
    {
        Value = value; _output = output; _sink = sink; _formatter = formatter; _mimeTypes = mimeTypes;
    }

    /// <summary>The id that ties updates to the output.</summary>
    public string DisplayId => _output.DisplayId ?? "";
    /// <summary>The value shown now.</summary>
    public object? Value { get; private set; }
    /// <summary>True once <see cref="Update"/> was called.</summary>
    public bool IsUpdated { get; private set; }

    /// <summary>Replaces the shown value (formatted with the same MIME types as the first display).</summary>
    public void Update(object? updatedValue)
    {
        Value = updatedValue;
        IsUpdated = true;
        _sink.Update(_output, _formatter.Format(updatedValue, _mimeTypes));
    }

    internal static DisplayedValue Show(object? value, string[]? mimeTypes)
    {
        var scope = CellScope.Current ?? throw new InvalidOperationException("display() can only be called while a notebook cell runs");
        mimeTypes ??= [];
        var bundle = scope.Formatter.Format(value, mimeTypes);
        var output = scope.Sink.Display(bundle, scope.Formatter.NextDisplayId());
        return new DisplayedValue(value, output, scope.Sink, scope.Formatter, mimeTypes);
    }
}
