using static TorchSharp.torch;

namespace Autoencoders.Data.Preprocessing;

/// <summary>
/// Scales each column (the last dimension) of a float tensor: min-max to [0, 1] or standard to zero mean and unit
/// variance. <see cref="Fit"/> learns the per-column parameters from the training split only; <see cref="Transform"/>
/// and <see cref="InverseTransform"/> then apply them to any split. A constant column (max == min) gets a scale
/// of 1, so it maps to 0 under both kinds and back to its value exactly: no division by zero, no NaN.
/// </summary>
public sealed class FeatureScaler
{
    private ScalerState? state;

    /// <summary>An unfitted scaler of the given kind; call <see cref="Fit"/> before using it.</summary>
    /// <param name="kind">How to scale.</param>
    public FeatureScaler(ScalingKind kind)
    {
        if (!Enum.IsDefined(kind))
        {
            throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown scaling kind");
        }

        Kind = kind;
    }

    /// <summary>How this scaler maps values.</summary>
    public ScalingKind Kind { get; }

    /// <summary>Whether <see cref="Fit"/> (or <see cref="FromState"/>) has given it parameters.</summary>
    public bool IsFitted => state is not null;

    /// <summary>The learned parameters; throws before <see cref="Fit"/>.</summary>
    public ScalerState State => state ?? throw NotFitted();

    /// <summary>Number of columns the scaler was fitted on; throws before <see cref="Fit"/>.</summary>
    public int ColumnCount => State.Offsets.Count;

    /// <summary>A fitted scaler with saved parameters (from <see cref="ScalerState.FromJson"/>).</summary>
    /// <param name="saved">Parameters that a fitted scaler produced.</param>
    public static FeatureScaler FromState(ScalerState saved)
    {
        ArgumentNullException.ThrowIfNull(saved);
        saved.Validate();
        return new FeatureScaler(saved.Kind) { state = saved with { Offsets = [.. saved.Offsets], Scales = [.. saved.Scales] } };
    }

    /// <summary>
    /// Learns the per-column parameters from <paramref name="training"/>, shape <c>(..., columns)</c> with at
    /// least one row; the statistics run over every dimension but the last. Returns this scaler.
    /// </summary>
    /// <param name="training">The training split only: fitting on test data would leak it into the model.</param>
    public FeatureScaler Fit(Tensor training)
    {
        ArgumentNullException.ThrowIfNull(training);
        if (training.dim() < 1 || training.numel() == 0)
        {
            throw new ArgumentException("cannot fit a scaler on an empty tensor", nameof(training));
        }

        using var scope = NewDisposeScope();
        var columns = training.shape[^1];
        var rows = training.to_type(ScalarType.Float64).reshape(-1, columns);
        var min = rows.amin(0).data<double>().ToArray();
        var max = rows.amax(0).data<double>().ToArray();
        double[] offsets, scales;
        switch (Kind)
        {
            case ScalingKind.MinMax:
                offsets = min;
                scales = [.. min.Zip(max, (low, high) => high - low)];
                break;
            case ScalingKind.Standard:
                offsets = rows.mean([0]).data<double>().ToArray();
                scales = rows.std(0, unbiased: false).data<double>().ToArray();
                break;
            default:
                offsets = new double[columns];
                scales = [.. Enumerable.Repeat(1.0, (int)columns)];
                break;
        }

        for (var c = 0; c < columns; c++)
        {
            if (min[c] == max[c])
            {
                (offsets[c], scales[c]) = Kind == ScalingKind.None ? (0.0, 1.0) : (min[c], 1.0);
            }
        }

        var fitted = new ScalerState(Kind, offsets, scales);
        fitted.Validate();
        state = fitted;
        return this;
    }

    /// <summary>Scales <paramref name="data"/>, shape <c>(..., columns)</c>, into a new tensor of the same shape and type.</summary>
    /// <param name="data">Values in the original units.</param>
    public Tensor Transform(Tensor data) => Apply(data, inverse: false);

    /// <summary>Undoes <see cref="Transform"/>: back to the original units, same shape and type.</summary>
    /// <param name="data">Scaled values.</param>
    public Tensor InverseTransform(Tensor data) => Apply(data, inverse: true);

    private Tensor Apply(Tensor data, bool inverse)
    {
        ArgumentNullException.ThrowIfNull(data);
        var fitted = state ?? throw NotFitted();
        if (data.dim() < 1 || data.shape[^1] != fitted.Offsets.Count)
        {
            throw new ArgumentException(
                $"the scaler was fitted on {fitted.Offsets.Count} columns but the data's last dimension has " +
                $"{(data.dim() < 1 ? 0 : data.shape[^1])}", nameof(data));
        }

        if (!data.is_floating_point())
        {
            throw new ArgumentException($"the scaler needs floating-point data, not {data.dtype}", nameof(data));
        }

        // In float64, then back: a float32 offset would cost a column with a large mean and a small spread
        // (a pressure of 1013 ± 0.5) most of its precision.
        using var scope = NewDisposeScope();
        var offsets = tensor(fitted.Offsets.ToArray(), ScalarType.Float64);
        var scales = tensor(fitted.Scales.ToArray(), ScalarType.Float64);
        var wide = data.to_type(ScalarType.Float64);
        var result = inverse ? (wide * scales) + offsets : (wide - offsets) / scales;
        return result.to_type(data.dtype).MoveToOuterDisposeScope();
    }

    private InvalidOperationException NotFitted() => new(
        $"this {Kind} scaler has not been fitted yet; call Fit(trainingFeatures) first, or restore one with FeatureScaler.FromState");
}
