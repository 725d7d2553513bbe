using Autoencoders.Data.TimeSeries;
using Autoencoders.Evaluation.Anomaly;
using Autoencoders.Interop.Onnx;
using Autoencoders.Models;
using Autoencoders.Onnx;
using Autoencoders.Tests.Support;

namespace Autoencoders.Tests.Onnx;

/// <summary>The ONNX package's detector: images scored as the library scores them, the series rule, and files it refuses.</summary>
public sealed class OnnxDetectorTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Images_scored_by_the_package_get_the_library_s_ssim_plus_latent_scores_and_its_description()
    {
        using var images = OnnxParityTests.Images(28, 28);
        using var model = ModelFactory.Create(new ModelOptions(ModelKind.Conv, LatentSize: 6), [1, 28, 28], seed: 8);
        using var training = images.narrow(0, 0, 40);
        using var scorer = ImageAnomalyScorer.Fit(model, training, [ImageAnomalyScore.SsimPlusLatent]);
        var path = _folder.File("digits.onnx");
        OnnxExport.Save(new OnnxDetectorParts(model, null, DetectorScore.Of(scorer, ImageAnomalyScore.SsimPlusLatent),
            OnnxParityTests.MedianThreshold(scorer.TrainingScores[0], "ssim+latent"), Recipe: null), path);
        using var fresh = images.narrow(0, 40, 24).contiguous();
        var expected = scorer.Compute(fresh)[0];

        using var detector = OnnxDetector.Load(path, threads: 1);
        var result = detector.Score(fresh.data<float>().ToArray(), 24);

        Assert.Equal(DetectorInput.Images, detector.Description.Input);
        Assert.Equal([1, 28, 28], detector.Description.SampleShape);
        Assert.Equal("ssim+latent", detector.Description.Score);
        Assert.Equal(6 * 24, result.Codes.Length);
        Assert.Equal(28 * 28 * 24, result.Reconstructions.Length);
        for (var i = 0; i < expected.Length; i++)
        {
            // z-values in units of a training standard deviation; the library's float32 nearest-code distance (see OnnxParityTests).
            Assert.True(Math.Abs(expected[i] - result.Scores[i]) <= OnnxParityTests.LatentTolerance, $"image {i}: library {expected[i]:R}, package {result.Scores[i]:R}");
        }

        Assert.Equal(expected.Select(score => score > detector.Description.Threshold), result.Anomalies);
        Assert.Throws<ArgumentException>(() => detector.Score(new float[10], 1));
        var (code, _, errors) = CliTests.Run("score", "--engine", "onnx", "--model", path, "--input", _folder.Write("x.csv", "a\n1\n"), "--out", _folder.File("s.csv"));
        Assert.Equal(2, code);
        Assert.Contains("scores images, and --engine onnx reads CSV files", errors, StringComparison.Ordinal);
    }

    [Fact]
    public void A_step_s_score_is_the_lowest_of_its_windows_as_in_the_library()
    {
        var random = new Random(4);
        var windowScores = Enumerable.Range(0, 30).Select(_ => random.NextDouble()).ToArray();

        Assert.Equal(SlidingWindows.MinimumPerStep(windowScores, steps: 36, length: 7), OnnxDetector.MinimumPerStep(windowScores, steps: 36, length: 7));
    }

    [Fact]
    public void A_file_that_is_not_an_exported_detector_is_refused_naming_the_file()
    {
        var text = _folder.Write("not.onnx", "hello");
        var missing = _folder.File("missing.onnx");

        var garbage = Assert.Throws<FormatException>(() => OnnxDetector.Load(text));
        Assert.Contains("not.onnx: ONNX Runtime cannot load it", garbage.Message, StringComparison.Ordinal);
        var absent = Assert.Throws<FileNotFoundException>(() => OnnxDetector.Load(missing));
        Assert.Contains("export --format onnx", absent.Message, StringComparison.Ordinal);
    }
}
