using Autoencoders.Models;
using static TorchSharp.torch;

namespace Autoencoders.Evaluation.Anomaly;

/// <summary>What an autoencoder's anomaly score measures.</summary>
public enum AnomalyScoreKind
{
    /// <summary>
    /// <c>mse</c>: the mean squared reconstruction error over the sample's values, R(x) = mean((x − x̂)²), as
    /// <see cref="AnomalyScores.Compute"/>: far from what the model learnt to reconstruct.
    /// </summary>
    Reconstruction,

    /// <summary>
    /// <c>mse+centre</c>: R(x) + C(x), C(x) = mean((x̂ − m)²) with m the training rows' mean: the squared distance from the
    /// training centre, split into the part off the learnt manifold (the error) and the part along it (where the
    /// reconstruction lies). For PCA the two add up to ‖x − m‖² / features exactly.
    /// </summary>
    ReconstructionAndCentre,

    /// <summary>
    /// <c>centre+knn</c>: √(R + C) / its training mean + ½ · N / its training mean, N(x) the distance from the code of x
    /// to its k-th nearest training code: a global distance (how far from the centre) plus half a local one (how far
    /// from the nearest training samples in the code space), each in units of its typical training value. The weight ½
    /// was chosen on tuning splits of thyroid (docs: "Anomaly detection on tables").
    /// </summary>
    CentreAndNeighbours,
}

/// <summary>The short names of <see cref="AnomalyScoreKind"/>, as <c>checkpoint.json</c> and reports record them.</summary>
public static class AnomalyScoreKinds
{
    /// <summary>The name of <paramref name="kind"/>, e.g. <c>mse</c> or <c>mse+centre</c>.</summary>
    public static string Name(AnomalyScoreKind kind) => kind switch
    {
        AnomalyScoreKind.Reconstruction => AnomalyThresholdSet.MseScore,
        AnomalyScoreKind.ReconstructionAndCentre => "mse+centre",
        AnomalyScoreKind.CentreAndNeighbours => "centre+knn",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown score kind"),
    };

    /// <summary>The kind named <paramref name="name"/> (case-insensitive), or null.</summary>
    public static AnomalyScoreKind? Parse(string name) =>
        Enum.GetValues<AnomalyScoreKind>().Cast<AnomalyScoreKind?>().FirstOrDefault(kind => string.Equals(Name(kind!.Value), name?.Trim(), StringComparison.OrdinalIgnoreCase));
}

/// <summary>
/// An anomaly score fitted to a trained autoencoder and its training rows <c>(n, features)</c>: keeps what the score needs
/// from the training data (their mean, their codes, the typical training values) and scores new rows in the same units.
/// Owns a copy of the training codes when the score uses neighbours (dispose it).
/// </summary>
public sealed class AnomalyScorer : IDisposable
{
    private readonly Autoencoder _model;
    private readonly Tensor _centre;
    private readonly Tensor? _trainingCodes;
    private readonly int _neighbours;
    private readonly double _distanceScale;
    private readonly double _neighbourScale;

    /// <summary>The weight of the code-space neighbour distance in <see cref="AnomalyScoreKind.CentreAndNeighbours"/>.</summary>
    public const double NeighbourWeight = 0.5;

    private AnomalyScorer(Autoencoder model, AnomalyScoreKind kind, Tensor centre, Tensor? trainingCodes, int neighbours, Parts training)
        : this(model, kind, centre, trainingCodes, neighbours, Mean(training.Distance), Mean(training.Neighbour), null)
    {
        TrainingScores = Combine(training);
    }

    private AnomalyScorer(Autoencoder model, AnomalyScoreKind kind, Tensor centre, Tensor? trainingCodes, int neighbours, double distanceScale,
        double neighbourScale, IReadOnlyList<double>? trainingScores)
    {
        _model = model;
        Kind = kind;
        _centre = centre.DetachFromDisposeScope();
        _trainingCodes = trainingCodes?.DetachFromDisposeScope();
        _neighbours = neighbours;
        _distanceScale = distanceScale;
        _neighbourScale = neighbourScale;
        TrainingScores = trainingScores ?? [];
    }

    /// <summary>The score's kind.</summary>
    public AnomalyScoreKind Kind { get; }

