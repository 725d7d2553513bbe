using Autoencoders.Data;
using Autoencoders.Data.Preprocessing;
using Autoencoders.Evaluation.Anomaly;
using Autoencoders.Interop.Onnx;
using Autoencoders.Models;
using Autoencoders.Onnx;
using Autoencoders.Pipeline;
using static TorchSharp.torch;

namespace Autoencoders.Cli.Bench;

/// <summary>
/// Scoring speed of one detector on ONNX Runtime (the exported file, <see cref="OnnxDetector"/>) and on TorchSharp (the
/// library's scaler and scorer), both from raw float32 values to scores and flags, with the same thread count.
/// </summary>
internal sealed class OnnxScoreThroughputMeasurement : IBenchMeasurement
{
    /// <summary>The tabular rows' columns: ODDS cardio's 21.</summary>
    public const int Features = 21;

    private const int SingleCalls = 2_000;
    private const int BatchSize = 1_024;
    private const int Batches = 4;

    public string Name => "onnx-score-throughput";

    public string Description =>
        $"Score raw samples with ONNX Runtime (the exported detector) and TorchSharp (scaler + model + score in the library), same threads: the tabular default " +
        $"model ({Features} columns, {AnomalyScoreKinds.Name(TabularDefaults.Score)} score, standard scaler) one row per call ({SingleCalls:N0} calls) and in batches of {BatchSize:N0}, " +
        $"the conv model (mse) on images one per call and in one batch of up to {BatchSize:N0}; one warm-up pass, then the median of the repetitions.";

    public BenchResult Run(BenchContext context)
    {
        using var folder = new TemporaryFolder();
        var figures = new List<BenchFigure>();
        var ratios = new List<string>();
        void Compare(string label, Func<Action> torch, Func<Action> onnx, long samplesPerPass)
        {
            var torchRate = samplesPerPass / Median(context, torch());
            var onnxRate = samplesPerPass / Median(context, onnx());
            context.Progress($"{Name}: {label}: TorchSharp {torchRate:N0} samples/s, ONNX Runtime {onnxRate:N0} samples/s");
            figures.AddRange(
            [
                new($"{label} TorchSharp", torchRate, "samples/s"),
                new($"{label} ONNX Runtime", onnxRate, "samples/s"),
                new($"{label} ONNX Runtime / TorchSharp", onnxRate / torchRate, "ratio"),
            ]);
            ratios.Add($"{label} {onnxRate / torchRate:0.00}×");
        }

        var threads = get_num_threads();
        using (var table = TabularCase.Create(folder.File("table.onnx"), threads))
        {
            Compare("table, batch 1", () => () => table.TorchSingles(SingleCalls), () => () => table.OnnxSingles(SingleCalls), SingleCalls);
            Compare($"table, batch {BatchSize:N0}", () => () => table.TorchBatches(BatchSize, Batches), () => () => table.OnnxBatches(BatchSize, Batches), (long)BatchSize * Batches);
        }

        using (var images = ImageCase.Create(folder.File("conv.onnx"), context.TrainImages, threads))
        {
            Compare("conv, batch 1", () => () => images.TorchSingles(SingleCalls / 10), () => () => images.OnnxSingles(SingleCalls / 10), SingleCalls / 10);
            Compare($"conv, batch {images.Count:N0}", () => () => images.TorchBatch(), () => () => images.OnnxBatch(), images.Count);
        }

        return new BenchResult(Name, Description, figures, $"no target; ONNX Runtime / TorchSharp samples/s: {string.Join(", ", ratios)}");
    }

    private static double Median(BenchContext context, Action pass)
    {
        pass();
        return BenchTiming.Median(Enumerable.Range(0, context.Repetitions).Select(_ => BenchTiming.Seconds(pass)).ToList());
    }

    // The tabular default detector on synthetic raw rows (a 3-dimensional structure, columns of unequal scale and offset).
    private sealed class TabularCase : IDisposable
    {
        private readonly Autoencoder _model;
        private readonly FeatureScaler _scaler;
        private readonly AnomalyScorer _scorer;
        private readonly OnnxDetector _detector;
        private readonly float[] _rows;
        private readonly double _threshold;

        private TabularCase(Autoencoder model, FeatureScaler scaler, AnomalyScorer scorer, OnnxDetector detector, float[] rows, double threshold)
        {
            (_model, _scaler, _scorer, _detector, _rows, _threshold) = (model, scaler, scorer, detector, rows, threshold);
        }

