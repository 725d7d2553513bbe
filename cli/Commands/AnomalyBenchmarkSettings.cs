using System.ComponentModel;
using Autoencoders.Evaluation.Anomaly;
using Autoencoders.Pipeline;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Autoencoders.Cli.Commands;

/// <summary>Options of the anomaly-benchmark verb.</summary>
internal sealed class AnomalyBenchmarkSettings : ThreadSettings
{
    /// <summary>The protocols the verb knows, in the order the help lists them.</summary>
    public static readonly string[] Protocols = [AnomalyBenchmark.RandomSplitsProtocol, "one-class"];

    [CommandOption("--dataset <PATH>")]
    [Description("random-splits: a .csv table with numeric feature columns and a 0/1 label column, e.g. data/odds/cardio.csv.")]
    public string? Dataset { get; init; }

    [CommandOption("--label-column <NAME>")]
    [Description("random-splits: the column that holds 0 (normal) and 1 (anomaly); never a feature, never used for training.")]
    public string? LabelColumn { get; init; }

    [CommandOption("--protocol <NAME>")]
    [Description("random-splits (PyOD's benchmark: seeded random train/test splits, unlabelled training) or one-class.")]
    [DefaultValue("random-splits")]
    public string Protocol { get; init; } = AnomalyBenchmark.RandomSplitsProtocol;

    [CommandOption("--splits <N>")]
    [Description("Number of random splits (runs).")]
    [DefaultValue(10)]
    public int Splits { get; init; } = 10;

    [CommandOption("--train-fraction <FRACTION>")]
    [Description("Share of the rows in each training part.")]
    [DefaultValue(0.6)]
    public double TrainFraction { get; init; } = 0.6;

    [CommandOption("--seed <N>")]
    [Description("Seed of the first split; split i uses seed + i for its rows and the autoencoder's weights.")]
    [DefaultValue(0L)]
    public long Seed { get; init; }

    [CommandOption("--epochs <N>")]
    [Description("Training epochs of the autoencoder (default: the tabular default).")]
    public int? Epochs { get; init; }

    [CommandOption("--latent <N>")]
    [Description("Size of the autoencoder's code, and the PCA baseline's components (default: 2).")]
    public int? Latent { get; init; }

    [CommandOption("--score <KIND>")]
    [Description("The autoencoder's anomaly score: mse, mse+centre or centre+knn (default: the tabular default).")]
    public string? Score { get; init; }

    [CommandOption("--out <DIR>")]
    [Description("Where anomaly-benchmark.json and anomaly-benchmark.html go.")]
    [DefaultValue("out/anomaly-benchmark")]
    public string Out { get; init; } = "out/anomaly-benchmark";

    /// <summary>The library options these settings ask for.</summary>
    public AnomalyBenchmarkOptions Options => new()
    {
        LabelColumn = LabelColumn ?? "",
        Splits = Splits,
        TrainFraction = TrainFraction,
        Seed = Seed,
        LatentSize = Latent,
        Training = Epochs is { } epochs ? TabularDefaults.Training with { Epochs = epochs } : null,
        Score = Score is null ? TabularDefaults.Score : AnomalyScoreKinds.Parse(Score) ?? TabularDefaults.Score,
    };

    public override ValidationResult Validate()
    {
        if (base.Validate() is { Successful: false } threadProblem)
        {
            return threadProblem;
        }

        if (!Protocols.Contains(Protocol, StringComparer.Ordinal))
        {
            return ValidationResult.Error($"--protocol '{Protocol}' is not a protocol; use {string.Join(" or ", Protocols)}.");
        }

        if (Protocol == AnomalyBenchmark.RandomSplitsProtocol)
        {
            if (string.IsNullOrWhiteSpace(Dataset))
            {
                return ValidationResult.Error("--dataset is required: a .csv table with a 0/1 label column, e.g. data/odds/cardio.csv.");
            }

            if (string.IsNullOrWhiteSpace(LabelColumn))
            {
                return ValidationResult.Error("--label-column is required: the column that holds 0 (normal) and 1 (anomaly).");
            }
        }

        if (Score is not null && AnomalyScoreKinds.Parse(Score) is null)
        {
            return ValidationResult.Error($"--score '{Score}' is not a score; use {string.Join(", ", Enum.GetValues<AnomalyScoreKind>().Select(AnomalyScoreKinds.Name))}.");
        }

        return OptionErrors.Check(() => (Options with { LabelColumn = LabelColumn ?? "label" }).Validate());
    }
}
