using System.Text.Json;
using Autoencoders.Pipeline;
using Autoencoders.Tests.Support;

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
}
