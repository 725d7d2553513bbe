using Autoencoders.Training;

namespace Autoencoders.Cli.Bench;

/// <summary>
/// Training speed of the dense and convolutional autoencoders through the trainer: samples/s, achieved GFLOP/s
/// (counted by <see cref="FlopCount"/>) and the fraction of the matrix-multiply peak measured in the same run.
/// </summary>
internal sealed class TrainingThroughputMeasurement : IBenchMeasurement
{
    /// <summary>The convolutional model trains on at most this many samples per epoch, to keep the bench short.</summary>
    public const long ConvSamples = 8_192;

    public string Name => "training-throughput";

    public string Description =>
        $"Trainer.Fit epochs (batch {BenchModels.BatchSize}, MSE), first epoch excluded, median: dense 784-32-784 on all training images, " +
        $"conv (channels 32-16, latent 32) on the first {ConvSamples:N0}. GFLOP/s = samples/s × 3 × forward flops per sample " +
        "(linear 2·in·out; conv 2·Cin·Cout·k²·Hout·Wout; transposed conv 2·Cin·Cout·k²·Hin·Win).";

    public BenchResult Run(BenchContext context)
    {
        var figures = new List<BenchFigure>();
        var fractions = new List<string>();
        foreach (var (label, options, limit) in new[] { ("dense", BenchModels.Dense, long.MaxValue), ("conv", BenchModels.Conv, ConvSamples) })
        {
            using var train = BenchModels.Head(context.TrainImages, limit);
            var layers = FlopCount.Layers(options, train.shape[1..]);
            using var model = BenchModels.Create(options, train);
            using var trainer = new Trainer(model, new TrainingOptions(Epochs: 1 + context.Repetitions, BatchSize: BenchModels.BatchSize, Seed: BenchModels.Seed));
            BenchTiming.CollectGarbage();
            var history = trainer.Fit(train);
            var seconds = BenchTiming.Median(history.Epochs.Skip(1).Select(epoch => epoch.Seconds));
            var samplesPerSecond = train.shape[0] / seconds;
            var gflops = samplesPerSecond * FlopCount.TrainingPerSample(layers) / 1e9;
            context.Progress($"{Name}: {label}: {samplesPerSecond:N0} samples/s, {gflops:F1} GFLOP/s");
            figures.AddRange(
            [
                new($"{label} samples per epoch", train.shape[0], "count"),
                new($"{label} training flops per sample", FlopCount.TrainingPerSample(layers) / 1e6, "MFLOP"),
                new($"{label} epoch (median)", seconds, "s"),
                new($"{label} throughput", samplesPerSecond, "samples/s"),
                new($"{label} achieved", gflops, "GFLOP/s"),
            ]);
            if (context.MatmulPeakGflops is { } peak)
            {
                figures.Add(new($"{label} fraction of matmul peak", gflops / peak * 100, "%"));
                fractions.Add($"{label} {gflops:F1} GFLOP/s = {gflops / peak * 100:F0}%");
            }
        }

        var verdict = fractions.Count > 0
            ? $"no target; of the {context.MatmulPeakGflops:F1} GFLOP/s matmul peak: {string.Join(", ", fractions)}"
            : "no target; the matmul peak was not measured in this run";
        return new BenchResult(Name, Description, figures, verdict);
    }
}
