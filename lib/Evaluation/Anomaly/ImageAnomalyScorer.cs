using Autoencoders.Models;
using static TorchSharp.torch;

namespace Autoencoders.Evaluation.Anomaly;

/// <summary>
/// A trained autoencoder's anomaly scores for images (<see cref="ImageAnomalyScore"/>), fitted on the normal images it
/// was trained on: <see cref="Fit"/> keeps their codes and the statistics that standardise the combined score;
/// <see cref="Compute"/> scores new images, every requested score from one pass. Owns the training codes (dispose it);
/// does not own the model.
/// </summary>
public sealed class ImageAnomalyScorer : IDisposable
{
    private readonly Autoencoder _model;
    private readonly Tensor _trainingCodes;
    private readonly int _batchSize;
    private readonly Standardiser _ssim;
    private readonly Standardiser _latent;

    private ImageAnomalyScorer(Autoencoder model, IReadOnlyList<ImageAnomalyScore> scores, Tensor trainingCodes, int batchSize,
        Standardiser ssim, Standardiser latent, double[][] trainingScores)
    {
        _model = model;
        Scores = scores;
        _trainingCodes = trainingCodes.DetachFromDisposeScope();
        _batchSize = batchSize;
        _ssim = ssim;
        _latent = latent;
        TrainingScores = trainingScores;
    }

    /// <summary>The training images' codes, float32 <c>(n, latent)</c> (the ONNX export keeps them as a constant).</summary>
    internal Tensor TrainingCodes => _trainingCodes;

    /// <summary>The training mean and standard deviation of 1 − SSIM, which standardise the SSIM term.</summary>
    internal (double Mean, double Sd) SsimStandardiser => (_ssim.Mean, _ssim.Sd);

    /// <summary>The training mean and standard deviation of the nearest-code distance, which standardise the latent term.</summary>
    internal (double Mean, double Sd) LatentStandardiser => (_latent.Mean, _latent.Sd);

    /// <summary>The scores <see cref="Compute"/> gives, in its order.</summary>
    public IReadOnlyList<ImageAnomalyScore> Scores { get; }

    /// <summary>
    /// The training images' own scores, one array per score (their latent distances leave each image out): what a
    /// threshold is fitted on (e.g. <see cref="AnomalyThresholds.Percentile"/>).
    /// </summary>
    public IReadOnlyList<double[]> TrainingScores { get; }

    /// <summary>Fits the scores on the normal images <paramref name="normal"/> that <paramref name="model"/> was trained on.</summary>
    /// <param name="model">The trained model; not owned, and must outlive the scorer.</param>
    /// <param name="normal">Its training images <c>(n, c, h, w)</c>, at least two.</param>
    /// <param name="scores">The scores to compute, at least one.</param>
    /// <param name="batchSize">Images per forward pass.</param>
    /// <param name="maxReferenceCodes">The most training codes kept for the latent distance; beyond it a seeded sample (<see cref="ReferenceSample"/>).</param>
    /// <param name="seed">Seeds that sample.</param>
    /// <exception cref="ArgumentException">The images do not suit the model or a score, fewer than two images, or no score.</exception>
    public static ImageAnomalyScorer Fit(Autoencoder model, Tensor normal, IReadOnlyList<ImageAnomalyScore> scores, int batchSize = BatchedInference.DefaultBatchSize,
        int maxReferenceCodes = int.MaxValue, long seed = 0)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(scores);
        model.RequireSamples(normal, nameof(normal));
        ArgumentOutOfRangeException.ThrowIfLessThan(normal.shape[0], 2, nameof(normal));
        if (scores.Count == 0)
        {
            throw new ArgumentException("name at least one score", nameof(scores));
        }

        foreach (var score in scores.Where(score => !ImageAnomalyScores.Applies(score, normal.shape)))
        {
            throw new ArgumentException($"the {ImageAnomalyScores.Name(score)} score cannot take samples shaped [{string.Join(", ", normal.shape.Skip(1))}]", nameof(scores));
        }

        using var scope = NewDisposeScope();
        var (parts, codes) = Parts(model, normal, batchSize);

