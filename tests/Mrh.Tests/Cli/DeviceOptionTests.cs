using Mrh.Runtime;

namespace Mrh.Tests.Cli;

/// <summary>--device on the commands that train or apply networks: CUDA where there is none is one line and exit 2.</summary>
[Collection(Mrh.Tests.Model.TorchCollection.Name)]
public class DeviceOptionTests
{
    [Theory]
    [InlineData("train", "--dataset", "nowhere", "--target", "af", "--out", "nowhere-model")]
    [InlineData("predict", "--model", "nowhere", "--mri", "nowhere.nii", "--out", "nowhere-prediction.nii")]
    [InlineData("contrib", "--model", "nowhere", "--mri", "nowhere.nii")]
    [InlineData("bench")]
    [InlineData("reproduce", "--preset", "smoke")]
    [InlineData("notebooks", "run", "nowhere.ipynb")]
    public void CudaWhereThereIsNoneIsOneLineAndExit2(params string[] args)
    {
        if (CudaRuntime.Status.Available) return; // a GPU machine
        var (code, _, err) = CliHarness.Run([.. args, "--device", "cuda"]);
        Assert.Equal(2, code);
        Assert.Contains("CUDA is not available", err);
        Assert.Single(err.Trim().Split('\n'));
    }

    [Fact]
    public void UnknownDeviceIsABadInput()
    {
        var (code, _, err) = CliHarness.Run("bench", "--device", "tpu");
        Assert.Equal(2, code);
        Assert.Contains("cpu, cuda or auto", err);
    }

    [Fact]
    public void DoctorReportsCudaAndTheGpu()
    {
        var (code, output, _) = CliHarness.Run("doctor");
        Assert.Equal(0, code);
        Assert.Contains("cuda ", output);
        Assert.Contains("gpu ", output);
    }
}
