using Autoencoders.Data.TimeSeries;
using Autoencoders.Models;
using Autoencoders.Training;
using static TorchSharp.torch;

namespace Autoencoders.Streaming;

/// <summary>
/// An online anomaly detector for one series, in NAB's setting: it learns from the probationary rows only (the first
/// 15 %), then gives every later row a score in [0, 1] in row order from the window that ends at that row, using
/// nothing after it. The model is the library's <c>sequence</c> autoencoder (keras-io's Conv1D model) trained by the
/// library's <see cref="Trainer"/> on the probationary windows, z-normalised with the probationary rows' mean and
/// spread; it is not retrained afterwards, so scoring the later windows in batches gives exactly what scoring them
/// one at a time would. The error of each window's newest rows becomes a score through <see cref="RunningScore"/>.
/// </summary>
public static class OnlineWindowDetector
{
    // ModelFactory seeds torch's global generator before it draws the initial weights: files trained in parallel
    // threads take turns there, so each file's weights depend on its seed only.
    private static readonly Lock ModelCreation = new();

    /// <summary>
    /// Scores a series: 0 for the probationary rows (where it learns), then one score in [0, 1] per row.
    /// </summary>
    /// <param name="values">The series, in row order.</param>
    /// <param name="probation">Rows to learn from; at least the window length.</param>
    /// <param name="options">The detector's settings.</param>
    /// <param name="cancellationToken">Stops training between batches.</param>
    public static double[] Run(IReadOnlyList<float> values, int probation, OnlineDetectorOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(values);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        if (probation < options.Window || probation > values.Count)
        {
            throw new ArgumentException($"the probationary period ({probation} rows) must hold at least one window of {options.Window} rows and lie within the series ({values.Count} rows)", nameof(probation));
        }

        var errors = WindowErrors(values, probation, options, cancellationToken);
        var scores = new double[values.Count];
        var running = new RunningScore(options.ShortTerm, options.Suppress);
        for (var end = options.Window - 1; end < values.Count; end++)
        {
            var error = errors[end - options.Window + 1];
            if (end < probation)
            {
                running.Learn(error);
            }
            else
            {
                scores[end] = running.Score(error);
            }
        }

        return scores;
    }

    /// <summary>The mean of the probationary rows and their spread (1 when they are constant): the series' scale.</summary>
    public static (double Mean, double Spread) Scale(IReadOnlyList<float> values, int probation)
    {
        ArgumentNullException.ThrowIfNull(values);
        var head = values.Take(probation).Select(value => (double)value).ToArray();
        var mean = head.Average();
        var spread = Math.Sqrt(head.Sum(value => (value - mean) * (value - mean)) / head.Length);
        return (mean, spread > 1e-12 * Math.Max(1, Math.Abs(mean)) ? spread : 1);
    }

    // Trains on the probationary windows, then measures every window's error (one per window end, from row Window-1).
    private static double[] WindowErrors(IReadOnlyList<float> values, int probation, OnlineDetectorOptions options, CancellationToken cancellationToken)
    {
        var (mean, spread) = Scale(values, probation);
        var scaled = values.Select(value => (float)((value - mean) / spread)).ToArray();
        using var scope = NewDisposeScope();
        var series = tensor(scaled);
        var windows = SlidingWindows.Create(series, options.Window, stride: 1);
        var probationWindows = probation - options.Window + 1;
        var training = windows.narrow(0, 0, Math.Max(1, (int)Math.Round(probationWindows * (1 - options.HoldOut))));
        var modelOptions = new ModelOptions(ModelKind.Sequence, Channels: options.Channels ?? [32, 16], KernelSize: options.KernelSize,
            Dropout: options.Dropout, DenseCode: false, Output: OutputActivation.Identity);
        Autoencoder model;
        lock (ModelCreation)
        {
            model = ModelFactory.Create(modelOptions, [options.Window, 1], options.Seed);
        }

        using (model)
        {
            using (var trainer = new Trainer(model, new TrainingOptions(options.Epochs, options.BatchSize, options.LearningRate, options.Seed, Device: "cpu")))
            {
                trainer.Fit(training, cancellationToken: cancellationToken);
            }

            var tail = options.TailSteps == 0 ? options.Window : options.TailSteps;
            var errors = BatchedInference.Map(model, windows, batch =>
                (model.forward(batch) - batch).square().narrow(1, options.Window - tail, tail).mean([1, 2]).to_type(ScalarType.Float64));
            return errors.data<double>().ToArray();
        }
    }
}
