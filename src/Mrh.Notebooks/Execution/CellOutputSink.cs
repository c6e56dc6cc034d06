using Mrh.Notebooks.Documents;

namespace Mrh.Notebooks.Execution;

/// <summary>
/// Collects the outputs of one cell while it runs: console text (consecutive writes to the same stream are joined
/// into one stream output, as Jupyter does), displayed values and their updates, the result and the error.
/// Thread-safe: user code may write from several threads.
/// </summary>
internal sealed class CellOutputSink
{
    readonly Lock _gate = new();
    readonly List<CellOutput> _outputs;

    /// <summary>A sink appending to <paramref name="outputs"/> (the cell's output list).</summary>
    public CellOutputSink(List<CellOutput> outputs) => _outputs = outputs;

    /// <summary>Appends console text to the stream "stdout" or "stderr".</summary>
    public void Write(string stream, string text)
    {
        if (text.Length == 0) return;
        lock (_gate)
        {
            if (_outputs.Count > 0 && _outputs[^1] is StreamOutput s && s.Name == stream) s.Append(text);
            else _outputs.Add(new StreamOutput(stream, text));
        }
    }

    /// <summary>Adds a display_data output.</summary>
    public DisplayOutput Display(MimeBundle data, string displayId)
    {
        var d = new DisplayOutput(data, displayId);
        lock (_gate) _outputs.Add(d);
        return d;
    }

    /// <summary>Replaces the data of a displayed output (an update keeps its place among the outputs).</summary>
    public void Update(DisplayOutput output, MimeBundle data)
    {
        lock (_gate)
        {
            output.Data = data;
            output.Updates++;
        }
    }

    /// <summary>Adds any output.</summary>
    public void Add(CellOutput output)
    {
        lock (_gate) _outputs.Add(output);
    }

    /// <summary>A copy of the outputs so far.</summary>
    public IReadOnlyList<CellOutput> Snapshot()
    {
        lock (_gate) return _outputs.ToList();
    }
}