        // A training image is its own nearest code: its distance is to the nearest other one, as a new image's would be.
        var kept = ReferenceSample.Choose(codes.shape[0], maxReferenceCodes, seed);
        var latent = kept is null ? NeighborDistance.KthNearest(codes, codes, k: 2)
            : ReferenceSample.TrainingDistances(codes, kept, 1, (reference, queries, k) => NeighborDistance.KthNearest(reference, queries, k));
        var ssim = Standardiser.Of(parts.Ssim);
        var latentScale = Standardiser.Of(latent);
        return new ImageAnomalyScorer(model, [.. scores], kept is null ? codes : codes.index_select(0, tensor(kept)), batchSize, ssim, latentScale,
            [.. scores.Select(score => Select(score, parts, latent, ssim, latentScale))]);
    }

    /// <summary>A one-score scorer fitted earlier, from what <see cref="StateOf"/> kept; scores exactly as that one did.</summary>
    /// <exception cref="ArgumentException">The state is not of an image score, or does not fit the model.</exception>
    public static ImageAnomalyScorer Restore(Autoencoder model, ScoreState state, int batchSize = BatchedInference.DefaultBatchSize)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(state);
        var score = ImageAnomalyScores.Parse(state.Kind) ?? throw new ArgumentException($"'{state.Kind}' is not an image score", nameof(state));
        using var scope = NewDisposeScope();
        var codes = empty(0, model.LatentSize);
        if (ImageAnomalyScores.NeedsTrainingImages(score))
        {
            var count = state.ReferenceCount ?? 0;
            if (state.ReferenceCodes is not { } flat || count < 1 || flat.Count != (long)count * model.LatentSize
                || state.ReconstructionMean is null || state.ReconstructionSd is not > 0 || state.LatentMean is null || state.LatentSd is not > 0)
            {
                throw new ArgumentException($"the {state.Kind} score needs its reference codes of {model.LatentSize} values each and the two terms' means and standard deviations", nameof(state));
            }

            codes = tensor(flat.ToArray(), [count, model.LatentSize]);
        }

        return new ImageAnomalyScorer(model, [score], codes, batchSize, new Standardiser(state.ReconstructionMean ?? 0, state.ReconstructionSd ?? 1),
            new Standardiser(state.LatentMean ?? 0, state.LatentSd ?? 1), [[.. state.TrainingScores]]);
    }

    /// <summary>What this scorer learnt for <paramref name="score"/> (one of <see cref="Scores"/>), to be saved and restored (<see cref="Restore"/>).</summary>
    public ScoreState StateOf(ImageAnomalyScore score)
    {
        var index = Scores.ToList().IndexOf(score);
        ArgumentOutOfRangeException.ThrowIfNegative(index, nameof(score));
        var name = ImageAnomalyScores.Name(score);
        if (!ImageAnomalyScores.NeedsTrainingImages(score))
        {
            return new ScoreState(name, [.. TrainingScores[index]]);
        }

        using var scope = NewDisposeScope();
        return new ScoreState(name, [.. TrainingScores[index]], Neighbours: 1,
            ReferenceCodes: _trainingCodes.contiguous().data<float>().ToArray(), ReferenceCount: (int)_trainingCodes.shape[0],
            ReconstructionMean: _ssim.Mean, ReconstructionSd: _ssim.Sd, LatentMean: _latent.Mean, LatentSd: _latent.Sd);
    }

    /// <summary>Every score of <see cref="Scores"/> for <paramref name="images"/> <c>(n, c, h, w)</c>: one array of n values per score, higher meaning more anomalous.</summary>
    /// <exception cref="ArgumentException">The images do not suit the model.</exception>
    public double[][] Compute(Tensor images, IProgress<long>? progress = null)
    {
        _model.RequireSamples(images, nameof(images));
        using var scope = NewDisposeScope();
        var (parts, codes) = Parts(_model, images, _batchSize, progress);
        var latent = Scores.Any(ImageAnomalyScores.NeedsTrainingImages) ? NeighborDistance.KthNearest(_trainingCodes, codes, k: 1) : [];
        return [.. Scores.Select(score => Select(score, parts, latent, _ssim, _latent))];
    }

    /// <inheritdoc/>
    public void Dispose() => _trainingCodes.Dispose();

    private static double[] Select(ImageAnomalyScore score, ReconstructionParts parts, double[] latent, Standardiser ssim, Standardiser latentScale) => score switch
    {
        ImageAnomalyScore.Mse => parts.Mse,
        ImageAnomalyScore.BlurredMse => parts.BlurredMse,
        ImageAnomalyScore.Ssim => parts.Ssim,
        ImageAnomalyScore.SsimPlusLatent => [.. parts.Ssim.Select((value, i) => ssim.Apply(value) + latentScale.Apply(latent[i]))],
        _ => throw new ArgumentOutOfRangeException(nameof(score), score, "unknown score"),
    };

    // One pass of the model: the reconstruction scores of every image and its code (in the caller's dispose scope).
    private static (ReconstructionParts Parts, Tensor Codes) Parts(Autoencoder model, Tensor images, int batchSize, IProgress<long>? progress = null)
    {
        var ssimApplies = Ssim.Applies(images.shape);
        var blurApplies = ImageAnomalyScores.Applies(ImageAnomalyScore.BlurredMse, images.shape);
        var codeColumns = model.LatentSize;
        var rows = BatchedInference.Map(model, images, batch =>
        {
            var codes = model.Encode(batch);
            var reconstructions = model.Decode(codes);
            var mse = ImageAnomalyScores.Compute(ImageAnomalyScore.Mse, reconstructions, batch);
            var blurred = blurApplies ? ImageAnomalyScores.Compute(ImageAnomalyScore.BlurredMse, reconstructions, batch) : zeros_like(mse);
            var ssim = ssimApplies ? ImageAnomalyScores.Compute(ImageAnomalyScore.Ssim, reconstructions, batch) : zeros_like(mse);
            return cat([stack([mse, blurred, ssim], 1), codes.to_type(ScalarType.Float64)], 1);
        }, batchSize, progress);
        double[] Column(long index) => rows.select(1, index).contiguous().data<double>().ToArray();
        var parts = new ReconstructionParts(Column(0), Column(1), Column(2));
        return (parts, rows.narrow(1, 3, codeColumns).to_type(ScalarType.Float32));
    }

    private sealed record ReconstructionParts(double[] Mse, double[] BlurredMse, double[] Ssim);

    // z = (value − mean) / sd over the training images; a constant term (sd 0) only shifts, so it is left unscaled.
    private sealed record Standardiser(double Mean, double Sd)
    {
        public static Standardiser Of(double[] values)
        {
            var mean = values.Average();
            var sd = Math.Sqrt(values.Sum(value => (value - mean) * (value - mean)) / (values.Length - 1));
            return new Standardiser(mean, sd > 0 && double.IsFinite(sd) ? sd : 1);
        }

        public double Apply(double value) => (value - Mean) / Sd;
    }
}
