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
