using System.Diagnostics;
using System.Runtime.Intrinsics;
using System.Text.Json;
using Mrh.Model;
using Mrh.Model.Compute;
using static TorchSharp.torch;

namespace Mrh.Tests.Model.Compute;

/// <summary>
/// The engine's vector widths: which one the machine picks (the selection function, and `mrh doctor` run in
/// child processes with .NET's switches that hide AVX-512, AVX2 or all SIMD), and that every width computes
/// the same values (lane for lane the same operations: identical bytes where multiply-adds are fused).
/// </summary>
[Collection(TorchCollection.Name)]
public class EngineWidthTests
{
    [Fact]
    public void TheWidestAcceleratedWidthIsChosen()
    {
        Assert.Equal(EngineWidth.V512, EngineWidths.Choose(true, true, true));
        Assert.Equal(EngineWidth.V256, EngineWidths.Choose(false, true, true));
        Assert.Equal(EngineWidth.V128, EngineWidths.Choose(false, false, true));
        Assert.Null(EngineWidths.Choose(false, false, false));
        Assert.Equal(EngineWidths.Choose(Vector512.IsHardwareAccelerated, Vector256.IsHardwareAccelerated, Vector128.IsHardwareAccelerated), EngineWidths.Best);
        Assert.Equal(EngineWidths.Best != null, FastPatchNetwork.IsAvailable);
        if (EngineWidths.Best is { } best) Assert.Equal(best, EngineWidths.Supported[0]);
    }

    [EngineFact]
    public void AnEngineRunsAtTheBestWidthUnlessToldOtherwise()
    {
        using var net = new MrhNetwork(new NetworkConfig(2, 0, 16), 1);
        using (var engine = new FastPatchNetwork(net)) Assert.Equal(EngineWidths.Best, engine.Width);
        foreach (var w in Enum.GetValues<EngineWidth>())
        {
            if (EngineWidths.IsSupported(w))
                using (var engine = new FastPatchNetwork(net, new FastNetworkOptions { Width = w })) Assert.Equal(w, engine.Width);
            else
                Assert.Throws<MrhException>(() => new FastPatchNetwork(net, new FastNetworkOptions { Width = w }));
        }
        Assert.Throws<MrhException>(() => new FastPatchNetwork(net, new FastNetworkOptions { Width = (EngineWidth)64 }));
    }

    /// <summary>
    /// Full outputs and every gradient at each width against the widest: the same bytes where the hardware
    /// fuses multiply-adds at every width (x64 with FMA, Arm), within float rounding elsewhere.
    /// </summary>
    [EngineFact]
    public void EveryWidthComputesTheSameValues()
    {
        using var net = new MrhNetwork(new NetworkConfig(7, 2, 40), 3);
        int n = 45;
        using var gen = new Generator(4);
        var x = randn(n * 7 * 9, generator: gen).data<float>().ToArray();
        var y = randn(n * 9, generator: gen).data<float>().ToArray();
        (float[] Outputs, double Loss, float[] Gradients) Run(EngineWidth w)
        {
            var outputs = new float[n * 9];
            using var engine = new FastPatchNetwork(net, new FastNetworkOptions { Threads = 2, Width = w }, training: true);
            engine.Forward(x, n, outputs);
            double loss = engine.TrainingStep(x, y, n, LossKind.L1);
            engine.WriteGradients(net);
            var grads = net.parameters().SelectMany(p => p.grad!.data<float>().ToArray()).ToArray();
            foreach (var p in net.parameters()) p.grad = null;
            return (outputs, loss, grads);
        }
        var widths = EngineWidths.Supported;
        var first = Run(widths[0]);
        bool fused = System.Runtime.Intrinsics.X86.Fma.IsSupported || System.Runtime.Intrinsics.Arm.AdvSimd.IsSupported;
        foreach (var w in widths.Skip(1))
        {
            var other = Run(w);
            if (fused)
            {
                Assert.Equal(first.Outputs, other.Outputs);
                Assert.Equal(first.Gradients, other.Gradients);
                Assert.Equal(first.Loss, other.Loss);
            }
            else
            {
                double scale = first.Gradients.Max(Math.Abs);
                for (int i = 0; i < first.Gradients.Length; i++) Assert.True(Math.Abs(first.Gradients[i] - other.Gradients[i]) <= 1e-5 * scale, $"{w}: gradient {i}");
                double oscale = first.Outputs.Max(Math.Abs);
                for (int i = 0; i < first.Outputs.Length; i++) Assert.True(Math.Abs(first.Outputs[i] - other.Outputs[i]) <= 1e-5 * oscale, $"{w}: output {i}");
            }
        }
    }

    /// <summary>
    /// `mrh doctor --json` in child processes with .NET's hardware switches: the engine narrows from AVX-512
    /// to AVX2 to 128-bit vectors, and to the reference path without SIMD, as the switches hide each level.
    /// </summary>
    [Fact]
    public void DoctorReportsTheWidthThatTheHardwareSwitchesLeave()
    {
        string mrh = Path.Combine(AppContext.BaseDirectory, "mrh.dll");
        Assert.True(File.Exists(mrh), $"{mrh} is built with the tests");
        bool x64 = System.Runtime.InteropServices.RuntimeInformation.ProcessArchitecture == System.Runtime.InteropServices.Architecture.X64;
        var best = EngineWidths.Best;
        EngineWidth? noAvx512 = best == EngineWidth.V512 ? EngineWidth.V256 : best;
        EngineWidth? noAvx2 = x64 && best != null ? EngineWidth.V128 : best;
        Assert.Equal(noAvx512, DoctorWidth(mrh, "DOTNET_EnableAVX512"));
        Assert.Equal(noAvx2, DoctorWidth(mrh, "DOTNET_EnableAVX2"));
        Assert.Null(DoctorWidth(mrh, "DOTNET_EnableHWIntrinsic"));
    }

    static EngineWidth? DoctorWidth(string mrh, string switchOff)
    {
        var psi = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        psi.ArgumentList.Add(mrh);
        psi.ArgumentList.Add("doctor");
        psi.ArgumentList.Add("--json");
        psi.Environment[switchOff] = "0";
        using var p = Process.Start(psi)!;
        var stderr = p.StandardError.ReadToEndAsync();
        string stdout = p.StandardOutput.ReadToEnd();
        Assert.True(p.WaitForExit(120_000), $"mrh doctor with {switchOff}=0 did not finish");
        Assert.True(p.ExitCode == 0, $"mrh doctor with {switchOff}=0 exited {p.ExitCode}: {stderr.Result}");
        using var doc = JsonDocument.Parse(stdout);
        var w = doc.RootElement.GetProperty("engineWidth");
        return w.ValueKind == JsonValueKind.Null ? null : (EngineWidth)w.GetInt32();
    }
}
