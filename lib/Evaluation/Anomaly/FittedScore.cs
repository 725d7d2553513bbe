using Autoencoders.Models;
using static TorchSharp.torch;

namespace Autoencoders.Evaluation.Anomaly;

/// <summary>
/// An anomaly score fitted to a trained autoencoder and the samples it was trained on, of any kind: the table scores of
/// <see cref="AnomalyScorer"/>, the image scores of <see cref="ImageAnomalyScorer"/>, or plain reconstruction error
/// (<see cref="AnomalyScores.Compute"/>). What it learnt from the training samples is its <see cref="State"/>, which a
/// checkpoint keeps; <see cref="Restore"/> rebuilds the same score from it. Owns its fitted tensors (dispose it); does
/// not own the model.
/// </summary>
public sealed class FittedScore : IDisposable
{
    /// <summary>The plain reconstruction error's name.</summary>
    public const string Mse = AnomalyThresholdSet.MseScore;

    /// <summary>
    /// The most training codes a neighbour-distance score keeps as its reference; a larger training set keeps a seeded
    /// sample of this many (its training samples' own distances are then measured to that sample, leaving themselves out).
    /// </summary>
    public const int MaxReferenceCodes = 10_000;

    private readonly Autoencoder _model;
    private readonly AnomalyScorer? _table;
    private readonly ImageAnomalyScorer? _image;

    private FittedScore(Autoencoder model, string kind, AnomalyScorer? table, ImageAnomalyScorer? image, ScoreState state)
    {
        _model = model;
        Kind = kind;
        _table = table;
        _image = image;
        State = state;
    }

    /// <summary>Every score's name, tables' first, then images'.</summary>
    public static IReadOnlyList<string> Kinds { get; } =
        [Mse, .. Enum.GetValues<AnomalyScoreKind>().Skip(1).Select(AnomalyScoreKinds.Name), .. Enum.GetValues<ImageAnomalyScore>().Skip(1).Select(ImageAnomalyScores.Name)];

    /// <summary>The score's name.</summary>
    public string Kind { get; }

    /// <summary>What it learnt, as <c>checkpoint.json</c> keeps it.</summary>
    public ScoreState State { get; }

    /// <summary>The training samples' own scores (<see cref="ScoreState.TrainingScores"/>).</summary>
    public IReadOnlyList<double> TrainingScores => State.TrainingScores;

    /// <summary>The name as written (case and spaces aside), or null when it names no score.</summary>
    public static string? Parse(string? name) => Kinds.FirstOrDefault(kind => string.Equals(kind, name?.Trim(), StringComparison.OrdinalIgnoreCase));

    /// <summary>Whether <paramref name="kind"/> can score samples shaped <paramref name="sampleShape"/> (SSIM needs images of 11×11 pixels or more).</summary>
    public static bool Applies(string kind, IReadOnlyList<long> sampleShape) =>
        ImageAnomalyScores.Parse(kind) is not { } image || kind == Mse || ImageAnomalyScores.Applies(image, [1, .. sampleShape]);

    /// <summary>Fits <paramref name="kind"/> to <paramref name="model"/> and the samples it was trained on.</summary>
    /// <param name="model">The trained model; used, not owned; must outlive the score.</param>
    /// <param name="training">Its training samples in its units <c>(n, ...)</c>; not modified.</param>
    /// <param name="kind">A name of <see cref="Kinds"/>.</param>
    /// <param name="neighbours">k of the <c>centre+knn</c> score.</param>
    /// <param name="seed">Seeds the sample of reference codes when there are more than <see cref="MaxReferenceCodes"/>.</param>
    /// <exception cref="ArgumentException">An unknown kind, or samples the kind cannot score (too few, or too small for SSIM).</exception>
    public static FittedScore Fit(Autoencoder model, Tensor training, string kind, int neighbours = BaselineDetectors.DefaultNeighbours, long seed = 0)
    {
        ArgumentNullException.ThrowIfNull(model);
        var name = Parse(kind) ?? throw new ArgumentException($"'{kind}' is not a score; use one of {string.Join(", ", Kinds)}", nameof(kind));
        if (name == Mse)
        {
            return new FittedScore(model, name, null, null, new ScoreState(name, AnomalyScores.Compute(model, training)));
        }

        if (AnomalyScoreKinds.Parse(name) is { } tableKind)
        {
            var table = AnomalyScorer.Fit(model, training, tableKind, neighbours, MaxReferenceCodes, seed);
            return new FittedScore(model, name, table, null, table.State);
        }

        var imageKind = ImageAnomalyScores.Parse(name)!.Value;
        var image = ImageAnomalyScorer.Fit(model, training, [imageKind], maxReferenceCodes: MaxReferenceCodes, seed: seed);
        return new FittedScore(model, name, null, image, image.StateOf(imageKind));
    }

    /// <summary>The score a checkpoint kept (<see cref="State"/>), for <paramref name="model"/>.</summary>
    /// <exception cref="ArgumentException">The state names no score, or does not fit the model.</exception>
    public static FittedScore Restore(Autoencoder model, ScoreState state)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(state);
        var name = Parse(state.Kind) ?? throw new ArgumentException($"'{state.Kind}' is not a score; this version knows {string.Join(", ", Kinds)}", nameof(state));
        return name == Mse ? new FittedScore(model, name, null, null, state)
            : AnomalyScoreKinds.Parse(name) is not null ? new FittedScore(model, name, AnomalyScorer.Restore(model, state), null, state)
            : new FittedScore(model, name, null, ImageAnomalyScorer.Restore(model, state), state);
    }

    /// <summary>Scores samples <c>(n, ...)</c> in the model's units: n scores, higher = more anomalous.</summary>
    public double[] Score(Tensor samples, IProgress<long>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(samples);
        if (_table is not null)
        {
            return _table.Score(samples, progress);
        }

        if (_image is not null)
        {
            return _image.Compute(samples, progress)[0];
        }

        return AnomalyScores.Compute(_model, samples, progress: progress);
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        _table?.Dispose();
        _image?.Dispose();
    }
}