    /// <summary>The score's short name (<see cref="AnomalyScoreKinds.Name"/>).</summary>
    public string Name => AnomalyScoreKinds.Name(Kind);

    /// <summary>The training rows' mean, float64 <c>(features)</c> (the ONNX export keeps it as a constant).</summary>
    internal Tensor Centre => _centre;

    /// <summary>The training rows' codes, float64 <c>(n, latent)</c>, or null when the score needs no neighbours.</summary>
    internal Tensor? TrainingCodes => _trainingCodes;

    /// <summary>k of the code-space neighbour distance of a new row.</summary>
    internal int Neighbours => _neighbours;

    /// <summary>The training mean of √(R + C), the unit of the global term of <see cref="AnomalyScoreKind.CentreAndNeighbours"/>.</summary>
    internal double DistanceScale => _distanceScale;

    /// <summary>The training mean of the neighbour distance, the unit of the local term.</summary>
    internal double NeighbourScale => _neighbourScale;

    /// <summary>The training rows' own scores (a training row is not its own neighbour).</summary>
    public IReadOnlyList<double> TrainingScores { get; }

    /// <summary>Fits <paramref name="kind"/> to <paramref name="model"/> and its training rows.</summary>
    /// <param name="model">A trained model; used, not owned.</param>
    /// <param name="training">The rows it was trained on, in its units; not modified.</param>
    /// <param name="kind">The score.</param>
    /// <param name="neighbours">k of the code-space neighbour distance; fewer than the training rows.</param>
    /// <param name="maxReferenceCodes">The most training codes kept for the neighbour distance; beyond it a seeded sample (<see cref="ReferenceSample"/>).</param>
    /// <param name="seed">Seeds that sample.</param>
    public static AnomalyScorer Fit(Autoencoder model, Tensor training, AnomalyScoreKind kind, int neighbours = BaselineDetectors.DefaultNeighbours,
        int maxReferenceCodes = int.MaxValue, long seed = 0)
    {
        ArgumentNullException.ThrowIfNull(model);
        model.RequireSamples(training, nameof(training));
        ArgumentOutOfRangeException.ThrowIfLessThan(neighbours, 1);
        if (!Enum.IsDefined(kind))
        {
            throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown score kind");
        }

        var usesNeighbours = kind == AnomalyScoreKind.CentreAndNeighbours;
        if (usesNeighbours && training.shape[0] <= neighbours)
        {
            throw new ArgumentException($"the distance to the {neighbours}th nearest training code needs more than {neighbours} training rows; got {training.shape[0]}", nameof(training));
        }

        using var scope = NewDisposeScope();
        var centre = training.flatten(1).to_type(ScalarType.Float64).mean([0]);
        var codes = usesNeighbours ? BatchedInference.Map(model, training, model.Encode).to_type(ScalarType.Float64) : null;
        if (codes is not null && ReferenceSample.Choose(codes.shape[0], maxReferenceCodes, seed) is { } kept)
        {
            var sampled = Compute(model, training, centre, null, 0) with
            {
                Neighbour = ReferenceSample.TrainingDistances(codes, kept, neighbours, (reference, queries, k) => BaselineDetectors.KthDistance(reference, queries, k)),
            };
            return new AnomalyScorer(model, kind, centre, codes.index_select(0, tensor(kept)), neighbours, sampled);
        }

        var parts = Compute(model, training, centre, codes, usesNeighbours ? neighbours + 1 : 0);
        return new AnomalyScorer(model, kind, centre, codes, neighbours, parts);
    }

    /// <summary>A scorer fitted earlier, from what <see cref="State"/> kept; scores exactly as that one did.</summary>
    /// <exception cref="ArgumentException">The state is not of a table score, or does not fit the model.</exception>
    public static AnomalyScorer Restore(Autoencoder model, ScoreState state)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(state);
        var kind = AnomalyScoreKinds.Parse(state.Kind) ?? throw new ArgumentException($"'{state.Kind}' is not a table score", nameof(state));
        var features = model.InputShape.Aggregate(1L, (product, size) => product * size);
        if (state.Centre is not { } centre || centre.Count != features)
        {
            throw new ArgumentException($"the {state.Kind} score needs the training centre of {features} values; the state holds {state.Centre?.Count ?? 0}", nameof(state));
        }

