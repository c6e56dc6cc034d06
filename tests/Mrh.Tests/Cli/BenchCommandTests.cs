using System.Text.Json;
using Mrh.Benchmarking;
using Mrh.Tests.Model;

namespace Mrh.Tests.Cli;

/// <summary>
/// `mrh bench` at its smallest (quick network, one short run): the report's shape and arithmetic, and the
/// PyTorch protocol against a stand-in worker (a shell script), so the tests need neither Python nor torch.
/// No timing is asserted.
/// </summary>
[Collection(TorchCollection.Name)]
public class BenchCommandTests
{
    static readonly string[] Small = ["bench", "--quick-only", "--runs", "1", "--seconds", "0.01", "--no-volume", "--threads", "1"];

    [Fact]
    public void JsonReportHasThroughputsFlopsAndMachine()
    {
        var (code, o, e) = CliHarness.Run([.. Small, "--json"]);
        Assert.True(code == 0, e);
        using var doc = JsonDocument.Parse(o);
        var root = doc.RootElement;
        var net = root.GetProperty("networks").EnumerateArray().Single();
        Assert.Equal("quick", net.GetProperty("name").GetString());
        Assert.Equal(48, net.GetProperty("width").GetInt32());
        double train = net.GetProperty("training").GetProperty("median").GetDouble();
        double infer = net.GetProperty("inference").GetProperty("median").GetDouble();
        Assert.True(train > 0 && infer > 0);
        // GFLOP/s = patches/s x 2 x 25 x sum(in x out) (x3 for training) / 1e9
        var config = Mrh.Model.NetworkConfig.For(Mrh.Presets.Preset.Quick);
        Assert.Equal(train * 3 * NetworkBenchmark.EngineFlops(config, false) / 1e9, net.GetProperty("trainingGflops").GetDouble(), 1e-6 * train);
        Assert.Equal(1, root.GetProperty("machine").GetProperty("threads").GetInt32());
        Assert.True(root.GetProperty("peakWorkingSetBytes").GetInt64() > 0);
        Assert.Equal(JsonValueKind.Null, net.GetProperty("pyTorchTraining").ValueKind);
        Assert.Contains("mrh: quick network: training run 1 of 1", e);
    }

    [Fact]
    public void FlopCountsAreTheClosedForms()
    {
        // quick: 67 -> 48, 13 hidden 48 -> 48 (conv2, conv3, conv3_1, 10 residual, conv4), 48 -> 1
        var quick = Mrh.Model.NetworkConfig.For(Mrh.Presets.Preset.Quick);
        double pairs = 67 * 48 + 14 * 48 * 48 + 48;
        Assert.Equal(2 * 49 * pairs, NetworkBenchmark.DirectFlops(quick));
        Assert.Equal(2 * 25 * pairs, NetworkBenchmark.EngineFlops(quick, false));
        Assert.Equal(2 * (25 * (pairs - 48) + 9 * 48), NetworkBenchmark.EngineFlops(quick, true));
    }

    [Fact]
    public void PyTorchProtocolAndRatios()
    {
        if (!File.Exists("/bin/sh")) return;
        string script = Path.Combine(Path.GetTempPath(), $"mrh-fake-pytorch-{Environment.ProcessId}.sh");
        File.WriteAllText(script, """
            echo '{"ready": true, "torch": "0.0-fake", "threads": 1, "parameters": 1}'
            while read cmd n; do
              if [ "$cmd" = quit ]; then exit 0; fi
              echo '{"seconds": 0.5}'
            done
            """);
        try
        {
            var (code, o, e) = CliHarness.Run([.. Small, "--json", "--compare-pytorch", "--python", "/bin/sh", "--pytorch-script", script]);
            Assert.True(code == 0, e);
            using var doc = JsonDocument.Parse(o);
            Assert.Equal("0.0-fake", doc.RootElement.GetProperty("pyTorchVersion").GetString());
            var net = doc.RootElement.GetProperty("networks")[0];
            var pt = net.GetProperty("pyTorchTraining");
            // each PyTorch run "takes" 0.5 s for the same steps as ours
            Assert.Equal(pt.GetProperty("itemsPerRun").GetInt32() / 0.5, pt.GetProperty("median").GetDouble(), 1e-9);
            double ratio = net.GetProperty("training").GetProperty("median").GetDouble() / pt.GetProperty("median").GetDouble();
            Assert.Equal(ratio, net.GetProperty("trainingRatio").GetDouble(), 1e-9);
        }
        finally
        {
            File.Delete(script);
        }
    }

    [Fact]
    public void MissingPythonIsReportedAsUnavailable()
    {
        var (code, o, e) = CliHarness.Run([.. Small, "--compare-pytorch", "--python", "/nonexistent/python3"]);
        Assert.True(code == 0, e);
        Assert.Contains("pytorch    unavailable:", o);
        Assert.Contains("/nonexistent/python3", o);
        Assert.Contains("quick (67/5/48)", o);
    }

    [Fact]
    public void HelpSaysWhatIsMeasured()
    {
        var (code, o, _) = CliHarness.Run("bench", "--help");
        Assert.Equal(0, code);
        Assert.Contains("--compare-pytorch", o);
        Assert.Contains("patches/s", o);
        Assert.Contains("python3-torch", o);
    }

    [Fact]
    public void PythonOptionsNeedTheComparison()
    {
        var (code, _, e) = CliHarness.Run("bench", "--python", "/usr/bin/python3");
        Assert.NotEqual(0, code);
        Assert.Contains("--compare-pytorch", e);
    }
}
