using Autoencoders.Training;

namespace Autoencoders.Cli.Bench;

/// <summary>
/// Training speed of the dense and convolutional autoencoders through the trainer: samples/s, achieved GFLOP/s
/// (counted by <see cref="FlopCount"/>) and the fraction of the matrix-multiply peak timed right before and right
/// after these passes, so that both sides see the CPU in the same state (clock, caches, other load).
/// </summary>
internal sealed class TrainingThroughputMeasurement : IBenchMeasurement
{
    /// <summary>The convolutional model trains on at most this many samples per epoch, to keep the bench short.</summary>
    public const long ConvSamples = 8_192;

    /// <summary>Issue 11's goal for the conv model's fraction of the peak.</summary>
    public const double ConvTargetPercent = 18;

    public string Name => "training-throughput";

    public string Description =>
        $"Trainer.Fit epochs (batch {BenchModels.BatchSize}, MSE), first epoch excluded, median: dense 784-32-784 on all training images, " +
        $"conv (channels 32-16, latent 32) on the first {ConvSamples:N0}. GFLOP/s = samples/s × 3 × forward flops per sample " +
        "(linear 2·in·out; conv 2·Cin·Cout·k²·Hout·Wout; transposed conv 2·Cin·Cout·k²·Hin·Win). The matmul peak is timed right before " +
        "these passes (matmul-peak) and right after them, each after its warm-up; fractions are of the median of both timings' products. " +
        "Page faults: minor faults per epoch after the first (Linux).";

    public BenchResult Run(BenchContext context)
    {
        var products = MatmulPeakMeasurement.ProductsPerRepetition * context.Repetitions;
        var before = context.PeakBefore ?? MatmulPeak.Measure(products);
        var passes = new List<(string Label, double Gflops, List<BenchFigure> Figures)>();
        foreach (var (label, options, limit) in new[] { ("dense", BenchModels.Dense, long.MaxValue), ("conv", BenchModels.Conv, ConvSamples) })
        {
            using var train = BenchModels.Head(context.TrainImages, limit);
            var layers = FlopCount.Layers(options, train.shape[1..]);
            using var model = BenchModels.Create(options, train);
            using var trainer = new Trainer(model, new TrainingOptions(Epochs: 1 + context.Repetitions, BatchSize: BenchModels.BatchSize, Seed: BenchModels.Seed));
            BenchTiming.CollectGarbage();
            var faults = new List<long?>();
            var history = trainer.Fit(train, progress: new EpochEnd(() => faults.Add(PageFaults.Minor())));
            var seconds = BenchTiming.Median(history.Epochs.Skip(1).Select(epoch => epoch.Seconds));
            var samplesPerSecond = train.shape[0] / seconds;
            var gflops = samplesPerSecond * FlopCount.TrainingPerSample(layers) / 1e9;
            context.Progress($"{Name}: {label}: {samplesPerSecond:N0} samples/s, {gflops:F1} GFLOP/s");
            passes.Add((label, gflops,
            [
                new($"{label} samples per epoch", train.shape[0], "count"),
                new($"{label} training flops per sample", FlopCount.TrainingPerSample(layers) / 1e6, "MFLOP"),
                new($"{label} epoch (median)", seconds, "s"),
                new($"{label} throughput", samplesPerSecond, "samples/s"),
                new($"{label} achieved", gflops, "GFLOP/s"),
                .. faults is [{ } first, .., { } last] && faults.Count > 1
                    ? [new BenchFigure($"{label} page faults per epoch", (double)(last - first) / (faults.Count - 1), "count")]
                    : Array.Empty<BenchFigure>(),
            ]));
        }

        var after = MatmulPeak.Measure(products);
        var peak = MatmulPeak.FlopsPerProduct / BenchTiming.Median(before.ProductSeconds.Concat(after.ProductSeconds)) / 1e9;
        var spread = ((after.Gflops / before.Gflops) - 1) * 100;
        context.Progress($"{Name}: matmul peak {before.Gflops:F1} GFLOP/s before, {after.Gflops:F1} after the passes");
        var figures = new List<BenchFigure>
        {
            new("matmul peak before (median)", before.Gflops, "GFLOP/s"),
            new("matmul peak after (median)", after.Gflops, "GFLOP/s"),
            new("matmul peak spread after / before - 1", spread, "%"),
            new("matmul peak compared with (median of both)", peak, "GFLOP/s"),
        };
        figures.AddRange(MatmulPeakMeasurement.Figures(after, "after: "));
        foreach (var pass in passes)
        {
            figures.AddRange(pass.Figures);
            figures.Add(new($"{pass.Label} fraction of matmul peak", pass.Gflops / peak * 100, "%"));
        }

        string Fraction((string Label, double Gflops, List<BenchFigure> Figures) pass) =>
            $"{pass.Label} {pass.Gflops:F1} GFLOP/s = {pass.Gflops / peak * 100:F1}% ({pass.Gflops / Math.Max(before.Gflops, after.Gflops) * 100:F1}–{pass.Gflops / Math.Min(before.Gflops, after.Gflops) * 100:F1}%)";
        var conv = passes.Single(pass => pass.Label == "conv").Gflops / peak * 100;
        var verdict = $"of the {peak:F1} GFLOP/s matmul peak (before {before.Gflops:F1}, after {after.Gflops:F1}): {string.Join(", ", passes.Select(Fraction))}; " +
            $"conv {(conv >= ConvTargetPercent ? "meets" : "misses")} the goal of at least {ConvTargetPercent:F0}%";
        return new BenchResult(Name, Description, figures, verdict);
    }

    /// <summary>Calls back on the training thread when an epoch completes.</summary>
    private sealed class EpochEnd(Action completed) : IProgress<TrainingProgress>
    {
        public void Report(TrainingProgress value)
        {
            if (value.Completed is not null)
            {
                completed();
            }
        }
    }
}
