using System.Globalization;
using Autoencoders.Native;

namespace Autoencoders.Cli.Bench;

/// <summary>
/// What happens to the native heap during training: glibc's malloc thresholds (raised by <see cref="MallocTuning"/>), and
/// the dense model trained by the hand-written loop with and without the trainer's periodic finalization of
/// TorchSharp's Scalars: epoch time, page faults per epoch and resident memory gained per epoch.
/// </summary>
internal sealed class NativeHeapMeasurement : IBenchMeasurement
{
    // Without finalization the resident memory grows by ~300 MB per dense epoch on Fashion-MNIST: a few epochs show it.
    private const int MaxTimedEpochs = 3;

    public string Name => "native-heap";

    public string Description =>
        $"Dense 784-32-784 trained by the hand-written loop (batch {BenchModels.BatchSize}, all training images), first finalizing " +
        $"TorchSharp's Scalars every {HandWrittenLoop.TrainerFinalization} batches as the trainer does, then never; one warm-up epoch and " +
        $"up to {MaxTimedEpochs} timed epochs each: epoch time and minor page faults (medians) and resident memory gained per epoch " +
        "(WorkingSet64, no forced collection). Also whether glibc's malloc thresholds were raised. Runs first, while the native heap is " +
        "as fresh as in a training run of its own; afterwards the freed heap goes back to the kernel (malloc_trim).";

    public BenchResult Run(BenchContext context)
    {
        var train = context.TrainImages;
        var epochs = Math.Min(context.Repetitions, MaxTimedEpochs);
        var figures = new List<BenchFigure>
        {
            new("malloc thresholds raised (1 = yes)", MallocTuning.Applied ? 1 : 0, "flag"),
            new("samples", train.shape[0], "count"),
            new("timed epochs each", epochs, "count"),
        };
        var summary = new List<string>();
        foreach (var (label, every) in new[] { ("finalizing", (int?)HandWrittenLoop.TrainerFinalization), ("never finalizing", null) })
        {
            context.Cancellation.ThrowIfCancellationRequested();
            var outcome = Train(context, train, every, epochs);
            context.Progress(string.Create(CultureInfo.InvariantCulture,
                $"{Name}: {label}: {outcome.Seconds:F3} s per epoch, {outcome.Faults?.ToString("N0", CultureInfo.InvariantCulture) ?? "?"} page faults per epoch, {outcome.GrowthMegabytes:+0;-0} MB per epoch"));
            figures.Add(new($"{label}: epoch (median)", outcome.Seconds, "s"));
            if (outcome.Faults is { } faults)
            {
                figures.Add(new($"{label}: page faults per epoch (median)", faults, "count"));
            }

            figures.Add(new($"{label}: resident memory gained per epoch", outcome.GrowthMegabytes, "MB"));
            summary.Add(string.Create(CultureInfo.InvariantCulture, $"{label} {outcome.Seconds:F3} s and {outcome.GrowthMegabytes:+0;-0} MB per epoch"));
        }

        var verdict = $"no target; malloc thresholds {MallocTuning.Status}; {string.Join(", ", summary)}";
        return new BenchResult(Name, Description, figures, verdict);
    }

    private static (double Seconds, double? Faults, double GrowthMegabytes) Train(BenchContext context, TorchSharp.torch.Tensor train, int? every, int epochs)
    {
        using var model = BenchModels.Create(BenchModels.Dense, train);
        using var loop = new HandWrittenLoop(model, BenchModels.BatchSize, 1e-3, BenchModels.Seed, every);
        BenchTiming.CollectGarbage();
        loop.Epoch(train);
        var residentBefore = Environment.WorkingSet;
        var seconds = new List<double>();
        var faults = new List<double>();
        for (var epoch = 0; epoch < epochs; epoch++)
        {
            var faultsBefore = PageFaults.Minor();
            seconds.Add(BenchTiming.Seconds(() => loop.Epoch(train)));
            if (PageFaults.Minor() - faultsBefore is { } count)
            {
                faults.Add(count);
            }
        }

        var growth = (Environment.WorkingSet - residentBefore) / 1e6 / epochs;

        // The Scalars the second loop left behind go now, and the heap they spread over goes back to the kernel, so that
        // later measurements (memory-growth's resident figures) start from a heap of normal size.
        BenchTiming.CollectGarbage();
        _ = GlibcHeap.Trim();
        return (BenchTiming.Median(seconds), faults.Count > 0 ? BenchTiming.Median(faults) : null, growth);
    }
}