        using var scope = NewDisposeScope();
        Tensor? codes = null;
        if (kind == AnomalyScoreKind.CentreAndNeighbours)
        {
            var count = state.ReferenceCount ?? 0;
            if (state.ReferenceCodes is not { } flat || count <= (state.Neighbours ?? 0) || flat.Count != (long)count * model.LatentSize
                || state.Neighbours is not >= 1 || state.DistanceScale is not > 0 || state.NeighbourScale is not > 0)
            {
                throw new ArgumentException($"the {state.Kind} score needs k, its two scales and more than k reference codes of {model.LatentSize} values each", nameof(state));
            }

            codes = tensor(flat.ToArray(), [count, model.LatentSize]).to_type(ScalarType.Float64);
        }

        return new AnomalyScorer(model, kind, tensor(centre.ToArray()), codes, state.Neighbours ?? 0, state.DistanceScale ?? 1, state.NeighbourScale ?? 1, state.TrainingScores);
    }

    /// <summary>What this scorer learnt, to be saved and restored (<see cref="Restore"/>).</summary>
    public ScoreState State
    {
        get
        {
            using var scope = NewDisposeScope();
            var neighbours = _trainingCodes is not null;
            return new ScoreState(Name, [.. TrainingScores], Centre: _centre.data<double>().ToArray(),
                Neighbours: neighbours ? _neighbours : null,
                ReferenceCodes: neighbours ? _trainingCodes!.to_type(ScalarType.Float32).contiguous().data<float>().ToArray() : null,
                ReferenceCount: neighbours ? (int)_trainingCodes!.shape[0] : null,
                DistanceScale: neighbours ? _distanceScale : null,
                NeighbourScale: neighbours ? _neighbourScale : null);
        }
    }

    /// <summary>Scores rows <c>(n, features)</c> in the model's units: <c>n</c> scores, higher = more anomalous.</summary>
    public double[] Score(Tensor rows, IProgress<long>? progress = null)
    {
        _model.RequireSamples(rows, nameof(rows));
        return Combine(Compute(_model, rows, _centre, _trainingCodes, _trainingCodes is null ? 0 : _neighbours, progress));
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        _centre.Dispose();
        _trainingCodes?.Dispose();
    }

    private double[] Combine(Parts parts) => Kind switch
    {
        AnomalyScoreKind.Reconstruction => parts.Error,
        AnomalyScoreKind.ReconstructionAndCentre => [.. parts.Error.Select((error, i) => error + parts.Along[i])],
        _ => [.. parts.Distance.Select((distance, i) => (distance / _distanceScale) + (NeighbourWeight * parts.Neighbour[i] / _neighbourScale))],
    };

    private static Parts Compute(Autoencoder model, Tensor rows, Tensor centre, Tensor? codes, int kth, IProgress<long>? progress = null)
    {
        using var scope = NewDisposeScope();
        var errors = new List<double>();
        var along = new List<double>();
        var neighbour = new List<double>();
        BatchedInference.ForEach(model, rows, (batch, _) =>
        {
            using var batchScope = NewDisposeScope();
            var flat = batch.flatten(1).to_type(ScalarType.Float64);
            var reconstruction = model.forward(batch).flatten(1).to_type(ScalarType.Float64);
            errors.AddRange((flat - reconstruction).square().mean([1]).data<double>().ToArray());
            along.AddRange((reconstruction - centre).square().mean([1]).data<double>().ToArray());
            if (codes is not null)
            {
                neighbour.AddRange(BaselineDetectors.KthDistance(codes, model.Encode(batch).to_type(ScalarType.Float64), kth));
            }
        }, progress: progress);
        return new Parts([.. errors], [.. along], codes is null ? new double[errors.Count] : [.. neighbour]);
    }

    // A scale of 0 (every training value equal) would divide by zero; 1 leaves that part as it is.
    private static double Mean(double[] values) => values.Length > 0 && values.Average() is var mean && mean > 0 ? mean : 1;

    private sealed record Parts(double[] Error, double[] Along, double[] Neighbour)
    {
        public double[] Distance { get; } = [.. Error.Select((error, i) => Math.Sqrt(error + Along[i]))];
    }
}
