using Autoencoders.Data;
using Autoencoders.Data.Preprocessing;
using Autoencoders.Data.TimeSeries;
using Autoencoders.Evaluation.Anomaly;
using Autoencoders.Interop.Onnx;
using Autoencoders.Models;
using Autoencoders.Tests.Support;
using Google.Protobuf;
using TorchSharp;
using static TorchSharp.torch;

namespace Autoencoders.Tests.Onnx;

/// <summary>
/// An exported detector gives in ONNX Runtime what the library gives in TorchSharp: codes, reconstructions in the
/// input's units, scores and flags, for every model kind and score kind, on rows, images and windows of a series.
/// Weights are the seeded initial ones: the graph is what is tested, and untrained weights exercise every layer.
/// </summary>
public sealed class OnnxParityTests
{
    // The two runtimes sum float32 products in different orders (blocking, vector width): a few float32 roundings over
    // a layer's sums, about 1e-6 of a value's scale; the scores are float64 sums of those float32 values.
    private const double Tolerance = 1e-5;

    // ssim+latent, in training standard deviations: the library takes the nearest-code distance from float32 cdist, which
    // computes ‖q‖² + ‖t‖² − 2q·t, so the cancellation leaves about 1e-7 of the squared norms (codes of norm ~10 near a
    // distance of ~1: ~1e-5 of the distance; 1.07e-5 seen with ATEN_CPU_CAPABILITY=default); the graph computes it in
    // float64. The other terms agree to Tolerance.
    internal const double LatentTolerance = 1e-4;

    [Theory]
    [InlineData(ModelKind.Dense, "mse")]
    [InlineData(ModelKind.Dense, "mse+centre")]
    [InlineData(ModelKind.Deep, "centre+knn")]
    [InlineData(ModelKind.Linear, "mse+centre")]
    [InlineData(ModelKind.Sparse, "mse")]
    [InlineData(ModelKind.Vae, "centre+knn")]
    public void Rows_score_alike_in_ONNX_Runtime_and_TorchSharp(ModelKind kind, string scoreName)
    {
        // Raw rows far from 0 with unequal spreads, so that the scaler in the graph matters.
        using var low = SyntheticData.LowRank(samples: 90, features: 10, rank: 3, seed: 5);
        using var spread = arange(1, 11, dtype: ScalarType.Float32);
        using var raw = (low * spread) + 100;
        var scaler = new FeatureScaler(ScalingKind.Standard).Fit(raw.narrow(0, 0, 60));
        using var model = ModelFactory.Create(new ModelOptions(kind, LatentSize: 3, Output: OutputActivation.Identity), [10], seed: 5);
        using var training = scaler.Transform(raw.narrow(0, 0, 60));
        var before = DisposeScopeManager.Statistics.ThreadTotalLiveCount;
        using (var scorer = AnomalyScorer.Fit(model, training, AnomalyScoreKinds.Parse(scoreName)!.Value, neighbours: 4))
        {
            var thresholds = MedianThreshold(scorer.TrainingScores, scorer.Name);
            var onnx = Export(new OnnxDetectorParts(model, scaler.State, DetectorScore.Of(scorer), thresholds, Recipe: null));

            using var newRaw = raw.narrow(0, 60, 30);
            using var prepared = scaler.Transform(newRaw);
            var outputs = OnnxOutputs.Run(onnx, newRaw);
            AssertAlike(model, prepared, scaler, outputs, scorer.Score(prepared), thresholds.Default.Value, scaleOfScores: null);
        }

        Assert.Equal(before, DisposeScopeManager.Statistics.ThreadTotalLiveCount);
    }

    [Theory]
    [InlineData(ModelKind.Conv, "mse", 28, 28)]
    [InlineData(ModelKind.Conv, "ssim+latent", 28, 28)]
    [InlineData(ModelKind.Denoising, "blurred-mse", 28, 28)]
    [InlineData(ModelKind.Conv, "ssim", 15, 13)]
    [InlineData(ModelKind.Dense, "ssim+latent", 28, 28)]
    [InlineData(ModelKind.Vae, "mse", 28, 28)]
    public void Images_score_alike_in_ONNX_Runtime_and_TorchSharp(ModelKind kind, string scoreName, int height, int width)
    {
        using var images = Images(height, width);
        using var model = ModelFactory.Create(new ModelOptions(kind, LatentSize: 8, HiddenSizes: kind == ModelKind.Vae ? [32] : null), [1, height, width], seed: 6);
        using var training = images.narrow(0, 0, 40);
        var score = ImageAnomalyScores.Parse(scoreName)!.Value;
        var before = DisposeScopeManager.Statistics.ThreadTotalLiveCount;
        using (var scorer = ImageAnomalyScorer.Fit(model, training, [score]))
        {
            var thresholds = MedianThreshold(scorer.TrainingScores[0], scoreName);
            var onnx = Export(new OnnxDetectorParts(model, Scaler: null, DetectorScore.Of(scorer, score), thresholds, Recipe: null));

            using var fresh = images.narrow(0, 40, 24);
            var outputs = OnnxOutputs.Run(onnx, fresh);
            // A standardised score (z-values) is near 0 for typical images; its unit is one training standard deviation.
            AssertAlike(model, fresh, scaler: null, outputs, scorer.Compute(fresh)[0], thresholds.Default.Value,
                scaleOfScores: score == ImageAnomalyScore.SsimPlusLatent ? LatentTolerance / Tolerance : null);
        }

        Assert.Equal(before, DisposeScopeManager.Statistics.ThreadTotalLiveCount);
    }

