using Mrh.Model;
using Mrh.Runtime;

namespace Mrh.Tests.Model.Devices;

/// <summary>The device choice: parsing, the environment variable, CUDA refused where absent, auto falling back.</summary>
[Collection(TorchCollection.Name)]
public class DeviceSelectionTests
{
    static readonly CudaStatus Absent = new(false, 0, "no driver");
    static readonly CudaStatus Present = new(true, 1, null);

    [Theory]
    [InlineData("cpu", ComputeDevice.Cpu)]
    [InlineData("CUDA", ComputeDevice.Cuda)]
    [InlineData("gpu", ComputeDevice.Cuda)]
    [InlineData(" auto ", ComputeDevice.Auto)]
    public void NamesParse(string text, ComputeDevice expected) => Assert.Equal(expected, DeviceSelection.Parse(text));

    [Fact]
    public void UnknownNamesAreOneLineErrors()
    {
        var e = Assert.Throws<MrhException>(() => DeviceSelection.Parse("tpu"));
        Assert.Contains("cpu, cuda or auto", e.Message);
        Assert.DoesNotContain('\n', e.Message);
        Assert.Throws<MrhException>(() => NumericPrecisions.Parse("fp8"));
    }

    [Fact]
    public void TheOptionWinsOverTheEnvironmentWhichWinsOverTheDefault()
    {
        Assert.Equal(ComputeDevice.Cpu, DeviceSelection.FromOptionOrEnvironment(null, null));
        Assert.Equal(ComputeDevice.Auto, DeviceSelection.FromOptionOrEnvironment(null, "auto"));
        Assert.Equal(ComputeDevice.Cpu, DeviceSelection.FromOptionOrEnvironment("cpu", "cuda"));
        Assert.Equal(ComputeDevice.Cuda, DeviceSelection.FromOptionOrEnvironment("", "cuda"));
    }

    [Fact]
    public void CudaWithoutCudaIsAnErrorAndAutoFallsBackWithANote()
    {
        var e = Assert.Throws<MrhException>(() => DeviceSelection.Resolve(ComputeDevice.Cuda, Absent));
        Assert.Contains("CUDA is not available", e.Message);
        Assert.Contains("no driver", e.Message);
        var auto = DeviceSelection.Resolve(ComputeDevice.Auto, Absent);
        Assert.Equal(ComputeDevice.Cpu, auto.Device);
        Assert.Contains("running on the CPU", auto.Note);
        Assert.Equal(ComputeDevice.Cuda, DeviceSelection.Resolve(ComputeDevice.Auto, Present).Device);
        Assert.Null(DeviceSelection.Resolve(ComputeDevice.Auto, Present).Note);
        Assert.Equal(ComputeDevice.Cpu, DeviceSelection.Resolve(ComputeDevice.Cpu, Absent).Device);
    }

    [Fact]
    public void OnThisMachineTheLibraryRefusesCudaIfItHasNone()
    {
        if (CudaRuntime.Status.Available) return; // a GPU machine: nothing to refuse
        Assert.False(string.IsNullOrEmpty(CudaRuntime.Status.Reason));
        var train = new TrainerOptions { Device = ComputeDevice.Cuda };
        using var net = new MrhNetwork(new NetworkConfig(2, 0, 4), 1);
        var p = new Mrh.Patches.PatchSet(10, 2, 3, Mrh.Imaging.AnatomicalPlane.Coronal, new float[180], new float[90], new int[30], new int[10], ["s"], ["a", "b"]);
        var e = Assert.Throws<MrhException>(() => Trainer.Train(net, p, p, train));
        Assert.Contains("CUDA is not available", e.Message);
        // auto trains on the CPU
        var result = Trainer.Train(net, p, p, new TrainerOptions { Device = ComputeDevice.Auto, MaxEpochs = 1, BatchSize = 5 });
        Assert.Single(result.History);
    }

    [Fact]
    public void ExperimentSettingsCarryTheDeviceIntoTrainingAndInference()
    {
        var s = Mrh.Experiments.ExperimentSettings.For(Mrh.Presets.Preset.Smoke).OnDevice("auto", "bf16");
        Assert.Equal(ComputeDevice.Auto, s.Training.Trainer.Device);
        Assert.Equal(ComputeDevice.Auto, s.Inference().Device);
        Assert.Equal(NumericPrecision.BFloat16, s.Inference().Precision);
        Assert.Equal(NumericPrecision.Float32, s.Training.Trainer.Precision); // bf16 never trains unless asked for
        Assert.Equal(NumericPrecision.TensorFloat32, s.OnDevice(ComputeDevice.Cuda, NumericPrecision.TensorFloat32).Training.Trainer.Precision);
    }

    [Fact]
    public void LargeBatchModeScalesTheRateLinearly()
    {
        var t = new TrainerOptions().WithLargeBatch(4096);
        Assert.Equal(4096, t.BatchSize);
        Assert.Equal(0.1 * 32, t.LearningRate, 1e-12);
        Assert.Equal(GradientClipping.PerParameterL2Norm, t.Clipping);
    }
}
