using Autoencoders.Checkpoints;
using Autoencoders.Interop;
using Autoencoders.Models;
using Autoencoders.Tests.Support;
using static TorchSharp.torch;

namespace Autoencoders.Tests.Interop;

public sealed class ExportCommandTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Theory]
    [InlineData("pytorch", "model.pt")]
    [InlineData("safetensors", "model.safetensors")]
    public void Export_writes_the_weights_and_the_checkpoint_json_beside_them(string format, string name)
    {
        var checkpoint = _folder.File("checkpoint");
        using (var model = InteropCases.Create("conv", seed: 1))
        {
            InteropCases.SaveCheckpoint(model, checkpoint);
        }

        var file = _folder.File(Path.Combine("export", name));

        var (code, output, errors) = CliTests.Run("export", "--checkpoint", checkpoint, "--format", format, "--out", file);

        Assert.True(code == 0, errors);
        Assert.Contains(file, output, StringComparison.Ordinal);
        var exported = Checkpoint.ReadMetadata(_folder.File("export"));
        Assert.Equal(Checkpoint.ReadMetadata(checkpoint).Model.Kind, exported.Model.Kind);
        using var original = Checkpoint.Load(checkpoint);
        using var copy = InteropCases.Create("conv", seed: 2);
        PyTorchImport.Load(copy, file);
        using var scope = NewDisposeScope();
        var input = rand([3, 1, 9, 7]);
        Assert.Equal(original.Model.forward(input).data<float>().ToArray(), copy.forward(input).data<float>().ToArray());
    }

    [Theory]
    [InlineData("--format", "tflite", "--out", "x.tflite", "--format 'tflite' is not a format")]
    [InlineData("--format", "onnx", "--out", "x.pt", "does not end in .onnx")]
    [InlineData("--format", "pytorch", "--out", "x.onnx", "add --format onnx")]
    [InlineData("--format", "pytorch", "--out", "x.safetensors", "add --format safetensors")]
    [InlineData("--format", "safetensors", "--out", "x.pt", "name it .safetensors")]
    public void Bad_options_exit_with_2_in_one_line(string formatOption, string format, string outOption, string file, string expected)
    {
        var (code, _, errors) = CliTests.Run("export", "--checkpoint", _folder.Path, formatOption, format, outOption, _folder.File(file));

        Assert.Equal(2, code);
        Assert.Contains(expected, errors, StringComparison.Ordinal);
        Assert.Single(errors.TrimEnd().Split('\n'));
    }

    [Fact]
    public void An_ONNX_export_of_a_checkpoint_without_thresholds_exits_with_2_saying_why_and_writes_nothing()
    {
        var checkpoint = _folder.File("checkpoint");
        using (var model = InteropCases.Create("conv", seed: 1))
        {
            InteropCases.SaveCheckpoint(model, checkpoint);
        }

        var (code, _, errors) = CliTests.Run("export", "--checkpoint", checkpoint, "--format", "onnx", "--out", _folder.File("detector.onnx"));

        Assert.Equal(2, code);
        Assert.Contains("keeps no anomaly thresholds", errors, StringComparison.Ordinal);
        Assert.Single(errors.TrimEnd().Split('\n'));
        Assert.False(File.Exists(_folder.File("detector.onnx")));
    }

    [Fact]
    public void Exporting_into_the_checkpoint_folder_is_refused()
    {
        var checkpoint = _folder.File("checkpoint");
        using (var model = InteropCases.Create("dense", seed: 1))
        {
            InteropCases.SaveCheckpoint(model, checkpoint);
        }

        var before = File.ReadAllBytes(Path.Combine(checkpoint, Checkpoint.MetadataFileName));

        var (code, _, errors) = CliTests.Run("export", "--checkpoint", checkpoint, "--out", Path.Combine(checkpoint, "model.pt"));

        Assert.Equal(2, code);
        Assert.Contains("export into another folder", errors, StringComparison.Ordinal);
        Assert.Equal(before, File.ReadAllBytes(Path.Combine(checkpoint, Checkpoint.MetadataFileName)));
        Assert.False(File.Exists(Path.Combine(checkpoint, "model.pt")));
    }

    [Fact]
    public void A_missing_checkpoint_exits_with_2()
    {
        var (code, _, errors) = CliTests.Run("export", "--checkpoint", _folder.File("none"), "--out", _folder.File("model.pt"));

        Assert.Equal(2, code);
        Assert.Contains("no checkpoint.json", errors, StringComparison.Ordinal);
    }

    [Fact]
    public void Train_init_from_starts_from_the_exported_weights()
    {
        var first = _folder.File("first");
        Assert.Equal(0, CliTests.Run("train", "--epochs", "1", "--batch-size", "512", "--out", first).Code);
        var file = _folder.File("first.pt");
        Assert.Equal(0, CliTests.Run("export", "--checkpoint", first, "--out", file).Code);
        var second = _folder.File("second");

        // A learning rate this small leaves the weights where they started: those of the first run, not the seed's.
        var (code, _, errors) = CliTests.Run("train", "--epochs", "1", "--batch-size", "512", "--lr", "1e-12", "--seed", "7", "--init-from", file, "--out", second);

        Assert.True(code == 0, errors);
        using var a = Checkpoint.Load(first);
        using var b = Checkpoint.Load(second);
        using var scope = NewDisposeScope();
        var input = rand([8, 1, 28, 28], generator: new Generator(1));
        var expected = a.Model.forward(input).data<float>().ToArray();
        var actual = b.Model.forward(input).data<float>().ToArray();
        // Outputs are sigmoids in (0, 1); a step of 1e-12 moves them by far less than float32 can show at 1e-6.
        Assert.All(expected.Zip(actual), pair => Assert.Equal(pair.First, pair.Second, 1e-6));
    }

    [Fact]
    public void Train_init_from_weights_of_another_size_exits_with_2_naming_the_parameter_and_both_shapes()
    {
        using (var model = ModelFactory.Create(new ModelOptions(ModelKind.Dense, 8), [1, 28, 28], seed: 1))
        {
            PyTorchExport.Save(model, _folder.File("latent8.safetensors"), PyTorchFormat.Safetensors);
        }

        var (code, _, errors) = CliTests.Run("train", "--model", "dense", "--epochs", "1", "--latent", "16", "--init-from", _folder.File("latent8.safetensors"), "--out", _folder.File("out"));

        Assert.Equal(2, code);
        Assert.Contains("encoder.0.weight has shape [8, 784] in the file but [16, 784]", errors, StringComparison.Ordinal);
        Assert.Single(errors.TrimEnd().Split('\n'));
    }
}
