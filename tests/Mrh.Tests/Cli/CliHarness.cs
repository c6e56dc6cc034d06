using Mrh.Cli.Commands;
using Mrh.Cli.Framework;

namespace Mrh.Tests.Cli;

/// <summary>Runs `mrh` in-process with captured output.</summary>
static class CliHarness
{
    public static (int Code, string Out, string Err) Run(params string[] args)
    {
        var o = new StringWriter();
        var e = new StringWriter();
        int code = new CommandLine(CommandList.All()).Run(args, new CliContext(o, e, false));
        return (code, o.ToString(), e.ToString());
    }
}
