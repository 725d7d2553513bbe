using System.Globalization;
using Autoencoders.Native;
using Autoencoders.Training;

namespace Autoencoders.Cli.Bench;

/// <summary>
/// Training beside a busy program: the same conv epochs on a quiet machine and beside a <see cref="BusyNeighbour"/>, for
/// the default thread policy, for 1 thread and for one thread per core (libtorch's own default). Issue 11's goals: with
/// the default policy one busy neighbour slows training by at most 1.5×, and a quiet machine is at most 5% slower than
/// with one thread per core.
/// </summary>
internal sealed class ContentionMeasurement : IBenchMeasurement
{
    /// <summary>The conv model trains on at most this many samples per epoch: 6 conditions, some of them slow.</summary>
    public const long Samples = 2_048;

    public const double TargetSlowdown = 1.5;
    public const double TargetQuietPercent = 5;

    // Long enough for the shell to be spinning before the default policy samples the load.
    private static readonly TimeSpan NeighbourStart = TimeSpan.FromMilliseconds(100);

    private static readonly (string Label, int? Threads)[] Policies =
    [
        ("default policy", null),
        ("1 thread", 1),
        ("one per core", Environment.ProcessorCount),
    ];

    public string Name => "contention";

    public string Description =>
        $"Trainer.Fit epochs of the conv model (batch {BenchModels.BatchSize}) on the first {Samples:N0} training images, first epoch excluded, " +
        "median, on a quiet machine and beside one busy process that the bench starts (/bin/sh spinning on one core) and stops afterwards, " +
        "for three thread policies: the default (one thread per core not busy with other programs, chosen again in each condition), " +
        "1 thread, and one per core (libtorch's own default). The thread choice in effect before is restored afterwards.";

    public BenchResult Run(BenchContext context)
    {
        if (!BusyNeighbour.IsSupported)
        {
            return new BenchResult(Name, Description, [], "skipped: no POSIX shell (/bin/sh) to start a busy neighbour with on this OS");
        }

        using var train = BenchModels.Head(context.TrainImages, Samples);
        var previous = TorchRuntime.Threads;
        var outcomes = new Dictionary<(string Policy, bool Busy), Outcome>();
        try
        {
            foreach (var (label, threads) in Policies)
            {
                foreach (var busy in new[] { false, true })
                {
                    var outcome = Time(context, train, threads, busy);
                    outcomes[(label, busy)] = outcome;
                    context.Progress($"{Name}: {label}, {(busy ? "busy" : "quiet")}: {outcome.Seconds:F3} s per epoch on {outcome.Choice.Count} threads ({outcome.Choice.Reason})");
                }
            }
        }
        finally
        {
            TorchRuntime.UseThreads(previous.Count);
        }

        return Report(train.shape[0], context.Repetitions, outcomes);
    }

    private static Outcome Time(BenchContext context, TorchSharp.torch.Tensor train, int? threads, bool busy)
    {
        using var neighbour = busy ? BusyNeighbour.Start() : null;
        if (neighbour is not null)
        {
            Thread.Sleep(NeighbourStart);
        }

        var choice = TorchRuntime.UseThreads(threads);
        using var model = BenchModels.Create(BenchModels.Conv, train);
        using var trainer = new Trainer(model, new TrainingOptions(Epochs: 1 + context.Repetitions, BatchSize: BenchModels.BatchSize, Seed: BenchModels.Seed));
        BenchTiming.CollectGarbage();
        var history = trainer.Fit(train, cancellationToken: context.Cancellation);
        context.Cancellation.ThrowIfCancellationRequested();
        return new Outcome(BenchTiming.Median(history.Epochs.Skip(1).Select(epoch => epoch.Seconds)), choice, neighbour?.CoresUsed);
    }

    private BenchResult Report(long samples, int repetitions, Dictionary<(string Policy, bool Busy), Outcome> outcomes)
    {
        var figures = new List<BenchFigure>
        {
            new("samples per epoch", samples, "count"),
            new("timed epochs per condition", repetitions, "count"),
        };
        foreach (var (label, _) in Policies)
        {
            var (quiet, busy) = (outcomes[(label, false)], outcomes[(label, true)]);
            figures.AddRange(
            [
                new($"{label}, quiet: threads", quiet.Choice.Count, "count"),
                new($"{label}, quiet: epoch (median)", quiet.Seconds, "s"),
                new($"{label}, busy: threads", busy.Choice.Count, "count"),
                new($"{label}, busy: epoch (median)", busy.Seconds, "s"),
                new($"{label}: busy / quiet", busy.Seconds / quiet.Seconds, "x"),
            ]);
        }

        var slowdown = outcomes[(Policies[0].Label, true)].Seconds / outcomes[(Policies[0].Label, false)].Seconds;
        var quietCost = ((outcomes[(Policies[0].Label, false)].Seconds / outcomes[(Policies[2].Label, false)].Seconds) - 1) * 100;
        var neighbourCores = outcomes.Values.Where(outcome => outcome.NeighbourCores is not null).Average(outcome => outcome.NeighbourCores!.Value);
        figures.AddRange(
        [
            new("default policy, quiet / one per core, quiet - 1", quietCost, "%"),
            new("neighbour's CPU use (mean of the busy conditions)", neighbourCores, "cores"),
            new("target busy / quiet, default policy", TargetSlowdown, "x"),
            new("target default / one per core, quiet", TargetQuietPercent, "%"),
        ]);

        string Met(bool met) => met ? "met" : "missed";
        var others = string.Join(", ", Policies.Skip(1).Select(policy =>
            string.Create(CultureInfo.InvariantCulture, $"{policy.Label} {outcomes[(policy.Label, true)].Seconds / outcomes[(policy.Label, false)].Seconds:F2}x")));
        var verdict = string.Create(CultureInfo.InvariantCulture,
            $"default policy: {slowdown:F2}x slower beside a busy process (goal at most {TargetSlowdown:F1}x: {Met(slowdown <= TargetSlowdown)}), ") +
            string.Create(CultureInfo.InvariantCulture,
            $"{quietCost:+0.0;-0.0}% against one thread per core on the quiet machine (goal at most {TargetQuietPercent:F0}%: {Met(quietCost <= TargetQuietPercent)}); beside it {others}");
        return new BenchResult(Name, Description, figures, verdict);
    }

    private sealed record Outcome(double Seconds, ThreadChoice Choice, double? NeighbourCores);
}
