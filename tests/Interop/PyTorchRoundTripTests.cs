using Autoencoders.Data;
using Autoencoders.Interop;
using Autoencoders.Models;
using Autoencoders.Tests.Support;
using TorchSharp.PyBridge;
using static TorchSharp.torch;

namespace Autoencoders.Tests.Interop;

public sealed class PyTorchRoundTripTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    public static TheoryData<string, PyTorchFormat> CasesAndFormats
    {
        get
        {
            var data = new TheoryData<string, PyTorchFormat>();
            foreach (var name in InteropCases.All.Keys)
            {
                data.Add(name, PyTorchFormat.PyTorch);
                data.Add(name, PyTorchFormat.Safetensors);
            }

            return data;
        }
    }

    [Theory]
    [MemberData(nameof(CasesAndFormats))]
    public void Exported_weights_loaded_into_another_model_give_identical_outputs(string name, PyTorchFormat format)
    {
        using var source = InteropCases.Create(name, seed: 1);
        using var target = InteropCases.Create(name, seed: 2);
        using var scope = NewDisposeScope();
        var input = rand([4, .. InteropCases.All[name].Shape], generator: new Generator(3));
        var expected = Outputs(source, input);
        Assert.NotEqual(expected, Outputs(target, input));
        var file = _folder.File(format == PyTorchFormat.Safetensors ? "model.safetensors" : "model.pt");

        PyTorchExport.Save(source, file, format);
        PyTorchImport.Load(target, file);

        Assert.Equal(expected, Outputs(target, input));
        Assert.Empty(Directory.GetFiles(_folder.Path, "*.tmp"));
    }

    [Fact]
    public void The_file_holds_PyTorch_module_names_and_PyTorch_layouts()
    {
        using var model = InteropCases.Create("conv", seed: 1);
        var file = _folder.File("model.safetensors");

        PyTorchExport.Save(model, file, PyTorchFormat.Safetensors);

        var state = Safetensors.LoadStateDict(file);
        Assert.Equal(
            ["decoder.0.bias", "decoder.0.weight", "decoder.3.bias", "decoder.3.weight", "encoder.0.bias", "encoder.0.weight", "encoder.2.bias", "encoder.2.weight",
             "from_code.0.bias", "from_code.0.weight", "to_code.bias", "to_code.weight"],
            state.Keys.Order(StringComparer.Ordinal));
        // Conv2d (out, in, kh, kw), Linear (out, in), ConvTranspose2d (in, out, kh, kw): 9x7 → 5x4 → 3x2 with 16 channels;
        // the decoder's indices count the layers without weights too: 0 up to 6x4, 1 crop to 5x4, 2 ReLU, 3 up to 10x8, 4 crop, 5 sigmoid.
        Assert.Equal([32L, 1, 3, 3], state["encoder.0.weight"].shape);
        Assert.Equal([3L, 96], state["to_code.weight"].shape);
        Assert.Equal([16L, 32, 3, 3], state["decoder.0.weight"].shape);
    }

    [Fact]
    public void The_pytorch_format_is_the_zip_archive_torch_save_writes()
    {
        using var model = InteropCases.Create("dense", seed: 1);
        var file = _folder.File("model.pt");

        PyTorchExport.Save(model, file, PyTorchFormat.PyTorch);

        using var archive = System.IO.Compression.ZipFile.OpenRead(file);
        Assert.Contains(archive.Entries, entry => entry.FullName.EndsWith("/data.pkl", StringComparison.Ordinal));
    }

    [Fact]
    public void A_shape_mismatch_names_the_parameter_and_both_shapes_and_leaves_the_model_unchanged()
    {
        using var source = ModelFactory.Create(new ModelOptions(ModelKind.Deep, 3, HiddenSizes: [12, 8]), [20], seed: 1);
        using var target = ModelFactory.Create(new ModelOptions(ModelKind.Deep, 3, HiddenSizes: [12, 9]), [20], seed: 2);
        using var scope = NewDisposeScope();
        var input = rand([2, 20]);
        var before = Outputs(target, input);
        var file = _folder.File("model.safetensors");
        PyTorchExport.Save(source, file, PyTorchFormat.Safetensors);

        var error = Assert.Throws<DataInputException>(() => PyTorchImport.Load(target, file));

        Assert.Contains("encoder.2.weight has shape [8, 12] in the file but [9, 12]", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
        Assert.Equal(before, Outputs(target, input));
    }

    [Fact]
    public void A_file_of_another_kind_names_a_parameter_the_model_does_not_have()
    {
        using var vae = InteropCases.Create("vae", seed: 1);
        using var dense = InteropCases.Create("dense", seed: 1);
        var file = _folder.File("vae.pt");
        PyTorchExport.Save(vae, file, PyTorchFormat.PyTorch);

        var error = Assert.Throws<DataInputException>(() => PyTorchImport.Load(dense, file));

        Assert.Contains("body.0.bias is not a parameter of this dense model (it has encoder.0.weight, encoder.0.bias, decoder.0.weight, decoder.0.bias)",
            error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_missing_a_parameter_names_it()
    {
        using var model = InteropCases.Create("dense", seed: 1);
        var state = model.state_dict().Where(pair => pair.Key != "_decoder.0.bias").ToDictionary(pair => PyTorchNames.ToPyTorch(pair.Key), pair => pair.Value);
        var file = _folder.File("partial.safetensors");
        Safetensors.SaveStateDict(file, state);

        var error = Assert.Throws<DataInputException>(() => PyTorchImport.Load(model, file));

        Assert.Contains("no decoder.0.bias (shape [36])", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("model.safetensors", new byte[] { 0xff, 0xff, 0xff, 0xff, 0, 0, 0, 0, (byte)'{', (byte)'}' }, "cut short")]
    [InlineData("model.safetensors", new byte[] { 2, 0, 0, 0, 0, 0, 0, 0, (byte)'{', (byte)'x' }, "not a PyTorch state_dict that can be read")]
    [InlineData("model.pt", new byte[] { 0x80, 0x02, (byte)'}', (byte)'.' }, "a bare Python pickle, not a torch.save archive")]
    [InlineData("model.pt", new byte[] { 0x80, 0x02, 0x8a, 0x0a, 0x6c, 0xfc, 0x9c, 0x46, 0xf9, 0x20, 0x6a, 0xa8, 0x50, 0x19, (byte)'.' }, "legacy format")]
    [InlineData("model.pt", new byte[] { (byte)'h', (byte)'e', (byte)'l', (byte)'l', (byte)'o' }, "neither a safetensors file nor a torch.save archive")]
    public void A_damaged_or_foreign_file_is_refused_in_one_line(string name, byte[] content, string expected)
    {
        using var model = InteropCases.Create("dense", seed: 1);
        var file = _folder.Write(name, content);

        var error = Assert.Throws<DataInputException>(() => PyTorchImport.Load(model, file));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public void Safetensors_offsets_beyond_the_file_are_refused()
    {
        using var model = InteropCases.Create("dense", seed: 1);
        var header = """{"decoder.0.bias":{"dtype":"F32","shape":[36],"data_offsets":[0,144]}}"""u8.ToArray();
        var file = _folder.Write("short.safetensors", [.. BitConverter.GetBytes((ulong)header.Length), .. header, 1, 2, 3, 4]);

        var error = Assert.Throws<DataInputException>(() => PyTorchImport.Load(model, file));

        Assert.Contains("decoder.0.bias lie outside the file", error.Message, StringComparison.Ordinal);
    }

    private static float[] Outputs(Autoencoder model, Tensor input) =>
        BatchedInference.InEvaluationMode(model, () => model.forward(input).data<float>().ToArray());
}
