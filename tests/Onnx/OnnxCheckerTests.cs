using Autoencoders.Data.Preprocessing;
using Autoencoders.Evaluation.Anomaly;
using Autoencoders.Interop.Onnx;
using Autoencoders.Models;
using Autoencoders.Tests.Support;
using Autoencoders.Data;

namespace Autoencoders.Tests.Onnx;

/// <summary>ONNX's own checker (Debian's python3-onnx 1.12, with shape inference) accepts the exported files.</summary>
public sealed class OnnxCheckerTests
{
    private const string Check = """
        import json, sys, onnx
        for path in sys.argv[1:]:
            model = onnx.load(path)
            onnx.checker.check_model(model, full_check=True)
            meta = {p.key: p.value for p in model.metadata_props}
            detector = json.loads(meta["autoencoders.detector"])
            print("checked", model.opset_import[0].version, detector["score"], detector["threshold"]["value"], path)
        """;

    [OnnxCheckerFact]
    public void The_exported_files_of_every_model_kind_and_score_kind_pass_ONNX_s_checker_with_full_shape_inference()
    {
        using var folder = new TempFolder();
        var files = new List<string>();
        void Write(string name, OnnxDetectorParts parts)
        {
            var path = folder.File(name + ".onnx");
            OnnxExport.Save(parts, path);
            files.Add(path);
        }

        using (var rows = SyntheticData.LowRank(samples: 40, features: 6, rank: 2, seed: 3))
        {
            var scaler = new FeatureScaler(ScalingKind.MinMax).Fit(rows);
            foreach (var (kind, score) in new[] { (ModelKind.Deep, AnomalyScoreKind.CentreAndNeighbours), (ModelKind.Linear, AnomalyScoreKind.ReconstructionAndCentre), (ModelKind.Sparse, AnomalyScoreKind.Reconstruction), (ModelKind.Vae, AnomalyScoreKind.CentreAndNeighbours) })
            {
                using var model = ModelFactory.Create(new ModelOptions(kind, LatentSize: 2), [6], seed: 3);
                using var scorer = AnomalyScorer.Fit(model, rows, score, neighbours: 3);
                Write($"{kind}-{score}", new OnnxDetectorParts(model, scaler.State, DetectorScore.Of(scorer), AnomalyThresholdSet.Fit(scorer.TrainingScores) with { Score = scorer.Name }, null));
            }
        }

        using (var images = OnnxParityTests.Images(28, 28))
        {
            foreach (var (kind, score) in new[] { (ModelKind.Conv, ImageAnomalyScore.SsimPlusLatent), (ModelKind.Denoising, ImageAnomalyScore.BlurredMse), (ModelKind.Dense, ImageAnomalyScore.Ssim) })
            {
                using var model = ModelFactory.Create(new ModelOptions(kind, LatentSize: 4), [1, 28, 28], seed: 3);
                using var scorer = ImageAnomalyScorer.Fit(model, images, [score]);
                Write($"{kind}-{score}", new OnnxDetectorParts(model, null, DetectorScore.Of(scorer, score), AnomalyThresholdSet.Fit(scorer.TrainingScores[0]) with { Score = ImageAnomalyScores.Name(score) }, null));
            }
        }

        using (var model = ModelFactory.Create(new ModelOptions(ModelKind.Sequence, KernelSize: 7, Dropout: 0.2, DenseCode: false), [24, 2], seed: 3))
        {
            Write("sequence-mse", new OnnxDetectorParts(model, new ScalerState(ScalingKind.Standard, [1, 2], [3, 4]), DetectorScore.Mse, AnomalyThresholdSet.Fit([0.1, 0.3]), null));
        }

        var run = ProcessRunner.Run(PythonWithOnnx.Path ?? "python3", ["-c", Check, .. files], folder.Path, TimeSpan.FromMinutes(2));

        Assert.True(run.ExitCode == 0, run.Output + run.Errors);
        var checkedLines = run.Output.Split('\n').Where(line => line.StartsWith("checked 17 ", StringComparison.Ordinal)).ToList();
        Assert.Equal(files.Count, checkedLines.Count);
    }
}
