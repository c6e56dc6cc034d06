using System.Diagnostics;

namespace Mrh.Cli.Framework;

/// <summary>
/// A text progress bar for long work. On a terminal it redraws one line; when standard error is a file
/// or a pipe it prints a line at each 10% so that logs stay short. Usable as an IProgress&lt;long&gt;
/// (the count done so far).
/// </summary>
public sealed class ProgressBar : IProgress<long>, IDisposable
{
    readonly TextWriter _w;
    readonly string _label;
    readonly bool _terminal;
    readonly Stopwatch _clock = Stopwatch.StartNew();
    long _total;
    int _lastDecile = -1;
    long _lastDrawTicks;
    bool _done;

    public ProgressBar(TextWriter writer, string label, long total, bool terminal)
    {
        _w = writer; _label = label; _total = Math.Max(1, total); _terminal = terminal;
        Report(0);
    }

    public void SetTotal(long total) => _total = Math.Max(1, total);

    public void Report(long done)
    {
        if (_done) return;
        double f = Math.Clamp(done / (double)_total, 0, 1);
        if (_terminal)
        {
            long now = _clock.ElapsedTicks;
            if (done < _total && now - _lastDrawTicks < Stopwatch.Frequency / 10 && done != 0) return;
            _lastDrawTicks = now;
            int width = 30, filled = (int)Math.Round(f * width);
            _w.Write($"\r{_label} [{new string('#', filled)}{new string('.', width - filled)}] {f * 100,5:0.0}% {Elapsed()}   ");
            _w.Flush();
        }
        else
        {
            int decile = (int)Math.Floor(f * 10);
            if (decile == _lastDecile) return;
            _lastDecile = decile;
            _w.WriteLine($"{_label}: {decile * 10}% ({Elapsed()})");
        }
    }

    string Elapsed() => _clock.Elapsed.TotalSeconds < 60 ? $"{_clock.Elapsed.TotalSeconds:0.0}s" : $"{_clock.Elapsed:m\\:ss}";

    /// <summary>Marks the work complete and ends the line.</summary>
    public void Dispose()
    {
        if (_done) return;
        Report(_total);
        _done = true;
        if (_terminal) _w.WriteLine();
    }
}
