using Autoencoders.Evaluation.Anomaly;
using static TorchSharp.torch;

namespace Autoencoders.Interop.Onnx;

/// <summary>
/// A fitted anomaly score as plain numbers, for the ONNX export: its name (as <see cref="AnomalyScoreKinds"/> and
/// <see cref="ImageAnomalyScores"/> spell it) and what it learnt from the training samples. Only the fields the score
/// uses are set. Fill it with <see cref="Mse"/>, <see cref="Of(AnomalyScorer)"/> or <see cref="Of(ImageAnomalyScorer, ImageAnomalyScore)"/>.
/// </summary>
/// <param name="Name"><c>mse</c>, <c>mse+centre</c>, <c>centre+knn</c> (rows), <c>blurred-mse</c>, <c>ssim</c> or <c>ssim+latent</c> (images).</param>
public sealed record DetectorScore(string Name)
{
    /// <summary>The names the export writes a graph for.</summary>
    public static IReadOnlyList<string> Names { get; } = ["mse", "mse+centre", "centre+knn", "blurred-mse", "ssim", "ssim+latent"];

    /// <summary>The reconstruction error, <c>mse</c>: needs nothing from training.</summary>
    public static DetectorScore Mse { get; } = new(AnomalyThresholdSet.MseScore);

    /// <summary><c>mse+centre</c>, <c>centre+knn</c>: the training rows' mean, in the model's units, <c>(features)</c>.</summary>
    public IReadOnlyList<double>? Centre { get; init; }

    /// <summary><c>centre+knn</c>, <c>ssim+latent</c>: the training samples' codes, row after row, <c>(n · latent)</c>.</summary>
    public IReadOnlyList<double>? TrainingCodes { get; init; }

    /// <summary>k of the k-th nearest training code (<c>centre+knn</c>; 1 for <c>ssim+latent</c>).</summary>
    public int Neighbours { get; init; }

    /// <summary><c>centre+knn</c>: the training means that make √(R + C) and the neighbour distance unit-free.</summary>
    public double DistanceScale { get; init; } = 1;

    /// <inheritdoc cref="DistanceScale"/>
    public double NeighbourScale { get; init; } = 1;

    /// <summary><c>ssim+latent</c>: mean and standard deviation of 1 − SSIM over the training images.</summary>
    public (double Mean, double Sd) Ssim { get; init; } = (0, 1);

    /// <summary><c>ssim+latent</c>: mean and standard deviation of the nearest-code distance over the training images.</summary>
    public (double Mean, double Sd) Latent { get; init; } = (0, 1);

    /// <summary>The score a checkpoint keeps (<see cref="ScoreState"/>, <c>checkpoint.json</c> → <c>score</c>), or plain MSE for a checkpoint from before scores were kept.</summary>
    public static DetectorScore Of(ScoreState? state)
    {
        if (state is null || state.Kind == AnomalyThresholdSet.MseScore)
        {
            return Mse;
        }

        return new DetectorScore(state.Kind)
        {
            Centre = state.Centre,
            TrainingCodes = state.ReferenceCodes?.Select(value => (double)value).ToArray(),
            Neighbours = state.Neighbours ?? 0,
            DistanceScale = state.DistanceScale ?? 1,
            NeighbourScale = state.NeighbourScale ?? 1,
            Ssim = (state.ReconstructionMean ?? 0, state.ReconstructionSd ?? 1),
            Latent = (state.LatentMean ?? 0, state.LatentSd ?? 1),
        };
    }

    /// <summary>The state of a fitted table score (<see cref="AnomalyScorer"/>).</summary>
    public static DetectorScore Of(AnomalyScorer scorer)
    {
        ArgumentNullException.ThrowIfNull(scorer);
        return new DetectorScore(scorer.Name)
        {
            Centre = scorer.Kind == AnomalyScoreKind.Reconstruction ? null : Values(scorer.Centre),
            TrainingCodes = scorer.TrainingCodes is { } codes ? Values(codes) : null,
            Neighbours = scorer.TrainingCodes is null ? 0 : scorer.Neighbours,
            DistanceScale = scorer.DistanceScale,
            NeighbourScale = scorer.NeighbourScale,
        };
    }

    /// <summary>The state of one score of a fitted image scorer (<see cref="ImageAnomalyScorer"/>).</summary>
    /// <exception cref="ArgumentException">The scorer was not fitted for <paramref name="score"/>.</exception>
    public static DetectorScore Of(ImageAnomalyScorer scorer, ImageAnomalyScore score)
    {
        ArgumentNullException.ThrowIfNull(scorer);
        if (!scorer.Scores.Contains(score))
        {
            throw new ArgumentException($"the scorer computes {string.Join(", ", scorer.Scores.Select(ImageAnomalyScores.Name))}, not {ImageAnomalyScores.Name(score)}", nameof(score));
        }

        var latent = ImageAnomalyScores.NeedsTrainingImages(score);
        return new DetectorScore(ImageAnomalyScores.Name(score))
        {
            TrainingCodes = latent ? Values(scorer.TrainingCodes) : null,
            Neighbours = latent ? 1 : 0,
            Ssim = scorer.SsimStandardiser,
            Latent = scorer.LatentStandardiser,
        };
    }

    /// <summary>Throws <see cref="ArgumentException"/> unless the name is known and the fields it needs are set and finite.</summary>
    public void Validate(int latentSize, long features)
    {
        if (!Names.Contains(Name))
        {
            throw new ArgumentException($"the score '{Name}' has no ONNX form; the export writes {string.Join(", ", Names)}.");
        }

        if (Name is "mse+centre" or "centre+knn" && (Centre is null || Centre.Count != features))
        {
            throw new ArgumentException($"the {Name} score needs the training centre of {features} values; got {Centre?.Count ?? 0}.");
        }

        if (Name is "centre+knn" or "ssim+latent")
        {
            if (TrainingCodes is null || TrainingCodes.Count == 0 || TrainingCodes.Count % latentSize != 0 || Neighbours < 1 || Neighbours > TrainingCodes.Count / latentSize)
            {
                throw new ArgumentException($"the {Name} score needs training codes of {latentSize} values each and k between 1 and their number.");
            }
        }

        double[] constants = [DistanceScale, NeighbourScale, Ssim.Mean, Ssim.Sd, Latent.Mean, Latent.Sd, .. Centre ?? [], .. TrainingCodes ?? []];
        if (constants.Any(value => !double.IsFinite(value)) || DistanceScale <= 0 || NeighbourScale <= 0 || Ssim.Sd <= 0 || Latent.Sd <= 0)
        {
            throw new ArgumentException($"the {Name} score's fitted constants must be finite, and its scales positive.");
        }
    }

    private static double[] Values(Tensor tensor)
    {
        using var scope = NewDisposeScope();
        return tensor.detach().cpu().to_type(ScalarType.Float64).contiguous().data<double>().ToArray();
    }
}
