namespace Mrh.Cli.Framework;

/// <summary>One `mrh` command. Names may be two words ("volume info").</summary>
public abstract class CliCommand
{
    public abstract string Name { get; }
    public abstract string Summary { get; }
    /// <summary>Positional arguments as shown in usage, e.g. "PATH".</summary>
    public virtual string Arguments => "";
    /// <summary>Longer help: what the command does, file names it writes, examples.</summary>
    public virtual string Details => "";
    public virtual IReadOnlyList<OptionSpec> Options => [];
    /// <summary>Most positional arguments accepted.</summary>
    public virtual int MaxPositional => 0;

    public abstract int Run(ParsedArgs args, CliContext context);

    public string Help()
    {
        var sb = new System.Text.StringBuilder();
        sb.AppendLine($"usage: mrh {Name}{(Arguments.Length > 0 ? " " + Arguments : "")}{(Options.Count > 0 ? " [options]" : "")}");
        sb.AppendLine();
        sb.AppendLine(Summary);
        if (Details.Length > 0) { sb.AppendLine(); sb.AppendLine(Details.TrimEnd()); }
        var all = Options.Append(new OptionSpec("help", "show this help", false)).ToList();
        sb.AppendLine();
        sb.AppendLine("options:");
        int width = all.Max(o => o.Usage.Length) + 2;
        foreach (var o in all) sb.AppendLine($"  {o.Usage.PadRight(width)}{o.Description}");
        return sb.ToString();
    }
}