    [Fact]
    public void Windows_of_a_series_score_alike_in_ONNX_Runtime_and_TorchSharp_with_keras_io_s_layout()
    {
        // Two channels of a noisy sine in raw units, cut into windows of 24 steps as the CLI cuts a series.
        using var steps = arange(200, dtype: ScalarType.Float32);
        using var series = stack([(steps * 0.2).sin() * 30 + 500, (steps * 0.05).cos() * 2 - 7], 1);
        using var windows = SlidingWindows.Create(series, length: 24, stride: 1);
        var scaler = new FeatureScaler(ScalingKind.Standard).Fit(windows);
        // keras-io's model: no dense code, kernel 7, dropout (off in inference), a stride-1 convolution last.
        using var model = ModelFactory.Create(new ModelOptions(ModelKind.Sequence, Channels: [8, 4], KernelSize: 7, Dropout: 0.2, DenseCode: false, Output: OutputActivation.Identity), [24, 2], seed: 7);
        using var prepared = scaler.Transform(windows);
        var before = DisposeScopeManager.Statistics.ThreadTotalLiveCount;
        using (var scorer = AnomalyScorer.Fit(model, prepared, AnomalyScoreKind.Reconstruction))
        {
            var thresholds = MedianThreshold(scorer.TrainingScores, "mse");
            var onnx = Export(new OnnxDetectorParts(model, scaler.State, DetectorScore.Mse, thresholds, Recipe: null));

            var outputs = OnnxOutputs.Run(onnx, windows);
            AssertAlike(model, prepared, scaler, outputs, scorer.Score(prepared), thresholds.Default.Value, scaleOfScores: null);
        }

        Assert.Equal(before, DisposeScopeManager.Statistics.ThreadTotalLiveCount);
    }

    [Fact]
    public void A_score_whose_thresholds_were_fitted_on_another_score_or_that_needs_images_is_refused_naming_why()
    {
        using var model = ModelFactory.Create(new ModelOptions(ModelKind.Dense, LatentSize: 2), [6], seed: 1);
        var thresholds = AnomalyThresholdSet.Fit([0.1, 0.2, 0.3]);

        var mismatch = Assert.Throws<DataInputException>(() => OnnxExport.Build(new OnnxDetectorParts(model, null, DetectorScore.Mse, thresholds with { Score = "ssim" }, null)));
        Assert.Contains("fitted on the ssim score but the detector scores with mse", mismatch.Message, StringComparison.Ordinal);
        var notImages = Assert.Throws<DataInputException>(() => OnnxExport.Build(new OnnxDetectorParts(model, null, new DetectorScore("ssim"), thresholds with { Score = "ssim" }, null)));
        Assert.Contains("the ssim score needs images", notImages.Message, StringComparison.Ordinal);
        var unknown = Assert.Throws<DataInputException>(() => OnnxExport.Build(new OnnxDetectorParts(model, null, new DetectorScore("bce"), thresholds with { Score = "bce" }, null)));
        Assert.Contains("the score 'bce' has no ONNX form", unknown.Message, StringComparison.Ordinal);
    }

    // The training median as the default threshold, so that new samples fall on both sides of it and the flags are tested.
    internal static AnomalyThresholdSet MedianThreshold(IReadOnlyList<double> trainingScores, string score)
    {
        var fitted = AnomalyThresholdSet.Fit(trainingScores);
        var median = new AnomalyThreshold(ThresholdRule.Percentile, 0.5, fitted.TrainingScores.Median);
        return fitted with { Score = score, DefaultRule = ThresholdRule.Percentile, Rules = [median] };
    }

    internal static byte[] Export(OnnxDetectorParts parts) => OnnxExport.Build(parts).ToByteArray();

    // Digits scaled to [0, 1], resized by cropping when a smaller image is asked for.
    internal static Tensor Images(int height, int width)
    {
        using var data = Datasets.Load(Datasets.Digits);
        using var scope = NewDisposeScope();
        return data.TestFeatures.narrow(0, 0, 64).narrow(2, 0, height).narrow(3, 0, width).contiguous().MoveToOuterDisposeScope();
    }

    private static void AssertAlike(Autoencoder model, Tensor prepared, FeatureScaler? scaler, OnnxOutputs outputs, double[] expectedScores, double threshold, double? scaleOfScores)
    {
        using var scope = NewDisposeScope();
        var codes = BatchedInference.Map(model, prepared, model.Encode);
        var reconstructions = BatchedInference.Map(model, prepared, model.forward);
        OnnxOutputs.AssertCloseToScale(codes, outputs.Code, Tolerance, "codes");
        OnnxOutputs.AssertCloseToScale(scaler?.InverseTransform(reconstructions) ?? reconstructions, outputs.Reconstruction, Tolerance, "reconstructions in the input's units");
        Assert.Equal(expectedScores.Length, outputs.Score.Length);
        for (var i = 0; i < expectedScores.Length; i++)
        {
            if (scaleOfScores is { } unit)
            {
                Assert.True(Math.Abs(outputs.Score[i] - expectedScores[i]) <= Tolerance * unit, $"score {i}: TorchSharp {expectedScores[i]:R}, ONNX Runtime {outputs.Score[i]:R}");
            }
            else
            {
                AssertClose.Relative(expectedScores[i], outputs.Score[i], Tolerance, $"score {i}");
            }
        }

        Assert.Equal(expectedScores.Select(score => score > threshold), outputs.Anomaly);
        Assert.Contains(true, outputs.Anomaly);
        Assert.Contains(false, outputs.Anomaly);
    }
}
