namespace Mrh.Cli.Framework;

/// <summary>
/// An option a command accepts: <c>--name VALUE</c> or a flag <c>--name</c>; optionally also a one-letter
/// short form <c>-x</c> (<see cref="ShortName"/>).
/// </summary>
public sealed record OptionSpec(string Name, string Description, bool TakesValue = true, string ValueName = "VALUE", bool Repeatable = false, char? ShortName = null)
{
    public string Usage => (ShortName is char s ? $"-{s}, " : "") + (TakesValue ? $"--{Name} {ValueName}" : $"--{Name}");
}
