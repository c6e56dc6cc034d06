namespace Mrh.Cli.Framework;

/// <summary>An option a command accepts: <c>--name VALUE</c> or a flag <c>--name</c>.</summary>
public sealed record OptionSpec(string Name, string Description, bool TakesValue = true, string ValueName = "VALUE", bool Repeatable = false)
{
    public string Usage => TakesValue ? $"--{Name} {ValueName}" : $"--{Name}";
}
