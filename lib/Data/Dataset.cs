using static TorchSharp.torch;

namespace Autoencoders.Data;

/// <summary>
/// A data set split into training and test samples, held as tensors that this object owns (dispose it).
/// Features are float32 with the samples along the first dimension: <c>(n, 1, height, width)</c> for images,
/// <c>(n, features)</c> for tabular rows and <c>(n, window, channels)</c> for time-series windows. Labels, when the
/// data has them, are int64 of shape <c>(n)</c>.
/// </summary>
public sealed class Dataset : IDisposable
{
    /// <summary>Takes ownership of the tensors; they are detached from any dispose scope.</summary>
    /// <param name="name">Short name, e.g. <c>digits</c>.</param>
    /// <param name="source">Where the data came from: a file, a folder or "embedded".</param>
    /// <param name="trainFeatures">Training samples.</param>
    /// <param name="trainLabels">Training labels, or null.</param>
    /// <param name="testFeatures">Test samples; same shape per sample as the training samples.</param>
    /// <param name="testLabels">Test labels, or null; present exactly when training labels are.</param>
    /// <param name="classNames">Display names of the label values 0, 1, …, or null to show the numbers.</param>
    public Dataset(string name, string source, Tensor trainFeatures, Tensor? trainLabels, Tensor testFeatures, Tensor? testLabels,
        IReadOnlyList<string>? classNames = null)
    {
        ArgumentNullException.ThrowIfNull(trainFeatures);
        ArgumentNullException.ThrowIfNull(testFeatures);
        if (!trainFeatures.shape.Skip(1).SequenceEqual(testFeatures.shape.Skip(1)))
        {
            throw new ArgumentException(
                $"training samples have shape [{string.Join(", ", trainFeatures.shape.Skip(1))}] but test samples " +
                $"[{string.Join(", ", testFeatures.shape.Skip(1))}]", nameof(testFeatures));
        }

        if ((trainLabels is null) != (testLabels is null))
        {
            throw new ArgumentException("either both splits have labels or neither has", nameof(testLabels));
        }

        Name = name;
        Source = source;
        TrainFeatures = trainFeatures.DetachFromDisposeScope();
        TrainLabels = trainLabels?.DetachFromDisposeScope();
        TestFeatures = testFeatures.DetachFromDisposeScope();
        TestLabels = testLabels?.DetachFromDisposeScope();
        ClassNames = classNames;
    }

    /// <summary>Short name, e.g. <c>digits</c>.</summary>
    public string Name { get; }

    /// <summary>Where the data came from.</summary>
    public string Source { get; }

    /// <summary>Training samples, <c>(n_train, ...SampleShape)</c>.</summary>
    public Tensor TrainFeatures { get; }

    /// <summary>Training labels, <c>(n_train)</c>, or null.</summary>
    public Tensor? TrainLabels { get; }

    /// <summary>Test samples, <c>(n_test, ...SampleShape)</c>.</summary>
    public Tensor TestFeatures { get; }

    /// <summary>Test labels, <c>(n_test)</c>, or null.</summary>
    public Tensor? TestLabels { get; }

    /// <summary>Display names of the classes, or null.</summary>
    public IReadOnlyList<string>? ClassNames { get; }

    /// <summary>The scaler fitted on the training split (CSV data), or null for data used as stored (images).</summary>
    public Preprocessing.FeatureScaler? Scaler { get; init; }

    /// <summary>Names of the feature columns (CSV data), or null.</summary>
    public IReadOnlyList<string>? FeatureNames { get; init; }

    /// <summary>
    /// How the data were read, split and scaled, with the fitted scaler: saved with a model trained on them so that new
    /// data get the same preprocessing. Set by <see cref="Datasets.Load(string, DatasetLoadOptions?)"/>; null for a data
    /// set built by hand.
    /// </summary>
    public DataRecipe? Recipe { get; internal set; }

    /// <summary>
    /// Things about the data worth a warning that did not stop them loading, one line each: e.g. gaps in a time
    /// series' timestamps. Front ends show them (the CLI prints <c>warning: …</c>).
    /// </summary>
    public IReadOnlyList<string> Warnings { get; internal set; } = [];

    /// <summary>Shape of one sample, e.g. <c>[1, 28, 28]</c>.</summary>
    public long[] SampleShape => TrainFeatures.shape[1..];

    /// <summary>Number of values in one sample, e.g. 784.</summary>
    public long FeatureCount => SampleShape.Aggregate(1L, (product, size) => product * size);

    /// <inheritdoc/>
    public void Dispose()
    {
        TrainFeatures.Dispose();
        TrainLabels?.Dispose();
        TestFeatures.Dispose();
        TestLabels?.Dispose();
    }
}
