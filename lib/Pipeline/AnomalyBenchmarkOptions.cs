using Autoencoders.Evaluation.Anomaly;
using Autoencoders.Models;
using Autoencoders.Training;

namespace Autoencoders.Pipeline;

/// <summary>
/// How <see cref="AnomalyBenchmark.RandomSplits"/> runs PyOD's benchmark protocol on a labelled table: the defaults are
/// PyOD's (10 random 60/40 splits, standardised features, 5 neighbours, contamination 0.1) and the project's tabular
/// autoencoder (<see cref="TabularDefaults"/>).
/// </summary>
public sealed record AnomalyBenchmarkOptions
{
    /// <summary>The column holding the labels: 0 for a normal row, 1 for an anomaly. Never a feature; never used for training.</summary>
    public string LabelColumn { get; init; } = "label";

    /// <summary>Number of random splits (runs), at least 1.</summary>
    public int Splits { get; init; } = 10;

    /// <summary>Share of the rows in each training part, strictly between 0 and 1.</summary>
    public double TrainFraction { get; init; } = 0.6;

    /// <summary>Seed of the first run; run i splits, and seeds the autoencoder, with <c>Seed + i</c>.</summary>
    public long Seed { get; init; }

    /// <summary>The autoencoder; null takes <see cref="TabularDefaults.Model"/> for the table's number of features.</summary>
    public ModelOptions? Model { get; init; }

    /// <summary>The code size, overriding <see cref="Model"/>'s (or the default's); also the PCA baseline's number of components.</summary>
    public int? LatentSize { get; init; }

    /// <summary>How it is trained (its seed is replaced by each run's); null takes <see cref="TabularDefaults.Training"/>.</summary>
    public TrainingOptions? Training { get; init; }

    /// <summary>The autoencoder's anomaly score.</summary>
    public AnomalyScoreKind Score { get; init; } = TabularDefaults.Score;

    /// <summary>
    /// Further scores of the same trained autoencoder, reported beside it as <c>autoencoder-{name}</c> (no extra training):
    /// by default plain reconstruction error and the neighbour score, to show what each part contributes.
    /// </summary>
    public IReadOnlyList<AnomalyScoreKind> OtherScores { get; init; } = [AnomalyScoreKind.Reconstruction, AnomalyScoreKind.CentreAndNeighbours];

    /// <summary>k of the k-nearest-neighbour baseline (PyOD's default 5), and of a score that uses neighbours in the code space.</summary>
    public int Neighbours { get; init; } = BaselineDetectors.DefaultNeighbours;

    /// <summary>The share of anomalies the contamination threshold rule assumes in the training data (PyOD's default 0.1).</summary>
    public double Contamination { get; init; } = AnomalyThresholds.DefaultTrainingContamination;

    /// <summary>How many of the first split's highest-scoring test rows to explain column by column.</summary>
    public int ExplainedRows { get; init; } = 10;

    /// <summary>Throws an <see cref="ArgumentException"/> naming the first setting out of range (its name first, for the CLI to map).</summary>
    public void Validate()
    {
        Require(!string.IsNullOrWhiteSpace(LabelColumn), nameof(LabelColumn), "must name the column that holds 0 (normal) and 1 (anomaly)");
        Require(LatentSize is null or >= 1, nameof(LatentSize), $"must be at least 1 (got {LatentSize})");
        Require(Splits >= 1, nameof(Splits), $"must be at least 1 (got {Splits})");
        Require(TrainFraction is > 0 and < 1, nameof(TrainFraction), $"must be strictly between 0 and 1 (got {TrainFraction})");
        Require(Neighbours >= 1, nameof(Neighbours), $"must be at least 1 (got {Neighbours})");
        Require(Contamination is >= 0 and < 1, nameof(Contamination), $"must be in [0, 1) (got {Contamination})");
        Require(ExplainedRows >= 0, nameof(ExplainedRows), $"must be 0 or more (got {ExplainedRows})");
        Require(Enum.IsDefined(Score), nameof(Score), $"is not a score kind (got {Score})");
        Require(OtherScores is not null && OtherScores.All(Enum.IsDefined), nameof(OtherScores), "must be score kinds");
        Model?.Validate();
        Training?.Validate();
    }

    private static void Require(bool condition, string name, string problem)
    {
        if (!condition)
        {
            throw new ArgumentException($"{name} {problem}.", name);
        }
    }
}
