using Autoencoders.Data;
using Autoencoders.Evaluation.Anomaly;
using Autoencoders.Interop.Onnx;
using Autoencoders.Models;
using Autoencoders.Onnx;
using Autoencoders.Pipeline;
using Autoencoders.Tests.Support;
using Autoencoders.Training;

namespace Autoencoders.Tests.Onnx;

/// <summary>A checkpoint's saved score (issue 22) goes into its ONNX file: ONNX Runtime scores as the checkpoint does.</summary>
public sealed class OnnxCheckpointExportTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Theory]
    [InlineData("ssim+latent")]
    [InlineData("ssim")]
    [InlineData("mse")]
    public void An_exported_image_detector_scores_as_its_checkpoint(string score)
    {
        using var data = Datasets.Load("digits");
        using (var trained = ModelTraining.Train(data, new ModelOptions(ModelKind.Conv, LatentSize: 8), new TrainingOptions(Epochs: 1, BatchSize: 256),
            new TrainingSelection(ValidationFraction: 0, NormalClass: 5), detector: new DetectorOptions(score)))
        {
            trained.Save(_folder.File("model"));
        }

        OnnxExport.Export(_folder.File("model"), _folder.File("model.onnx"));
        using var loaded = TrainedModel.Load(_folder.File("model"));
        using var test = data.TestFeatures.narrow(0, 0, 64);
        var expected = loaded.Score(test);
        using var detector = OnnxDetector.Load(_folder.File("model.onnx"), threads: 1);
        var actual = detector.Score(test.contiguous().data<float>().ToArray(), 64).Scores;

        // ssim+latent is in units of training SDs; the library takes the nearest-code distance from float32 cdist, whose
        // |q|² − 2q·t + |t|² form loses about 1e-4 of an SD to cancellation on these small codes (1.2e-4 seen), the graph
        // computes it in float64. The other scores agree to float32's 1e-5.
        var (tolerance, scale) = score == "ssim+latent" ? (1e-3, 1.0) : (1e-5, Math.Abs(expected.Average()));
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.True(Math.Abs(expected[i] - actual[i]) <= tolerance * scale, $"image {i}: checkpoint {expected[i]}, ONNX {actual[i]}");
        }
    }
}