        public static TabularCase Create(string path, int threads)
        {
            using var scope = NewDisposeScope();
            var raw = (SyntheticData.LowRank(BatchSize * Batches, Features, rank: 3, seed: BenchModels.Seed) * arange(1, Features + 1, dtype: ScalarType.Float32)) + 50;
            var scaler = new FeatureScaler(ScalingKind.Standard).Fit(raw);
            var model = ModelFactory.Create(TabularDefaults.Model(Features), [Features], BenchModels.Seed);
            var scorer = AnomalyScorer.Fit(model, scaler.Transform(raw), TabularDefaults.Score);
            var thresholds = AnomalyThresholdSet.Fit(scorer.TrainingScores) with { Score = scorer.Name };
            OnnxExport.Save(new OnnxDetectorParts(model, scaler.State, DetectorScore.Of(scorer), thresholds, Recipe: null), path);
            return new TabularCase(model, scaler, scorer, OnnxDetector.Load(path, threads), raw.contiguous().data<float>().ToArray(), thresholds.Default.Value);
        }

        public void TorchSingles(int calls)
        {
            for (var call = 0; call < calls; call++)
            {
                Torch(call % (BatchSize * Batches), 1);
            }
        }

        public void OnnxSingles(int calls)
        {
            for (var call = 0; call < calls; call++)
            {
                _detector.Score(_rows.AsSpan((call % (BatchSize * Batches)) * Features, Features).ToArray(), 1);
            }
        }

        public void TorchBatches(int size, int batches)
        {
            for (var batch = 0; batch < batches; batch++)
            {
                Torch(batch * size, size);
            }
        }

        public void OnnxBatches(int size, int batches)
        {
            for (var batch = 0; batch < batches; batch++)
            {
                _detector.Score(_rows.AsSpan(batch * size * Features, size * Features).ToArray(), size);
            }
        }

        public void Dispose()
        {
            _detector.Dispose();
            _scorer.Dispose();
            _model.Dispose();
        }

        // What a service does with the library: raw values to a tensor, the scaler, the score, the flags.
        private void Torch(int first, int count)
        {
            using var scope = NewDisposeScope();
            var values = tensor(_rows.AsSpan(first * Features, count * Features).ToArray(), [count, Features]);
            _ = _scorer.Score(_scaler.Transform(values)).Select(score => score > _threshold).ToArray();
        }
    }

    // The bench's conv model (untrained: speed does not depend on the weights) scoring images with mse.
    private sealed class ImageCase : IDisposable
    {
        private readonly Autoencoder _model;
        private readonly OnnxDetector _detector;
        private readonly float[] _pixels;
        private readonly long[] _shape;
        private readonly double _threshold;

        private ImageCase(Autoencoder model, OnnxDetector detector, float[] pixels, long[] shape, double threshold)
        {
            (_model, _detector, _pixels, _shape, _threshold) = (model, detector, pixels, shape, threshold);
        }

        public int Count => (int)_shape[0];

        private int Size => (int)(_shape[1] * _shape[2] * _shape[3]);

        public static ImageCase Create(string path, Tensor trainImages, int threads)
        {
            using var scope = NewDisposeScope();
            var images = BenchModels.Head(trainImages, BatchSize).contiguous();
            var model = BenchModels.Create(BenchModels.Conv, images);
            var thresholds = AnomalyThresholdSet.Fit(AnomalyScores.Compute(model, images));
            OnnxExport.Save(new OnnxDetectorParts(model, null, DetectorScore.Mse, thresholds, Recipe: null), path);
            return new ImageCase(model, OnnxDetector.Load(path, threads), images.data<float>().ToArray(), images.shape, thresholds.Default.Value);
        }

        public void TorchSingles(int calls)
        {
            for (var call = 0; call < calls; call++)
            {
                Torch(call % Count, 1);
            }
        }

        public void OnnxSingles(int calls)
        {
            for (var call = 0; call < calls; call++)
            {
                _detector.Score(_pixels.AsSpan((call % Count) * Size, Size).ToArray(), 1);
            }
        }

        public void TorchBatch() => Torch(0, Count);

        public void OnnxBatch() => _detector.Score(_pixels, Count);

        public void Dispose()
        {
            _detector.Dispose();
            _model.Dispose();
        }

        private void Torch(int first, int count)
        {
            using var scope = NewDisposeScope();
            var values = tensor(_pixels.AsSpan(first * Size, count * Size).ToArray(), [count, .. _shape[1..]]);
            _ = AnomalyScores.Compute(_model, values, batchSize: BatchSize).Select(score => score > _threshold).ToArray();
        }
    }

    private sealed class TemporaryFolder : IDisposable
    {
        public TemporaryFolder() => Directory.CreateDirectory(Path);

        public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"autoencoders-bench-{Guid.NewGuid():N}");

        public string File(string name) => System.IO.Path.Combine(Path, name);

        public void Dispose() => Directory.Delete(Path, recursive: true);
    }
}
