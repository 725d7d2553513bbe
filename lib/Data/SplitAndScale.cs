using Autoencoders.Data.Preprocessing;
using static TorchSharp.torch;

namespace Autoencoders.Data;

/// <summary>Turns samples without a fixed test split (CSV rows, time-series windows) into a <see cref="Dataset"/>.</summary>
internal static class SplitAndScale
{
    /// <summary>
    /// Splits <paramref name="features"/> <c>(n, ...)</c> into training and test samples (seeded; stratified when
    /// labelled), fits a scaler on the training samples only, or takes <paramref name="fitted"/>, and applies it to
    /// both. Does not take ownership of the inputs.
    /// </summary>
    /// <remarks><paramref name="fitted"/>: a scaler fitted earlier (a trained model's) to apply instead of fitting one; its column count must match.</remarks>
    public static Dataset Apply(string name, string source, Tensor features, Tensor? labels, IReadOnlyList<string>? classNames,
        double testFraction, long seed, ScalingKind scaling, IReadOnlyList<string>? featureNames = null, ScalerState? fitted = null)
    {
        ArgumentNullException.ThrowIfNull(features);
        if (features.shape[0] < 2)
        {
            throw new DataInputException(
                $"{source}: {features.shape[0]} sample{(features.shape[0] == 1 ? "" : "s")} after reading (a window longer than the series, or a stride past its end?), but a split into training and test needs at least 2: give more rows, or a shorter window or stride.");
        }

        var labelValues = labels is null ? null : labels.data<long>().ToArray();
        // A fraction of 0 keeps no test split: every sample is for training, in the file's order.
        var (train, test) = testFraction == 0 ? ([.. Enumerable.Range(0, (int)features.shape[0]).Select(i => (long)i)], [])
            : DataSplit.Indices(features.shape[0], testFraction, seed, labelValues);
        using var scope = NewDisposeScope();
        var trainIndex = tensor(train, ScalarType.Int64);
        var testIndex = tensor(test, ScalarType.Int64);
        var trainFeatures = features.index_select(0, trainIndex);
        var scaler = fitted is null ? new FeatureScaler(scaling).Fit(trainFeatures) : Restore(fitted, features, source);

        // The Dataset detaches the tensors it takes from this scope, so they outlive it.
        return new Dataset(name, source,
            scaler.Transform(trainFeatures), labels?.index_select(0, trainIndex),
            scaler.Transform(features.index_select(0, testIndex)), labels?.index_select(0, testIndex),
            classNames)
        {
            Scaler = scaler,
            FeatureNames = featureNames,
        };
    }

    private static FeatureScaler Restore(ScalerState fitted, Tensor features, string source)
    {
        var scaler = FeatureScaler.FromState(fitted);
        return scaler.ColumnCount == features.shape[^1]
            ? scaler
            : throw new DataInputException($"{source}: has {features.shape[^1]} feature columns but the model's scaler was fitted on {scaler.ColumnCount}; give data with the model's columns.");
    }
}
