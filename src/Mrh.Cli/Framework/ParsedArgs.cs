using System.Globalization;

namespace Mrh.Cli.Framework;

/// <summary>Options and positional arguments of one command invocation, with typed accessors.</summary>
public sealed class ParsedArgs
{
    readonly Dictionary<string, List<string>> _values;
    readonly HashSet<string> _flags;

    public ParsedArgs(Dictionary<string, List<string>> values, HashSet<string> flags, List<string> positional)
    {
        _values = values; _flags = flags; Positional = positional;
    }

    public IReadOnlyList<string> Positional { get; }

    public bool Flag(string name) => _flags.Contains(name);

    public bool Has(string name) => _values.ContainsKey(name);

    public string? Get(string name) => _values.TryGetValue(name, out var v) ? v[^1] : null;

    public IReadOnlyList<string> GetAll(string name) => _values.TryGetValue(name, out var v) ? v : [];

    public string Require(string name) =>
        Get(name) ?? throw new UsageException($"missing required option --{name}");

    public int GetInt(string name, int fallback, int min = int.MinValue, int max = int.MaxValue)
    {
        var s = Get(name);
        if (s is null) return fallback;
        if (!int.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out int v))
            throw new UsageException($"--{name} expects an integer, got '{s}'");
        if (v < min || v > max) throw new UsageException($"--{name} must be between {min} and {max}, got {v}");
        return v;
    }

    public double GetDouble(string name, double fallback, double min = double.NegativeInfinity, double max = double.PositiveInfinity)
    {
        var s = Get(name);
        if (s is null) return fallback;
        if (!double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) || !double.IsFinite(v))
            throw new UsageException($"--{name} expects a number, got '{s}'");
        if (v < min || v > max) throw new UsageException($"--{name} must be between {min} and {max}, got {v}");
        return v;
    }

    /// <summary>
    /// A duration written with its unit, the one way every time limit of `mrh` is given: a positive number followed
    /// by s, m or h ("90s", "20m", "1.5h"). A bare number is refused: it once meant minutes to `reproduce` and
    /// seconds to `notebooks run`.
    /// </summary>
    public TimeSpan? GetDuration(string name, TimeSpan max)
    {
        var s = Get(name);
        if (s is null) return null;
        string t = s.Trim().ToLowerInvariant();
        double unitSeconds = t.Length == 0 ? 0 : t[^1] switch { 's' => 1, 'm' => 60, 'h' => 3600, _ => 0 };
        if (unitSeconds == 0)
            throw new UsageException(double.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out _)
                ? $"--{name} needs a unit: {s}s, {s}m or {s}h (seconds, minutes or hours)"
                : $"--{name} expects a duration such as 90s, 20m or 2h, got '{s}'");
        if (!double.TryParse(t[..^1], NumberStyles.Float, CultureInfo.InvariantCulture, out double v) || !double.IsFinite(v))
            throw new UsageException($"--{name} expects a duration such as 90s, 20m or 2h, got '{s}'");
        var duration = TimeSpan.FromSeconds(v * unitSeconds);
        if (v <= 0 || duration > max) throw new UsageException($"--{name} must be more than 0 and at most {max.TotalHours:0.#}h, got '{s}'");
        return duration;
    }

    public string Positional1(string what)
    {
        if (Positional.Count < 1) throw new UsageException($"missing {what}");
        return Positional[0];
    }
}

/// <summary>A mistake in how a command was called; printed as one line with a hint to --help.</summary>
public sealed class UsageException(string message) : Exception(message);
