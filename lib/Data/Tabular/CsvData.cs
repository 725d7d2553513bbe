using Autoencoders.Data.Preprocessing;

namespace Autoencoders.Data.Tabular;

/// <summary>What <see cref="CsvDataset.Load"/> returns: the data set (dispose it) and what is needed to map back.</summary>
/// <param name="Dataset">The split and scaled data; owns its tensors.</param>
/// <param name="Scaler">The scaler fitted on the training rows (kind None when unscaled); save its
/// <see cref="FeatureScaler.State"/> with a model to scale new rows the same way.</param>
/// <param name="FeatureNames">Names of the feature columns, in tensor column order.</param>
public sealed record CsvData(Dataset Dataset, FeatureScaler Scaler, IReadOnlyList<string> FeatureNames) : IDisposable
{
    /// <inheritdoc/>
    public void Dispose() => Dataset.Dispose();
}
