using System.ComponentModel;
using System.Globalization;
using Autoencoders.Evaluation.Anomaly;
using Autoencoders.Pipeline;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Autoencoders.Cli.Commands;

/// <summary>Options of the anomaly-benchmark verb.</summary>
internal sealed class AnomalyBenchmarkSettings : ThreadSettings
{
    /// <summary>The protocols the verb knows, in the order the help lists them.</summary>
    public static readonly string[] Protocols = [AnomalyBenchmark.RandomSplitsProtocol, OneClassBenchmark.Protocol];

    [CommandOption("--dataset <PATH>")]
    [Description("random-splits: a .csv table with numeric feature columns and a 0/1 label column, e.g. data/odds/cardio.csv. one-class: digits, fashion-mnist or mnist.")]
    public string? Dataset { get; init; }

    [CommandOption("--label-column <NAME>")]
    [Description("random-splits: the column that holds 0 (normal) and 1 (anomaly); never a feature, never used for training.")]
    public string? LabelColumn { get; init; }

    [CommandOption("--protocol <NAME>")]
    [Description("random-splits (PyOD's benchmark: seeded random train/test splits, unlabelled training) or one-class.")]
    [DefaultValue("random-splits")]
    public string Protocol { get; init; } = AnomalyBenchmark.RandomSplitsProtocol;

    [CommandOption("--splits <N>")]
    [Description("random-splits: number of random splits (runs). Default: 10.")]
    public int? Splits { get; init; }

    [CommandOption("--train-fraction <FRACTION>")]
    [Description("random-splits: share of the rows in each training part. Default: 0.6.")]
    public double? TrainFraction { get; init; }

    [CommandOption("--seed <N>")]
    [Description("The first seed. random-splits: split i uses seed + i for its rows and the autoencoder's weights (default 0). one-class: the first of --seeds seeds (default 1).")]
    public long? Seed { get; init; }

    [CommandOption("--seeds <N>")]
    [Description("one-class: how many seeds each class's autoencoder is trained with (mean ± sd over them). Default: 3.")]
    public int? Seeds { get; init; }

    [CommandOption("--classes <LIST>")]
    [Description("one-class: the normal classes to benchmark, comma-separated labels (e.g. 0,7). Default: every class.")]
    public string? Classes { get; init; }

    [CommandOption("--heatmap <CLASS>")]
    [Description("one-class: also train the model of this class once more and show its flagged test images on the page: original, reconstruction and per-pixel error.")]
    public long? Heatmap { get; init; }

    [CommandOption("--epochs <N>")]
    [Description("Training epochs of the autoencoder (default: the tabular default; one-class: as many as give each model 650 optimiser steps).")]
    public int? Epochs { get; init; }

    [CommandOption("--latent <N>")]
    [Description("Size of the autoencoder's code (default: 2 for tables, 32 for one-class), and the random-splits PCA baseline's components.")]
    public int? Latent { get; init; }

    [CommandOption("--score <KIND>")]
    [Description("The autoencoder's anomaly score. random-splits: mse, mse+centre or centre+knn (default: the tabular default). one-class: ssim+latent (default), ssim, blurred-mse or mse.")]
    public string? Score { get; init; }

    [CommandOption("--out <DIR>")]
    [Description("Where anomaly-benchmark.json and anomaly-benchmark.html go.")]
    [DefaultValue("out/anomaly-benchmark")]
    public string Out { get; init; } = "out/anomaly-benchmark";

    /// <summary>Whether the one-class protocol is asked for.</summary>
    public bool IsOneClass => Protocol == OneClassBenchmark.Protocol;

    /// <summary>The library options of the random-splits protocol these settings ask for.</summary>
    public AnomalyBenchmarkOptions Options => new()
    {
        LabelColumn = LabelColumn ?? "",
        Splits = Splits ?? 10,
        TrainFraction = TrainFraction ?? 0.6,
        Seed = Seed ?? 0,
        LatentSize = Latent,
        Training = Epochs is { } epochs ? TabularDefaults.Training with { Epochs = epochs } : null,
        Score = Score is null ? TabularDefaults.Score : AnomalyScoreKinds.Parse(Score) ?? TabularDefaults.Score,
    };

    /// <summary>The library options of the one-class protocol these settings ask for; the scores beside the chosen one show what it adds.</summary>
    public OneClassOptions OneClassOptions
    {
        get
        {
            var score = Score is null ? OneClassOptions.DefaultScore : ImageAnomalyScores.Parse(Score) ?? OneClassOptions.DefaultScore;
            return new OneClassOptions(
                Model: Latent is { } latent ? OneClassOptions.DefaultModel with { LatentSize = latent } : null,
                Training: Epochs is { } epochs ? OneClassOptions.DefaultTraining with { Epochs = epochs } : null,
                Score: score,
                AlsoScore: [.. new[] { ImageAnomalyScore.Ssim, ImageAnomalyScore.Mse }.Where(other => other != score)],
                Seeds: Seeds ?? 3,
                FirstSeed: Seed ?? 1,
                Classes: ParsedClasses);
        }
    }

    private IReadOnlyList<long>? ParsedClasses => Classes is null ? null
        : [.. Classes.Split(',', StringSplitOptions.TrimEntries).Select(label => long.TryParse(label, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : -1)];

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

        if (IsOneClass)
        {
            return ValidateOneClass();
        }

        if (new (string Option, bool Given)[] { ("--seeds", Seeds is not null), ("--classes", Classes is not null), ("--heatmap", Heatmap is not null) }
            .FirstOrDefault(option => option.Given) is { Option: { } oneClassOnly })
        {
            return ValidationResult.Error($"{oneClassOnly} applies to the one-class protocol only; add --protocol one-class or leave it out.");
        }

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

    private ValidationResult ValidateOneClass()
    {
        if (string.IsNullOrWhiteSpace(Dataset) || !Autoencoders.Data.Datasets.Names.Contains(Dataset, StringComparer.Ordinal))
        {
            return ValidationResult.Error($"--dataset {(string.IsNullOrWhiteSpace(Dataset) ? "is required" : $"'{Dataset}' is not an image data set")} for the one-class protocol: use {string.Join(", ", Autoencoders.Data.Datasets.Names)} (a table goes through --protocol random-splits).");
        }

        if (new (string Option, bool Given)[] { ("--label-column", LabelColumn is not null), ("--splits", Splits is not null), ("--train-fraction", TrainFraction is not null) }
            .FirstOrDefault(option => option.Given) is { Option: { } randomSplitsOnly })
        {
            return ValidationResult.Error($"{randomSplitsOnly} applies to the random-splits protocol only; the one-class protocol uses the data set's own labels and splits.");
        }

        if (Score is not null && ImageAnomalyScores.Parse(Score) is null)
        {
            return ValidationResult.Error($"--score '{Score}' is not an image score; use {string.Join(", ", Enum.GetValues<ImageAnomalyScore>().Select(ImageAnomalyScores.Name))}.");
        }

        if (ParsedClasses is { } classes && classes.Any(label => label < 0))
        {
            return ValidationResult.Error($"--classes '{Classes}' is not a list of class labels; give labels such as 0,7.");
        }

        return OptionErrors.Check(() => OneClassOptions.Validate());
    }
}
