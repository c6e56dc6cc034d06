namespace Mrh.Cli.Framework;

/// <summary>
/// Finds the command named by the leading words, parses its options, runs it, and turns every
/// user-facing failure into one line on standard error with a non-zero exit code:
/// 0 success, 1 the work ran but failed (e.g. a check did not pass), 2 bad usage or bad input.
/// User errors are <see cref="MrhException"/> (and the environment's I/O errors); any other exception is a bug of
/// ours: one line "internal error", the full trace written to a file whose path the line gives, and exit 1.
/// </summary>
public sealed class CommandLine(IReadOnlyList<CliCommand> commands)
{
    public const int Ok = 0, Failed = 1, BadInput = 2;

    public int Run(string[] args, CliContext context)
    {
        try
        {
            return Dispatch(args, context);
        }
        catch (UsageException e)
        {
            context.Error.WriteLine($"mrh: {e.Message} (see `mrh --help`)");
            return BadInput;
        }
        catch (Exception e) when (IsUserFacing(e))
        {
            context.Error.WriteLine($"mrh: error: {OneLine(e.Message)}");
            return BadInput;
        }
        catch (Exception e) when (MissingNativeLibrary(e) is { } missing)
        {
            context.Error.WriteLine($"mrh: error: a native library could not be loaded ({OneLine(missing.Message)}); " +
                                    "`mrh doctor` checks the installation (libtorch comes with the TorchSharp packages restored by `dotnet build`)");
            return BadInput;
        }
        catch (OperationCanceledException)
        {
            context.Error.WriteLine("mrh: cancelled");
            return Failed;
        }
        catch (Exception e)
        {
            string? trace = InternalErrorReport.Write(e, args);
            context.Error.WriteLine($"mrh: internal error (a bug in mrh, please report it): {e.GetType().Name}: {OneLine(e.Message)}" +
                                    (trace is null ? " (no trace file could be written)" : $" (trace written to {trace})"));
            return Failed;
        }
    }

    /// <summary>
    /// Errors whose message explains a problem with the user's input or environment: our
    /// <see cref="MrhException"/>, and the file system's and the JSON reader's errors (a missing file, a full
    /// disk, a damaged manifest). Everything else is a bug.
    /// </summary>
    static bool IsUserFacing(Exception e) => e is MrhException or IOException or InvalidDataException
        or UnauthorizedAccessException or System.Text.Json.JsonException;

    /// <summary>
    /// A native library that is missing or cannot load here (libtorch, libLibTorchSharp): a problem of the
    /// installation, not of mrh; also when it surfaces inside a type initialiser or a wrapper exception.
    /// </summary>
    static DllNotFoundException? MissingNativeLibrary(Exception e)
    {
        for (Exception? x = e; x != null; x = x.InnerException)
            if (x is DllNotFoundException d) return d;
        return null;
    }

    static string OneLine(string s) => string.Join(' ', s.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));

    int Dispatch(string[] args, CliContext context)
    {
        if (args.Length == 0 || args[0] is "--help" or "-h" or "help")
        {
            context.Out.Write(Overview());
            return Ok;
        }
        if (args[0] == "--version")
        {
            context.Out.WriteLine(typeof(CommandLine).Assembly.GetName().Version?.ToString(3));
            return Ok;
        }
        // longest match of leading words ("volume info" before "volume")
        CliCommand? command = null;
        int used = 0;
        foreach (var c in commands.OrderByDescending(c => c.Name.Split(' ').Length))
        {
            var words = c.Name.Split(' ');
            if (args.Length >= words.Length && words.Select((w, i) => w == args[i]).All(b => b))
            {
                command = c; used = words.Length; break;
            }
        }
        if (command is null)
        {
            var group = commands.Where(c => c.Name.StartsWith(args[0] + " ", StringComparison.Ordinal)).ToList();
            if (group.Count > 0)
            {
                if (args.Length > 1 && args[1] is "--help" or "-h")
                {
                    context.Out.WriteLine($"mrh {args[0]}: " + string.Join(", ", group.Select(g => g.Name.Split(' ')[1])));
                    foreach (var g in group) context.Out.WriteLine($"  mrh {g.Name,-18} {g.Summary}");
                    return Ok;
                }
                throw new UsageException(args.Length > 1
                    ? $"unknown command '{args[0]} {args[1]}' (expected one of: {string.Join(", ", group.Select(g => g.Name))})"
                    : $"'{args[0]}' needs a subcommand: {string.Join(", ", group.Select(g => g.Name.Split(' ')[1]))}");
            }
            if (args[0].StartsWith('-')) throw new UsageException($"unknown option '{args[0]}'");
            throw new UsageException($"unknown command '{args[0]}'");
        }
        var rest = args[used..];
        if (rest.Contains("--help") || rest.Contains("-h"))
        {
            context.Out.Write(command.Help());
            return Ok;
        }
        return command.Run(Parse(command, rest), context);
    }

    static ParsedArgs Parse(CliCommand command, string[] args)
    {
        var values = new Dictionary<string, List<string>>();
        var flags = new HashSet<string>();
        var positional = new List<string>();
        for (int i = 0; i < args.Length; i++)
        {
            string a = args[i];
            if (a == "--")
            {
                positional.AddRange(args[(i + 1)..]);
                break;
            }
            if (a.StartsWith("--", StringComparison.Ordinal))
            {
                string name = a[2..];
                string? inline = null;
                int eq = name.IndexOf('=');
                if (eq >= 0) { inline = name[(eq + 1)..]; name = name[..eq]; }
                var spec = command.Options.FirstOrDefault(o => o.Name == name)
                    ?? throw new UsageException($"unknown option '--{name}' for `mrh {command.Name}`");
                if (!spec.TakesValue)
                {
                    if (inline != null) throw new UsageException($"option --{name} takes no value");
                    flags.Add(name);
                    continue;
                }
                string value = inline ?? (i + 1 < args.Length ? args[++i] : throw new UsageException($"option --{name} needs a value ({spec.ValueName})"));
                if (!values.TryGetValue(name, out var list)) values[name] = list = [];
                else if (!spec.Repeatable) throw new UsageException($"option --{name} given twice");
                list.Add(value);
                continue;
            }
            if (a.Length == 2 && a[0] == '-' && command.Options.FirstOrDefault(o => o.ShortName == a[1]) is { } shortSpec)
            {
                // `-x VALUE` is `--name VALUE`
                args = [.. args[..i], "--" + shortSpec.Name, .. args[(i + 1)..]];
                i--;
                continue;
            }
            if (a.StartsWith('-') && a.Length > 1 && !double.TryParse(a, out _))
                throw new UsageException($"unknown option '{a}' for `mrh {command.Name}`");
            positional.Add(a);
        }
        if (positional.Count > command.MaxPositional)
            throw new UsageException(command.MaxPositional == 0
                ? $"`mrh {command.Name}` takes no arguments, got '{positional[0]}'"
                : $"too many arguments for `mrh {command.Name}` (expected {command.Arguments})");
        return new ParsedArgs(values, flags, positional);
    }

    public string Overview()
    {
        var sb = new System.Text.StringBuilder();
        sb.AppendLine("mrh: reproduce the MRH study (deep learning from multi-contrast MRI to histology) in C#");
        sb.AppendLine();
        sb.AppendLine("usage: mrh COMMAND [options]     (mrh COMMAND --help for details)");
        sb.AppendLine();
        sb.AppendLine("commands:");
        int width = commands.Max(c => c.Name.Length) + 2;
        foreach (var c in commands) sb.AppendLine($"  {c.Name.PadRight(width)}{c.Summary}");
        return sb.ToString();
    }
}
