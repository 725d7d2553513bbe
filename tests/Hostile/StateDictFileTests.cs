using System.Diagnostics;
using System.IO.Compression;
using Autoencoders.Data;
using Autoencoders.Interop;
using Autoencoders.Tests.FaultInjection;
using Autoencoders.Tests.Interop;
using Autoencoders.Tests.Support;

namespace Autoencoders.Tests.Hostile;

/// <summary>
/// <c>train --init-from</c> reads a file the user names: the lengths in it are checked against its real size before
/// anything is allocated, and a device or a pipe is never opened (issue 25). The crashing cases run in a child process,
/// so that a regression shows as its exit code (134, SIGABRT) instead of taking the test run down with it.
/// </summary>
public sealed class StateDictFileTests : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void A_torch_save_file_whose_pickle_claims_two_gigabytes_exits_2_in_one_line()
    {
        // 0x80 0x02 PROTO 2, then BINUNICODE claiming 2^31 - 1 bytes where 3 follow.
        var file = TorchSave("evil.pt", [0x80, 0x02, (byte)'X', 0xff, 0xff, 0xff, 0x7f, (byte)'a', (byte)'b', (byte)'c', (byte)'.']);

        var (code, errors) = TrainChild(file);

        Assert.True(code == 2, $"exit {code}: {errors}");
        Refusal.AssertReadable(errors);
        Assert.Contains("runs past its end", errors, StringComparison.Ordinal);
    }

    [LinuxFact("/dev/zero is a Linux device")]
    public void Dev_zero_exits_2_in_one_line()
    {
        var (code, errors) = TrainChild("/dev/zero");

        Assert.True(code == 2, $"exit {code}: {errors}");
        Refusal.AssertReadable(errors);
        Assert.Contains("not a regular file", errors, StringComparison.Ordinal);
    }

    [LinuxFact("named pipes are made with mkfifo")]
    public void A_named_pipe_is_refused_without_waiting_for_a_writer()
    {
        var fifo = _temp.File("weights.pt");
        using (var mkfifo = Process.Start("mkfifo", [fifo]))
        {
            mkfifo.WaitForExit();
            Assert.Equal(0, mkfifo.ExitCode);
        }

        using var child = CliChild.Start(null, "train", "--epochs", "1", "--threads", "1", "--init-from", fifo, "--out", _temp.File("out"));
        var exited = child.WaitForLine(line => line.Contains("not a regular file", StringComparison.Ordinal), Patience);
        if (!exited)
        {
            child.Signal(CliChild.Terminate);
        }

        var code = child.WaitForExit(TimeSpan.FromSeconds(10));
        Assert.True(exited, $"still waiting on the pipe: {child.Output}{child.Errors}");
        Assert.Equal(2, code);
        Refusal.AssertReadable(child.Errors);
    }

    [Theory]
    [InlineData(new byte[] { 0x80, 0x02, (byte)'X', 0xff, 0xff, 0xff, 0x7f, (byte)'.' }, "runs past its end")]
    [InlineData(new byte[] { 0x80, 0x04, 0x95, 0, 0, 0, 0, 0, 0, 0, 0x40, (byte)'.' }, "runs past its end")]
    [InlineData(new byte[] { 0x80, 0x02, 0x8e, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, (byte)'.' }, "runs past its end")]
    [InlineData(new byte[] { 0x80, 0x02, (byte)'c', (byte)'o', (byte)'s', (byte)'\n' }, "runs past its end")]
    [InlineData(new byte[] { 0x80, 0x02, 0xfe, (byte)'.' }, "is not a pickle opcode")]
    [InlineData(new byte[] { 0x80, 0x02, (byte)'}' }, "has no end")]
    public void A_pickle_stating_more_than_it_holds_is_refused_before_it_is_read(byte[] pickle, string expected)
    {
        using var model = InteropCases.Create("dense", seed: 1);
        var file = TorchSave("forged.pt", pickle);

        var error = Assert.Throws<DataInputException>(() => PyTorchImport.Load(model, file));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Refusal.AssertReadable(error.Message);
    }

    [Fact]
    public void Safetensors_whose_shape_disagrees_with_its_offsets_are_refused()
    {
        using var model = InteropCases.Create("dense", seed: 1);
        var header = """{"decoder.0.bias":{"dtype":"F32","shape":[1000000000,1000000000],"data_offsets":[0,4]}}"""u8.ToArray();
        var file = _temp.Write("forged.safetensors", [.. BitConverter.GetBytes((ulong)header.Length), .. header, 1, 2, 3, 4]);

        var error = Assert.Throws<DataInputException>(() => PyTorchImport.Load(model, file));

        Assert.Contains("does not match the 4 bytes its offsets give", error.Message, StringComparison.Ordinal);
        Refusal.AssertReadable(error.Message);
    }

    [Fact]
    public void An_exported_torch_save_file_passes_the_length_checks()
    {
        using var model = InteropCases.Create("conv", seed: 1);
        using var other = InteropCases.Create("conv", seed: 2);
        var file = _temp.File("model.pt");
        PyTorchExport.Save(model, file, PyTorchFormat.PyTorch);

        PyTorchImport.Load(other, file);

        Assert.Equal(model.parameters().First().data<float>().ToArray(), other.parameters().First().data<float>().ToArray());
    }

    private string TorchSave(string name, byte[] pickle)
    {
        var path = _temp.File(name);
        using var archive = ZipFile.Open(path, ZipArchiveMode.Create);
        using var entry = archive.CreateEntry("archive/data.pkl").Open();
        entry.Write(pickle);
        return path;
    }

    private (int Code, string Errors) TrainChild(string initFrom)
    {
        using var child = CliChild.Start(null, "train", "--epochs", "1", "--threads", "1", "--init-from", initFrom, "--out", _temp.File("out"));
        var code = child.WaitForExit(Patience);
        return (code, child.Errors);
    }
}
