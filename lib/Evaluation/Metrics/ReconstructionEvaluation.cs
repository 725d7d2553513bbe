using Autoencoders.Models;
using static TorchSharp.torch;

namespace Autoencoders.Evaluation;

/// <summary>Measures how well a model reconstructs a data set: averages, error per class, best and worst samples.</summary>
public static class ReconstructionEvaluation
{
    /// <summary>
    /// Reconstructs <paramref name="data"/> <c>(n, ...)</c> with <see cref="BatchedInference"/> (evaluation mode, no
    /// gradients; the model's mode is restored afterwards) and measures every sample.
    /// </summary>
    /// <param name="model">The trained model.</param>
    /// <param name="data">Samples in the model's input shape.</param>
    /// <param name="labels">Optional class labels <c>(n)</c> for the per-class error.</param>
    /// <param name="classNames">Optional names indexed by label.</param>
    /// <param name="extremes">How many best and worst samples to list.</param>
    /// <param name="batchSize">Samples per forward pass.</param>
    public static ReconstructionReport Evaluate(
        Autoencoder model, Tensor data, Tensor? labels = null, IReadOnlyList<string>? classNames = null, int extremes = 5, int batchSize = 256)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(data);
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(extremes);
        var samples = data.shape[0];
        ArgumentOutOfRangeException.ThrowIfLessThan(samples, 1L, nameof(data));
        var scores = Score(model, data, batchSize);
        var metrics = new ReconstructionMetrics(
            samples, scores.Mse.Average(), scores.Mae.Average(), scores.Bce?.Average(), scores.Psnr.Average(), scores.Ssim?.Average());
        var (best, worst) = Extremes(scores.Mse, extremes);
        var perClass = labels is null ? [] : PerClass(scores.Mse, labels, classNames);
        return new ReconstructionReport(metrics, scores.Mse, perClass, best, worst);
    }

    /// <summary>
    /// The mean error per class: one entry per label that occurs, in label order. The name is
    /// <paramref name="classNames"/>[label] when given and in range, otherwise the label as text.
    /// </summary>
    public static IReadOnlyList<ClassError> PerClass(IReadOnlyList<double> errors, Tensor labels, IReadOnlyList<string>? classNames = null)
    {
        ArgumentNullException.ThrowIfNull(errors);
        ArgumentNullException.ThrowIfNull(labels);
        if (labels.numel() != errors.Count)
        {
            throw new ArgumentException($"{labels.numel()} labels for {errors.Count} errors", nameof(labels));
        }

        using var scope = NewDisposeScope();
        var values = labels.to_type(ScalarType.Int64).flatten().data<long>().ToArray();
        return [.. values.Select((label, index) => (label, error: errors[index]))
            .GroupBy(pair => pair.label)
            .OrderBy(group => group.Key)
            .Select(group => new ClassError(
                group.Key,
                classNames is not null && group.Key >= 0 && group.Key < classNames.Count ? classNames[(int)group.Key] : group.Key.ToString(System.Globalization.CultureInfo.InvariantCulture),
                group.Count(),
                group.Average(pair => pair.error)))];
    }

    /// <summary>
    /// The <paramref name="k"/> lowest errors (ascending) and the <paramref name="k"/> highest (descending);
    /// equal errors are ordered by index. Fewer than k samples gives them all.
    /// </summary>
    public static (IReadOnlyList<SampleError> Best, IReadOnlyList<SampleError> Worst) Extremes(IReadOnlyList<double> errors, int k)
    {
        ArgumentNullException.ThrowIfNull(errors);
        ArgumentOutOfRangeException.ThrowIfNegative(k);
        var all = errors.Select((error, index) => new SampleError(index, error)).ToList();
        return (
            [.. all.OrderBy(e => e.Error).ThenBy(e => e.Index).Take(k)],
            [.. all.OrderByDescending(e => e.Error).ThenBy(e => e.Index).Take(k)]);
    }

    private sealed record Scores(double[] Mse, double[] Mae, double[]? Bce, double[] Psnr, double[]? Ssim);

    private static Scores Score(Autoencoder model, Tensor data, int batchSize)
    {
        var isImage = Ssim.Applies(data.shape);
        var bceApplies = SampleMetrics.BceApplies(data);

        var mse = new List<double>();
        var mae = new List<double>();
        var bce = new List<double>();
        var psnr = new List<double>();
        var ssim = new List<double>();
        BatchedInference.ForEach(model, data, (batch, _) =>
        {
            var reconstruction = model.forward(batch);
            mse.AddRange(Values(SampleMetrics.Mse(reconstruction, batch)));
            mae.AddRange(Values(SampleMetrics.Mae(reconstruction, batch)));
            psnr.AddRange(Values(SampleMetrics.Psnr(reconstruction, batch)));
            if (bceApplies)
            {
                bce.AddRange(Values(SampleMetrics.Bce(reconstruction, batch)));
            }

            if (isImage)
            {
                ssim.AddRange(Values(Ssim.PerImage(reconstruction, batch)));
            }
        }, batchSize);

        return new Scores([.. mse], [.. mae], bceApplies ? [.. bce] : null, [.. psnr], isImage ? [.. ssim] : null);
    }

    private static double[] Values(Tensor perSample) => perSample.data<double>().ToArray();
}
