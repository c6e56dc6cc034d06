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

    public string Positional1(string what)
    {
        if (Positional.Count < 1) throw new UsageException($"missing {what}");
        return Positional[0];
    }
}

/// <summary>A mistake in how a command was called; printed as one line with a hint to --help.</summary>
public sealed class UsageException(string message) : Exception(message);
