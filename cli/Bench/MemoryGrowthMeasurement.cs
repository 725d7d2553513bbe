using System.Diagnostics;
using Autoencoders.Training;
using TorchSharp;

namespace Autoencoders.Cli.Bench;

/// <summary>
/// Memory over 10 epochs of dense training: the process's resident memory after a full garbage collection, after
/// epoch 1 (the warm-up: Adam's state and libtorch's caches appear there) and after epoch 10, and the live tensors
/// left once the trainer is disposed beyond those of the model and the data (issue 4's targets: at most 50 MB, zero).
/// </summary>
internal sealed class MemoryGrowthMeasurement : IBenchMeasurement
{
    public const int Epochs = 10;
    public const double TargetMegabytes = 50;

    public string Name => "memory-growth";

    public string Description =>
        $"Dense 784-32-784 trained {Epochs} epochs (batch {BenchModels.BatchSize}) on all training images: resident memory (WorkingSet64 after a full GC) " +
        $"after epoch 1 and after epoch {Epochs}, and live TorchSharp tensors after training beyond the model's and the data's.";

    public BenchResult Run(BenchContext context)
    {
        var train = context.TrainImages;
        using var model = BenchModels.Create(BenchModels.Dense, train);
        BenchTiming.CollectGarbage();
        var tensorsBefore = LiveTensors();
        var afterEpoch = new Dictionary<int, (double Megabytes, long Tensors)>();
        using (var trainer = new Trainer(model, new TrainingOptions(Epochs: Epochs, BatchSize: BenchModels.BatchSize, Seed: BenchModels.Seed)))
        {
            trainer.Fit(train, progress: new EpochEnd(epoch =>
            {
                afterEpoch[epoch] = (ResidentMegabytes(), LiveTensors());
                context.Progress($"{Name}: after epoch {epoch}: {afterEpoch[epoch].Megabytes:F1} MB resident, {afterEpoch[epoch].Tensors} live tensors");
            }));
        }

        BenchTiming.CollectGarbage();
        var leftOver = LiveTensors() - tensorsBefore;
        var growth = afterEpoch[Epochs].Megabytes - afterEpoch[1].Megabytes;
        var meets = growth <= TargetMegabytes && leftOver == 0;
        var verdict = $"growth {growth:F1} MB (target at most {TargetMegabytes:F0} MB), {leftOver} tensors left after training (target 0): " +
            (meets ? "meets both targets" : "misses the target");
        return new BenchResult(Name, Description,
        [
            new("samples", train.shape[0], "count"),
            new("epochs", Epochs, "count"),
            new("resident after epoch 1", afterEpoch[1].Megabytes, "MB"),
            new($"resident after epoch {Epochs}", afterEpoch[Epochs].Megabytes, "MB"),
            new($"growth epoch 1 to {Epochs}", growth, "MB"),
            new("target growth", TargetMegabytes, "MB"),
            new("live tensors before training (model and data)", tensorsBefore, "count"),
            new("live tensors during training, after epoch 1", afterEpoch[1].Tensors, "count"),
            new($"live tensors during training, after epoch {Epochs}", afterEpoch[Epochs].Tensors, "count"),
            new("live tensors left after training", leftOver, "count"),
        ], verdict);
    }

    private static long LiveTensors() => DisposeScopeManager.Statistics.ThreadTotalLiveCount;

    private static double ResidentMegabytes()
    {
        BenchTiming.CollectGarbage();
        using var process = Process.GetCurrentProcess();
        return process.WorkingSet64 / 1e6;
    }

    /// <summary>Calls back on the training thread when an epoch completes (a <see cref="Progress{T}"/> would post to the thread pool).</summary>
    private sealed class EpochEnd(Action<int> completed) : IProgress<TrainingProgress>
    {
        public void Report(TrainingProgress value)
        {
            if (value.Completed is { } epoch)
            {
                completed(epoch.Epoch);
            }
        }
    }
}
