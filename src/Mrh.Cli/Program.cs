using Mrh.Cli.Commands;
using Mrh.Cli.Framework;

return new CommandLine(CommandList.All()).Run(args, CliContext.ForConsole());
