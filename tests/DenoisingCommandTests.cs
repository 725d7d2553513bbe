using System.Text.Json;
using Autoencoders.Data;
using Autoencoders.Data.Images;
using Autoencoders.Evaluation;
using Autoencoders.Evaluation.Denoising;
using Autoencoders.Pipeline;
using Autoencoders.Pipeline.Verbs;
using Autoencoders.Tests.Support;
using static TorchSharp.torch;

namespace Autoencoders.Tests;

/// <summary>A denoising model trained once (one epoch) for the denoising evaluate tests.</summary>
public sealed class DenoisingCheckpointFixture : IDisposable
{
    public DenoisingCheckpointFixture()
    {
        var (code, _, errors) = CliTests.Run(["train", "--model", "denoising", "--epochs", "1", "--batch-size", "256", "--threads", "1", "--out", Folder.Path]);
        Assert.True(code == 0, errors);
    }

    internal TempFolder Folder { get; } = new();

    public void Dispose() => Folder.Dispose();
}

public sealed class DenoisingCommandTests(DenoisingCheckpointFixture checkpoint) : IClassFixture<DenoisingCheckpointFixture>, IDisposable
{
    private readonly TempFolder _out = new();

    public void Dispose() => _out.Dispose();

    [OpenCvFact]
    public void Evaluating_a_denoising_model_measures_it_at_its_training_noise_against_the_classical_denoisers()
    {
        var (code, output, errors) = CliTests.Run("evaluate", "--checkpoint", checkpoint.Folder.Path, "--threads", "1", "--out", _out.Path);

        Assert.True(code == 0, errors);
        using var metrics = JsonDocument.Parse(File.ReadAllText(_out.File(EvaluationReport.FileName)));
        var main = metrics.RootElement.GetProperty("denoising").GetProperty("main");
        Assert.Equal(("gaussian", 0.5, 0L, 2000L), (main.GetProperty("noise").GetString(), main.GetProperty("level").GetDouble(), main.GetProperty("seed").GetInt64(), main.GetProperty("testSamples").GetInt64()));
        var methods = main.GetProperty("methods").EnumerateArray().ToList();
        Assert.Equal(["noisy input", "autoencoder", "gaussian blur", "median filter", "non-local means"], methods.Select(row => row.GetProperty("method").GetString()));
        var noisy = methods[0].GetProperty("psnr").GetDouble();
        // Gaussian noise 0.5 clipped to [0, 1] on digits: about 9.4 dB (measured); every denoiser must do better.
        Assert.InRange(noisy, 8.5, 10.5);
        Assert.All(methods.Skip(1), row => Assert.True(row.GetProperty("psnr").GetDouble() > noisy + 1, row.ToString()));
        Assert.All(methods.Skip(2), row => Assert.True(row.GetProperty("parameter").GetProperty("value").GetDouble() > 0));
        var figures = metrics.RootElement.GetProperty("figures").EnumerateArray().Select(figure => figure.GetString()).ToList();
        Assert.Subset(figures.ToHashSet(), new HashSet<string?> { "denoising-methods.html", "denoising-comparison.html", "denoising.html" });
        Assert.All(figures, figure => Assert.True(File.Exists(_out.File(figure!)), figure));
        Assert.Contains("non-local means", output, StringComparison.Ordinal);
        Assert.Contains("gaussian noise 0.5", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--noise-kind", "speckle")]
    [InlineData("--noise-kind", "masking", "--noise", "1.5")]
    [InlineData("--noise", "-1")]
    public void Unknown_noise_kinds_and_levels_out_of_range_are_one_line_errors(params string[] options)
    {
        var (code, _, errors) = CliTests.Run(["evaluate", "--checkpoint", checkpoint.Folder.Path, "--out", _out.Path, .. options]);

        Assert.Equal(2, code);
        Assert.Single(errors.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains(options[^1], errors, StringComparison.Ordinal);
        Assert.False(File.Exists(_out.File(EvaluationReport.FileName)));
    }

    [Fact]
    public void A_model_trained_without_noise_is_not_measured_as_a_denoiser_unless_asked_and_then_needs_a_level_for_masking()
    {
        using var plain = new TempFolder();
        var (trained, _, trainErrors) = CliTests.Run(["train", "--model", "dense", "--epochs", "1", "--threads", "1", "--out", plain.Path]);
        Assert.True(trained == 0, trainErrors);

        var (code, _, errors) = CliTests.Run("evaluate", "--checkpoint", plain.Path, "--threads", "1", "--noise-kind", "masking", "--out", _out.Path);

        Assert.Equal(2, code);
        Assert.Contains("--noise SHARE", errors, StringComparison.Ordinal);
    }

    [Fact]
    public void Reconstructing_a_folder_of_noisy_pngs_with_a_denoising_checkpoint_denoises_them_and_writes_the_exact_floats_beside_the_pngs()
    {
        var images = _out.File("noisy");
        using var data = Datasets.Load(Datasets.Digits);
        using var scope = NewDisposeScope();
        var clean = data.TestFeatures.narrow(0, 0, 20);
        var noisy = new ImageNoise(NoiseKind.Gaussian, 0.5, Seed: 9).Apply(clean);
        for (var i = 0; i < 20; i++)
        {
            ImageFiles.WritePng(noisy[i], Path.Combine(images, $"scan-{i:D2}.png"));
        }

        var (code, _, errors) = CliTests.Run("reconstruct", "--checkpoint", checkpoint.Folder.Path, "--input", images, "--threads", "1", "--out", _out.File("denoised"));

        Assert.True(code == 0, errors);
        var values = ReadNpy(_out.File(Path.Combine("denoised", ModelApplication.ReconstructionsNpy)), out var shape);
        Assert.Equal([20L, 28L, 28L], shape);
        Assert.Equal(["input,png", .. Enumerable.Range(0, 20).Select(i => $"scan-{i:D2}.png,scan-{i:D2}.png")],
            File.ReadAllLines(_out.File(Path.Combine("denoised", ModelApplication.ReconstructionIds))));
        var floats = tensor(values).view(20, 1, 28, 28);
        // The PNGs are the same values rounded to 8 bits.
        using var png = ImageFiles.ReadGrayscale(_out.File(Path.Combine("denoised", "scan-03.png")), 28, 28);
        Assert.True((png - floats[3]).abs().max().item<float>() <= 0.5f / 255 + 1e-6f);
        // The inputs went through 8-bit PNGs too, so the denoised images are compared with the clean ones, not recomputed;
        // one epoch of training lifts 0.5-noise digits from 9.4 to 11.0 dB (measured), so 1 dB is a margin.
        var reread = stack([.. Enumerable.Range(0, 20).Select(i => ImageFiles.ReadGrayscale(Path.Combine(images, $"scan-{i:D2}.png"), 28, 28))]);
        var (denoisedPsnr, noisyPsnr) = (SampleMetrics.Psnr(floats, clean).mean().item<double>(), SampleMetrics.Psnr(reread, clean).mean().item<double>());
        Assert.True(denoisedPsnr > noisyPsnr + 1, $"denoised {denoisedPsnr:F2} dB, noisy {noisyPsnr:F2} dB");
    }

    [SkimageFact]
    public void The_scikit_image_check_agrees_with_the_evaluation_on_the_images_it_wrote_and_catches_a_changed_number()
    {
        using var trained = TrainedModel.Load(checkpoint.Folder.Path);
        using var data = Workflows.LoadFor(trained, null, checkpoint.Folder.Path);
        var request = new DenoisingRequest(Options: new DenoisingOptions(ValidationSamples: 40, TestSamples: 30), SaveImages: true);
        Workflows.Evaluate(trained, data, new EvaluationOptions { Denoising = request }, _out.Path);
        var script = Path.Combine(RepositoryPaths.Root, "tools", "denoise-check.py");

        var agreed = ProcessRunner.Run(SkimageFactAttribute.Python!, [script, _out.Path], _out.Path, TimeSpan.FromMinutes(5), PythonWithTorch.Environment);

        Assert.True(agreed.ExitCode == 0, agreed.Output + agreed.Errors);
        Assert.Contains("OK: within 0.1 dB", agreed.Output, StringComparison.Ordinal);
        Assert.Contains("median filter", agreed.Output, StringComparison.Ordinal);

        // The same check on a report whose median-filter PSNR is 0.2 dB off must fail.
        var metrics = _out.File(EvaluationReport.FileName);
        var json = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(metrics))!;
        var median = json["denoising"]!["main"]!["methods"]!.AsArray().First(row => (string?)row!["method"] == "median filter")!;
        median["psnr"] = (double)median["psnr"]! + 0.2;
        File.WriteAllText(metrics, json.ToJsonString());

        var disagreed = ProcessRunner.Run(SkimageFactAttribute.Python!, [script, _out.Path], _out.Path, TimeSpan.FromMinutes(5), PythonWithTorch.Environment);

        Assert.Equal(1, disagreed.ExitCode);
        Assert.Contains("FAILED", disagreed.Output, StringComparison.Ordinal);
    }

    // NumPy's .npy v1.0 with a '<f4' C-order array, as NpyFile writes it.
    private static float[] ReadNpy(string path, out long[] shape)
    {
        var bytes = File.ReadAllBytes(path);
        Assert.Equal(0x93, bytes[0]);
        Assert.Equal("NUMPY", System.Text.Encoding.ASCII.GetString(bytes, 1, 5));
        var headerLength = BitConverter.ToUInt16(bytes, 8);
        Assert.Equal(0, (10 + headerLength) % 64);
        var header = System.Text.Encoding.ASCII.GetString(bytes, 10, headerLength);
        Assert.Contains("'descr': '<f4'", header, StringComparison.Ordinal);
        var dimensions = header[(header.IndexOf("'shape': (", StringComparison.Ordinal) + 10)..header.IndexOf(')', StringComparison.Ordinal)];
        shape = [.. dimensions.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(long.Parse)];
        var values = new float[(bytes.Length - 10 - headerLength) / 4];
        Buffer.BlockCopy(bytes, 10 + headerLength, values, 0, values.Length * 4);
        Assert.Equal(shape.Aggregate(1L, (product, size) => product * size), values.Length);
        return values;
    }
}
