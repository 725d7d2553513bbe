using Autoencoders.Tests.Support;
using Autoencoders.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace Autoencoders.Tests;

/// <summary>
/// --device on the CPU build these machines have: auto and cpu run on the CPU; CUDA is refused in one line naming the
/// package to reference (a CUDA machine skips those assertions: there the CUDA path runs).
/// </summary>
public sealed class DeviceTests : IDisposable
{
    private readonly TempFolder _out = new();

    public void Dispose()
    {
        Devices.Prefer(Devices.Auto);
        _out.Dispose();
    }

    [Theory]
    [InlineData("auto", true)]
    [InlineData("cpu", true)]
    [InlineData("cuda", true)]
    [InlineData("cuda:1", true)]
    [InlineData("gpu", false)]
    [InlineData("cuda:", false)]
    [InlineData("cuda:-1", false)]
    [InlineData("CPU", false)]
    public void Device_names_are_auto_cpu_cuda_or_cuda_with_an_index(string name, bool valid) => Assert.Equal(valid, Devices.IsName(name));

    [Fact]
    public void Auto_is_the_cpu_without_cuda_and_the_preferred_device_once_chosen()
    {
        if (cuda.is_available())
        {
            return;
        }

        Assert.Equal(DeviceType.CPU, Devices.Resolve(Devices.Auto).type);
        Assert.Equal(DeviceType.CPU, Devices.Prefer("cpu").type);
        Assert.Equal(DeviceType.CPU, Devices.Resolve(Devices.Auto).type);
    }

    [Theory]
    [InlineData("train", "cuda")]
    [InlineData("train", "cuda:1")]
    [InlineData("run", "cuda")]
    [InlineData("anomaly-benchmark", "cuda")]
    public void Cuda_on_the_cpu_build_exits_2_naming_the_package_to_reference(string verb, string device)
    {
        if (cuda.is_available())
        {
            return;
        }

        string[] extra = verb == "anomaly-benchmark" ? ["--dataset", "digits", "--protocol", "one-class"] : [];
        var (code, _, errors) = CliTests.Run([verb, .. extra, "--epochs", "1", "--device", device, "--threads", "1", "--out", _out.File("out")]);

        Assert.Equal(2, code);
        Assert.Single(errors.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains($"device {device} was asked for, but CUDA is not available here: this program references TorchSharp-cpu. Reference TorchSharp-cuda-linux", errors, StringComparison.Ordinal);
        Assert.False(Directory.Exists(_out.File("out")));
    }

    [Fact]
    public void An_unknown_device_is_refused_before_anything_runs()
    {
        var (code, _, errors) = CliTests.Run("evaluate", "--checkpoint", _out.File("none"), "--device", "gpu");

        Assert.Equal(2, code);
        Assert.Contains("--device 'gpu' is not a device; use auto, cpu, cuda or cuda:N.", errors, StringComparison.Ordinal);
    }

    [Fact]
    public void Training_on_the_cpu_says_so_and_records_the_device_asked_for()
    {
        var (code, output, errors) = CliTests.Run("train", "--epochs", "1", "--batch-size", "512", "--device", "cpu", "--threads", "1", "--out", _out.File("model"));

        Assert.True(code == 0, errors);
        Assert.Contains("device: cpu", output, StringComparison.Ordinal);
        Assert.Equal("cpu", Autoencoders.Checkpoints.Checkpoint.ReadMetadata(_out.File("model")).Training.Device);
    }
}
