using Autoencoders.Data;
using Autoencoders.Evaluation;
using Autoencoders.Evaluation.Denoising;
using Autoencoders.Models;
using Autoencoders.Tests.Support;
using TorchSharp;
using static TorchSharp.torch;

namespace Autoencoders.Tests.Evaluation.Denoising;

public class DenoisingEvaluationTests
{
    [OpenCvFact]
    public void Classical_parameters_are_chosen_on_the_validation_images_not_on_the_test_images()
    {
        using var scope = NewDisposeScope();
        // Flat validation images reward the strongest smoothing; a one-pixel checkerboard as test images is destroyed by
        // it. A selection that looked at the test images would pick the weakest smoothing instead.
        var validation = full(30, 1, 16, 16, 0.5f);
        var test = Checkerboard(30, 16);
        var noise = new ImageNoise(NoiseKind.Gaussian, 0.2, Seed: 7);

        var report = DenoisingEvaluation.Evaluate(null, validation, test, noise);

        var blur = report.Find("gaussian blur")!;
        var median = report.Find("median filter")!;
        Assert.Equal(ClassicalDenoisers.Candidates(ClassicalMethod.GaussianBlur)[^1], blur.Parameter!.Value);
        Assert.Equal(5, median.Parameter!.Value);
        var testNoisy = noise.Apply(test);
        var weakest = SampleMetrics.Psnr(ClassicalDenoisers.Apply(ClassicalMethod.GaussianBlur, 0.5, testNoisy), test).mean().item<double>();
        Assert.True(weakest > blur.Psnr + 1, $"on the test images sigma 0.5 gives {weakest:F2} dB, the chosen sigma {blur.Psnr:F2} dB");
        Assert.Equal(blur.Search.Max(candidate => candidate.ValidationPsnr), blur.Search[^1].ValidationPsnr);
    }

    [OpenCvFact]
    public void A_report_measures_the_noisy_input_the_model_and_every_classical_method_on_the_same_noisy_images_and_leaks_nothing()
    {
        using var digits = Datasets.Load(Datasets.Digits);
        using var validation = digits.TrainFeatures.narrow(0, 0, 40);
        using var test = digits.TestFeatures.narrow(0, 0, 60);
        using var model = ModelFactory.Create(new ModelOptions(ModelKind.Dense, LatentSize: 8), [1, 28, 28], seed: 1);
        var noise = new ImageNoise(NoiseKind.SaltAndPepper, 0.2, Seed: 3);
        var before = DisposeScopeManager.Statistics.ThreadTotalLiveCount;

        var report = DenoisingEvaluation.Evaluate(model, validation, test, noise, new DenoisingOptions(ValidationSamples: 20, TestSamples: 50));

        Assert.Equal(before, DisposeScopeManager.Statistics.ThreadTotalLiveCount);
        Assert.Equal(["noisy input", "autoencoder", "gaussian blur", "median filter", "non-local means"], report.Methods.Select(row => row.Method));
        Assert.Equal((50L, 20L, "salt-and-pepper", 0.2, 3L), (report.TestSamples, report.ValidationSamples, report.Noise, report.Level, report.Seed));
        Assert.Empty(report.Omitted);
        using var scope = NewDisposeScope();
        var clean = test.narrow(0, 0, 50);
        var noisy = noise.Apply(clean);
        Assert.Equal(SampleMetrics.Psnr(noisy, clean).mean().item<double>(), report.Methods[0].Psnr, 1e-9);
        Assert.Equal(Ssim.Mean(noisy, clean), report.Methods[0].Ssim!.Value, 1e-9);
        var median = report.Find("median filter")!;
        var expected = SampleMetrics.Psnr(ClassicalDenoisers.Apply(ClassicalMethod.Median, median.Parameter!.Value, noisy), clean).mean().item<double>();
        Assert.Equal(expected, median.Psnr, 1e-9);
        Assert.True(median.Psnr > report.Methods[0].Psnr + 3, "a median filter removes salt-and-pepper noise");
        Assert.Equal(median, report.BestClassical);
    }

    [Fact]
    public void Inputs_outside_the_unit_range_or_of_different_shapes_are_refused()
    {
        using var scope = NewDisposeScope();
        var images = full(4, 1, 12, 12, 0.5f);

        Assert.Throws<ArgumentException>(() => DenoisingEvaluation.Evaluate(null, images, images + 0.6f, ImageNoise.KerasBlog));
        Assert.Throws<ArgumentException>(() => DenoisingEvaluation.Evaluate(null, full(4, 1, 12, 13, 0.5f), images, ImageNoise.KerasBlog));
        Assert.Throws<ArgumentException>(() => DenoisingEvaluation.Evaluate(null, images, images, new ImageNoise(NoiseKind.Masking, 2)));
    }

    private static Tensor Checkerboard(int count, int side)
    {
        var rows = arange(side).view(side, 1);
        var columns = arange(side).view(1, side);
        return (rows + columns).remainder(2).to_type(ScalarType.Float32).expand(count, 1, side, side).contiguous();
    }
}
