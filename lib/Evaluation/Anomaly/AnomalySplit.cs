using static TorchSharp.torch;

namespace Autoencoders.Evaluation.Anomaly;

/// <summary>
/// Data for an anomaly-detection experiment: normal training samples only, and test samples with a flag saying
/// which are anomalies. Owns its tensors (dispose it).
/// </summary>
public sealed class AnomalySplit : IDisposable
{
    /// <summary>Takes ownership of the tensors; they are detached from any dispose scope.</summary>
    /// <param name="description">What the split is, e.g. <c>digits without 0; anomaly = 0</c>.</param>
    /// <param name="train">Normal training samples <c>(n_train, ...)</c>.</param>
    /// <param name="test">Test samples <c>(n_test, ...)</c>, the same shape per sample.</param>
    /// <param name="testIsAnomaly">One flag per test sample, true for an anomaly.</param>
    public AnomalySplit(string description, Tensor train, Tensor test, IReadOnlyList<bool> testIsAnomaly)
    {
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(test);
        ArgumentNullException.ThrowIfNull(testIsAnomaly);
        if (test.shape[0] != testIsAnomaly.Count)
        {
            throw new ArgumentException($"{test.shape[0]} test samples but {testIsAnomaly.Count} flags", nameof(testIsAnomaly));
        }

        Description = description;
        Train = train.DetachFromDisposeScope();
        Test = test.DetachFromDisposeScope();
        TestIsAnomaly = [.. testIsAnomaly];
    }

    /// <summary>What the split is.</summary>
    public string Description { get; }

    /// <summary>Normal training samples.</summary>
    public Tensor Train { get; }

    /// <summary>Test samples, normal and anomalous.</summary>
    public Tensor Test { get; }

    /// <summary>True for each test sample that is an anomaly.</summary>
    public IReadOnlyList<bool> TestIsAnomaly { get; }

    /// <summary>The scaler fitted on the normal training samples (time series), or null for data used as stored.</summary>
    public Data.Preprocessing.FeatureScaler? Scaler { get; init; }

    /// <summary>Shape of one sample.</summary>
    public long[] SampleShape => Train.shape[1..];

    /// <inheritdoc/>
    public void Dispose()
    {
        Train.Dispose();
        Test.Dispose();
    }
}
