using System.Text.Json.Serialization;
using Autoencoders.Evaluation.Anomaly;
using Autoencoders.Models;
using Autoencoders.Training;

namespace Autoencoders.Pipeline;

/// <summary>
/// How <see cref="OneClassBenchmark"/> runs: the autoencoder, its training and its score, the seeds, and the two
/// baselines' settings. Immutable; the defaults are the choice made on validation data (docs/one-class.md).
/// </summary>
/// <param name="Model">The autoencoder trained for each class; null takes <see cref="DefaultModel"/>.</param>
/// <param name="Training">How it is trained; its seed is replaced by each of the run's seeds. Null takes <see cref="DefaultTraining"/> with the epochs that give each model <see cref="DefaultOptimizerSteps"/> steps (<see cref="ResolvedFor"/>).</param>
/// <param name="Score">How a test image's reconstruction becomes its anomaly score (the method <c>autoencoder</c>).</param>
/// <param name="AlsoScore">Further scores of the same trained models, reported as methods <c>autoencoder-&lt;score&gt;</c> (e.g. plain MSE, to see what the score adds).</param>
/// <param name="Seeds">How many seeds: each class is trained once per seed, and AUCs are given as mean ± sd over them.</param>
/// <param name="FirstSeed">The first seed; the others follow it (1, 2, 3 for three seeds from 1).</param>
/// <param name="Classes">The classes to benchmark, or null for every class of the test split.</param>
/// <param name="PcaComponents">Components of the PCA baseline, fitted on each class's training samples.</param>
/// <param name="Neighbor">k of the kNN baseline: the score is the distance to the k-th nearest training sample of the class.</param>
public sealed record OneClassOptions(
    ModelOptions? Model = null,
    TrainingOptions? Training = null,
    ImageAnomalyScore Score = OneClassOptions.DefaultScore,
    IReadOnlyList<ImageAnomalyScore>? AlsoScore = null,
    int Seeds = 3,
    long FirstSeed = 1,
    IReadOnlyList<long>? Classes = null,
    int PcaComponents = 32,
    int Neighbor = 1)
{
    /// <summary>The autoencoder's score unless told otherwise.</summary>
    public const ImageAnomalyScore DefaultScore = ImageAnomalyScore.SsimPlusLatent;

    /// <summary>The model chosen on validation data: the convolutional autoencoder, channels 32-16, a code of 32.</summary>
    public static ModelOptions DefaultModel { get; } = new(ModelKind.Conv, LatentSize: 32);

    /// <summary>The training chosen on validation data: 50 epochs of Adam at 1e-3 in batches of 64.</summary>
    public static TrainingOptions DefaultTraining { get; } = new(Epochs: 50, BatchSize: 64, LearningRate: 1e-3);

    /// <summary>
    /// Optimiser steps per model when <see cref="Training"/> is null: the 50 epochs of 13 batches chosen on digits
    /// (about 800 images a class). A data set with larger classes gets fewer epochs, so that every model takes about as
    /// many steps (Fashion-MNIST's 6,000 images a class: 7 epochs, checked on its own validation split).
    /// </summary>
    public const int DefaultOptimizerSteps = 650;

    /// <summary>These options with every default filled in for classes of <paramref name="meanClassSamples"/> training samples.</summary>
    public OneClassOptions ResolvedFor(double meanClassSamples)
    {
        if (Training is not null)
        {
            return this with { Model = EffectiveModel };
        }

        var batches = Math.Max(1, (int)Math.Ceiling(meanClassSamples / DefaultTraining.BatchSize));
        var epochs = Math.Max(1, (int)Math.Round((double)DefaultOptimizerSteps / batches, MidpointRounding.AwayFromZero));
        return this with { Model = EffectiveModel, Training = DefaultTraining with { Epochs = epochs } };
    }

    /// <summary>The model actually used.</summary>
    [JsonIgnore]
    public ModelOptions EffectiveModel => Model ?? DefaultModel;

    /// <summary>The training actually used (before each seed replaces its seed).</summary>
    [JsonIgnore]
    public TrainingOptions EffectiveTraining => Training ?? DefaultTraining;

    /// <summary>The seeds, <see cref="FirstSeed"/> and the <see cref="Seeds"/> − 1 that follow it.</summary>
    [JsonIgnore]
    public IReadOnlyList<long> SeedList => [.. Enumerable.Range(0, Seeds).Select(i => FirstSeed + i)];

    /// <summary>The scores of each trained model: <see cref="Score"/> first, then <see cref="AlsoScore"/> without repeats.</summary>
    [JsonIgnore]
    public IReadOnlyList<ImageAnomalyScore> EffectiveScores => [.. new[] { Score }.Concat(AlsoScore ?? []).Distinct()];

    /// <summary>Throws <see cref="ArgumentException"/> naming the first setting out of range.</summary>
    public void Validate()
    {
        EffectiveModel.Validate();
        EffectiveTraining.Validate();
        Require(Seeds >= 1, nameof(Seeds), $"must be at least 1 (got {Seeds})");
        Require(PcaComponents >= 1, nameof(PcaComponents), $"must be at least 1 (got {PcaComponents})");
        Require(Neighbor >= 1, nameof(Neighbor), $"must be at least 1 (got {Neighbor})");
        Require(Classes is null || Classes.Count >= 1, nameof(Classes), "must name at least one class (or be null for all)");
        Require(EffectiveScores.All(Enum.IsDefined), nameof(Score), "must be a defined score");
    }

    private static void Require(bool condition, string name, string problem)
    {
        if (!condition)
        {
            throw new ArgumentException($"{name} {problem}.", name);
        }
    }
}
