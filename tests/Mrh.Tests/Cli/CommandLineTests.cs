using Mrh.Cli.Framework;

namespace Mrh.Tests.Cli;

public class CommandLineTests
{
    [Fact]
    public void HelpListsEveryCommand()
    {
        var (code, output, _) = CliHarness.Run("--help");
        Assert.Equal(0, code);
        foreach (var c in Mrh.Cli.Commands.CommandList.All()) Assert.Contains(c.Name, output);
    }

    [Theory]
    [InlineData("frobnicate")]
    [InlineData("--nope")]
    [InlineData("doctor", "--nope")]
    [InlineData("doctor", "extra")]
    [InlineData("reproduce", "--preset")]
    [InlineData("reproduce", "--preset", "huge")]
    public void BadUsageIsOneLineAndExitCode2(params string[] args)
    {
        var (code, output, err) = CliHarness.Run(args);
        Assert.Equal(2, code);
        Assert.Equal("", output);
        Assert.Single(err.TrimEnd().Split('\n'));
        Assert.StartsWith("mrh: ", err);
    }

    [Fact]
    public void DoctorExitsZeroAndShowsVersions()
    {
        var (code, output, _) = CliHarness.Run("doctor");
        Assert.Equal(0, code);
        Assert.Contains("TorchSharp   0.107.0", output);
        Assert.Contains("libtorch     2.10", output);
        Assert.Contains("forward + backward ran", output);
        Assert.Contains("engine       " + Mrh.Model.Compute.EngineWidths.DescribeBest(), output);
    }

    [Fact]
    public void DoctorJsonIsParseable()
    {
        var (code, output, _) = CliHarness.Run("doctor", "--json");
        Assert.Equal(0, code);
        using var doc = System.Text.Json.JsonDocument.Parse(output);
        Assert.True(doc.RootElement.GetProperty("convolutionRan").GetBoolean());
        var width = doc.RootElement.GetProperty("engineWidth");
        if (Mrh.Model.Compute.EngineWidths.Best is { } best) Assert.Equal((int)best, width.GetInt32());
        else Assert.Equal(System.Text.Json.JsonValueKind.Null, width.ValueKind);
    }

    [Fact]
    public void CommandHelpShowsOptions()
    {
        var (code, output, _) = CliHarness.Run("reproduce", "--help");
        Assert.Equal(0, code);
        Assert.Contains("--preset", output);
    }
}

/// <summary>Every time limit of `mrh` is a duration with its unit (once minutes for `reproduce`, seconds for `notebooks run`).</summary>
public class DurationOptionTests
{
    static ParsedArgs With(string value) => new(new() { ["timeout"] = [value] }, [], []);

    [Theory]
    [InlineData("90s", 90)]
    [InlineData("20m", 1200)]
    [InlineData("1.5h", 5400)]
    [InlineData("0.5M", 30)]
    public void ADurationHasItsUnit(string value, double seconds) =>
        Assert.Equal(TimeSpan.FromSeconds(seconds), With(value).GetDuration("timeout", TimeSpan.FromDays(7)));

    [Fact]
    public void NoValueIsNoLimit() => Assert.Null(new ParsedArgs([], [], []).GetDuration("timeout", TimeSpan.FromDays(7)));

    [Theory]
    [InlineData("30", "needs a unit: 30s, 30m or 30h")]
    [InlineData("ten minutes", "expects a duration")]
    [InlineData("0s", "more than 0")]
    [InlineData("-5m", "more than 0")]
    [InlineData("200h", "at most 168h")]
    [InlineData("xs", "expects a duration")]
    public void OtherSpellingsAreRefused(string value, string words)
    {
        var e = Assert.Throws<UsageException>(() => With(value).GetDuration("timeout", TimeSpan.FromDays(7)));
        Assert.Contains(words, e.Message);
    }

    [Theory]
    [InlineData("reproduce", "--timeout", "30")]
    [InlineData("notebooks", "run", "x.ipynb", "--timeout", "30")]
    [InlineData("notebooks", "run", "x.ipynb", "--cell-timeout", "1800")]
    public void TheOldBareNumbersAreRefusedByBothCommands(params string[] args)
    {
        var (code, output, err) = CliHarness.Run(args);
        Assert.Equal(2, code);
        Assert.Equal("", output);
        Assert.Contains("needs a unit", err);
        Assert.Single(err.TrimEnd().Split('\n'));
    }
}

/// <summary>`mrh jobs slurm --mrh CMD`: the tasks run in the repository's folder, so a relative program path is the caller's, made absolute.</summary>
public class SlurmProgramPathTests
{
    [Fact]
    public void ARelativeProgramIsResolvedFromTheCallersFolder()
    {
        Assert.Equal("/home/u/sub/bin/mrh", Mrh.Cli.Commands.JobsSlurmCommand.ProgramCommand("bin/mrh", "/home/u/sub"));
        Assert.Equal("/opt/mrh", Mrh.Cli.Commands.JobsSlurmCommand.ProgramCommand("/opt/mrh", "/home/u/sub"));
        Assert.Equal("mrh", Mrh.Cli.Commands.JobsSlurmCommand.ProgramCommand("mrh", "/home/u/sub")); // a command on PATH
        var dir = Directory.CreateTempSubdirectory("mrh-slurm-").FullName;
        try
        {
            Directory.CreateDirectory(Path.Combine(dir, "b"));
            File.WriteAllText(Path.Combine(dir, "b", "mrh.dll"), "");
            Assert.Equal($"dotnet {dir}/b/mrh.dll", Mrh.Cli.Commands.JobsSlurmCommand.ProgramCommand("dotnet b/mrh.dll", dir));
        }
        finally { Directory.Delete(dir, true); }
    }
}
