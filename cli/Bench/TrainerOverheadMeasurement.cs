using Autoencoders.Training;

namespace Autoencoders.Cli.Bench;

/// <summary>
/// The trainer's epoch time against <see cref="HandWrittenLoop"/> on the same model (two copies from one seed),
/// data, batch size and loss, alternating the two (issue 4's target: at most 5% overhead).
/// </summary>
internal sealed class TrainerOverheadMeasurement : IBenchMeasurement
{
    public const double TargetPercent = 5;

    // An epoch of the dense model takes about half a second and varies by ±20% on a 2-core machine: more rounds than
    // the other measurements' repetitions keep the medians' noise below the 5% the target is about.
    public const int RoundsPerRepetition = 3;

    public string Name => "trainer-overhead";

    public string Description =>
        $"Epoch time of Trainer.Fit vs. a minimal hand-written Adam loop: dense 784-32-784, batch {BenchModels.BatchSize}, MSE, " +
        $"identical initial weights; one warm-up round, then {RoundsPerRepetition} rounds per repetition alternating which goes first; medians.";

    public BenchResult Run(BenchContext context)
    {
        var train = context.TrainImages;
        using var trainerModel = BenchModels.Create(BenchModels.Dense, train);
        using var handModel = BenchModels.Create(BenchModels.Dense, train);
        var sameWeights = trainerModel.parameters().Zip(handModel.parameters()).All(pair => pair.First.allclose(pair.Second, rtol: 0, atol: 0));
        if (!sameWeights)
        {
            throw new InvalidOperationException("two models created from one seed differ; the comparison would not be fair.");
        }

        var options = new TrainingOptions(Epochs: 1, BatchSize: BenchModels.BatchSize, Seed: BenchModels.Seed);
        using var trainer = new Trainer(trainerModel, options);
        using var hand = new HandWrittenLoop(handModel, options.BatchSize, options.LearningRate, BenchModels.Seed);

        var trainerSeconds = new List<double>();
        var handSeconds = new List<double>();
        double firstTrainerLoss = 0, firstHandLoss = 0;
        for (var round = 0; round <= RoundsPerRepetition * context.Repetitions; round++)
        {
            BenchTiming.CollectGarbage();
            double trainerLoss = 0, handLoss = 0;
            double TimeTrainer() => BenchTiming.Seconds(() => trainerLoss = trainer.Fit(train).FinalLoss);
            double TimeHand() => BenchTiming.Seconds(() => handLoss = hand.Epoch(train));
            double trainerTime, handTime;
            if (round % 2 == 0)
            {
                trainerTime = TimeTrainer();
                handTime = TimeHand();
            }
            else
            {
                handTime = TimeHand();
                trainerTime = TimeTrainer();
            }

            if (round == 0)
            {
                (firstTrainerLoss, firstHandLoss) = (trainerLoss, handLoss);
            }
            else
            {
                trainerSeconds.Add(trainerTime);
                handSeconds.Add(handTime);
            }

            context.Progress($"{Name}: round {round}{(round == 0 ? " (warm-up)" : "")}: trainer {trainerTime:F3} s, hand-written {handTime:F3} s");
        }

        var trainerMedian = BenchTiming.Median(trainerSeconds);
        var handMedian = BenchTiming.Median(handSeconds);
        var overhead = ((trainerMedian / handMedian) - 1) * 100;
        var pairedOverhead = (BenchTiming.Median(trainerSeconds.Zip(handSeconds, (trainerTime, handTime) => trainerTime / handTime)) - 1) * 100;
        var verdict = overhead <= TargetPercent
            ? $"overhead {overhead:+0.0;-0.0}% meets the target of at most {TargetPercent:F0}%"
            : $"overhead {overhead:+0.0;-0.0}% misses the target of at most {TargetPercent:F0}%";
        return new BenchResult(Name, Description,
        [
            new("samples", train.shape[0], "count"),
            new("batch size", options.BatchSize, "count"),
            new("timed epochs each", trainerSeconds.Count, "count"),
            new("first-epoch loss, trainer", firstTrainerLoss, "MSE"),
            new("first-epoch loss, hand-written", firstHandLoss, "MSE"),
            new("trainer epoch (median)", trainerMedian, "s"),
            new("hand-written epoch (median)", handMedian, "s"),
            new("overhead trainer / hand-written - 1", overhead, "%"),
            new("median of the rounds' trainer / hand-written - 1", pairedOverhead, "%"),
            new("target overhead", TargetPercent, "%"),
        ], verdict);
    }
}
