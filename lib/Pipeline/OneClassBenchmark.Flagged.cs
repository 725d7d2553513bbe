using System.Globalization;
using Autoencoders.Data;
using Autoencoders.Evaluation.Anomaly;
using Autoencoders.Plots;
using Plotly.NET;

namespace Autoencoders.Pipeline;

/// <summary>What one class's model flags in the test split, and why (a chart of original, reconstruction and per-pixel error).</summary>
/// <param name="Class">The normal class.</param>
/// <param name="Name">Its display name.</param>
/// <param name="Seed">The seed of the model.</param>
/// <param name="Threshold">The threshold: the 99th percentile of the model's scores on its own training samples.</param>
/// <param name="Flagged">Test samples scoring above it.</param>
/// <param name="FlaggedNormal">Of those, samples of the normal class (false alarms).</param>
/// <param name="TestSamples">Test samples scored.</param>
/// <param name="Chart">The highest-scoring flagged samples drawn; null when nothing is flagged.</param>
public sealed record OneClassFlagged(long Class, string Name, long Seed, double Threshold, int Flagged, int FlaggedNormal, int TestSamples, GenericChart? Chart);

public static partial class OneClassBenchmark
{
    /// <summary>Share of a model's own training samples above the flagging threshold of <see cref="Flagged"/>.</summary>
    public const double FlaggingContamination = 0.01;

    /// <summary>
    /// Trains the model of class <paramref name="label"/> (the first seed of <paramref name="options"/>), flags the test
    /// samples that score above the 99th percentile of its training samples' scores, and draws the
    /// <paramref name="count"/> highest-scoring ones: original, reconstruction and per-pixel squared error, so a reader
    /// sees which strokes the model of the class could not draw.
    /// </summary>
    /// <exception cref="DataInputException">The data have no labels, or the class is not in both splits.</exception>
    public static OneClassFlagged Flagged(Dataset data, long label, OneClassOptions? options = null, int count = 12,
        PipelineObserver? observer = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        options = (options ?? new OneClassOptions()) with { Classes = [label] };
        options.Validate();
        observer ??= PipelineObserver.Silent;
        CheckData(data, options);
        using var train = TrainingSamples(data, label);
        options = options.ResolvedFor(train.shape[0]);
        var seed = options.FirstSeed;
        using var trained = TrainDetector(data, label, options, seed, observer, cancellationToken);
        var model = trained.Model;
        var scores = trained.Score(data.TestFeatures);
        var threshold = AnomalyThresholds.Percentile(trained.AnomalyScore!.TrainingScores, FlaggingContamination).Value;
        var labels = data.TestLabels!.data<long>().ToArray();
        var flagged = Enumerable.Range(0, scores.Length).Where(i => scores[i] > threshold).ToList();
        var name = ClassName(data, label);
        var chart = AnomalyImageCharts.Flagged(model, data.TestFeatures, scores, threshold, count, [.. labels.Select(value => ClassName(data, value))],
            string.Create(CultureInfo.InvariantCulture,
                $"{data.Name}, {name} normal: the top {Math.Min(count, flagged.Count)} of {flagged.Count:N0} test samples above the training 99th percentile"));
        return new OneClassFlagged(label, name, seed, threshold, flagged.Count, flagged.Count(i => labels[i] == label), scores.Length, chart);
    }
}
