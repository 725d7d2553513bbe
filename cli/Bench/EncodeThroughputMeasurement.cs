using static TorchSharp.torch;

namespace Autoencoders.Cli.Bench;

/// <summary>Inference speed of the encoders (no gradients, eval mode, batches of 1,024): samples/s for dense and conv.</summary>
internal sealed class EncodeThroughputMeasurement : IBenchMeasurement
{
    public string Name => "encode-throughput";

    public string Description =>
        $"Encode (no_grad, eval mode, batches of {BenchModels.EncodeBatchSize:N0}) all training images with the dense model and the first " +
        $"{TrainingThroughputMeasurement.ConvSamples:N0} with the conv model; one warm-up pass, then the median of the repetitions.";

    public BenchResult Run(BenchContext context)
    {
        var figures = new List<BenchFigure>();
        var summary = new List<string>();
        foreach (var (label, options, limit) in new[] { ("dense", BenchModels.Dense, long.MaxValue), ("conv", BenchModels.Conv, TrainingThroughputMeasurement.ConvSamples) })
        {
            using var images = BenchModels.Head(context.TrainImages, limit);
            using var model = BenchModels.Create(options, images);
            model.eval();
            var layers = FlopCount.Layers(options, images.shape[1..]);
            using var noGrad = no_grad();
            var samples = images.shape[0];
            void EncodeAll()
            {
                for (long start = 0; start < samples; start += BenchModels.EncodeBatchSize)
                {
                    using var scope = NewDisposeScope();
                    model.Encode(images.narrow(0, start, Math.Min(BenchModels.EncodeBatchSize, samples - start)));
                }
            }

            EncodeAll();
            var seconds = BenchTiming.Median(Enumerable.Range(0, context.Repetitions).Select(_ => BenchTiming.Seconds(EncodeAll)).ToList());
            var samplesPerSecond = samples / seconds;
            var gflops = samplesPerSecond * FlopCount.EncodePerSample(layers) / 1e9;
            context.Progress($"{Name}: {label}: {samplesPerSecond:N0} samples/s");
            figures.AddRange(
            [
                new($"{label} samples", samples, "count"),
                new($"{label} pass (median)", seconds, "s"),
                new($"{label} throughput", samplesPerSecond, "samples/s"),
                new($"{label} achieved", gflops, "GFLOP/s"),
            ]);
            summary.Add($"{label} {samplesPerSecond:N0} samples/s");
        }

        return new BenchResult(Name, Description, figures, $"no target; {string.Join(", ", summary)}");
    }
}
