using Autoencoders.Data.Preprocessing;
using static TorchSharp.torch;

namespace Autoencoders.Data;

/// <summary>Turns samples without a fixed test split (CSV rows, time-series windows) into a <see cref="Dataset"/>.</summary>
public static class SplitAndScale
{
    /// <summary>
    /// Splits <paramref name="features"/> <c>(n, ...)</c> into training and test samples (seeded; stratified when
    /// labelled), fits a scaler on the training samples only and applies it to both. Does not take ownership of
    /// the inputs.
    /// </summary>
    public static Dataset Apply(string name, string source, Tensor features, Tensor? labels, IReadOnlyList<string>? classNames,
        double testFraction, long seed, ScalingKind scaling, IReadOnlyList<string>? featureNames = null)
    {
        ArgumentNullException.ThrowIfNull(features);
        var labelValues = labels is null ? null : labels.data<long>().ToArray();
        var (train, test) = DataSplit.Indices(features.shape[0], testFraction, seed, labelValues);
        var scaler = new FeatureScaler(scaling);
        using var scope = NewDisposeScope();
        var trainIndex = tensor(train, ScalarType.Int64);
        var testIndex = tensor(test, ScalarType.Int64);
        var trainFeatures = features.index_select(0, trainIndex);
        scaler.Fit(trainFeatures);

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
}
