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
/// spread; it is not retrained afterwards. The error of each window's newest rows becomes a score through
/// <see cref="RunningScore"/>. Rows arrive one at a time (<see cref="Next"/>, constant memory) or many at once
/// (<see cref="NextMany"/>, the same scores from batched windows).
/// </summary>
public sealed class OnlineWindowDetector : IDisposable
{
    // ModelFactory seeds torch's global generator before it draws the initial weights: detectors made in parallel
    // threads take turns there, so each one's weights depend on its seed only.
    private static readonly Lock ModelCreation = new();

    private readonly Autoencoder model;
    private readonly OnlineDetectorOptions options;
    private readonly double mean;
    private readonly double spread;
    private readonly RunningScore running;
    // The last Window - 1 rows, scaled, oldest first: the start of the next row's window.
    private readonly float[] recent;

    private OnlineWindowDetector(Autoencoder model, OnlineDetectorOptions options, double mean, double spread, float[] recent)
    {
        this.model = model;
        this.options = options;
        this.mean = mean;
        this.spread = spread;
        this.recent = recent;
        running = new RunningScore(options.ShortTerm, options.Suppress);
    }

    /// <summary>
    /// Learns from the probationary rows: trains the model on their windows and starts the error history with them.
    /// </summary>
    /// <param name="probation">The rows to learn from, at least one window's worth.</param>
    /// <param name="options">The detector's settings.</param>
    /// <param name="cancellationToken">Stops training between batches.</param>
    public static OnlineWindowDetector Learn(IReadOnlyList<float> probation, OnlineDetectorOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(probation);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        if (probation.Count < options.Window)
        {
            throw new ArgumentException($"the probationary period ({probation.Count} rows) must hold at least one window of {options.Window} rows", nameof(probation));
        }

        var (mean, spread) = Scale(probation, probation.Count);
        var modelOptions = new ModelOptions(ModelKind.Sequence, Channels: options.Channels ?? [32, 16], KernelSize: options.KernelSize,
            Dropout: options.Dropout, DenseCode: false, Output: OutputActivation.Identity);
        Autoencoder model;
        lock (ModelCreation)
        {
            // The weight initialisers hand back tensors beside the parameters: the scope frees those and keeps the model's own.
            using var scope = NewDisposeScope();
            model = ModelFactory.Create(modelOptions, [options.Window, 1], options.Seed);
            scope.Detach(model.parameters());
            scope.Detach(model.buffers());
        }

        var scaled = probation.Select(value => (float)((value - mean) / spread)).ToArray();
        var detector = new OnlineWindowDetector(model, options, mean, spread, scaled[^(options.Window - 1)..]);
        try
        {
            // Disposed one by one rather than by a scope: gradients made inside a scope would be freed with it while
            // the model still holds them.
            using var series = tensor(scaled);
            using var windows = SlidingWindows.Create(series, options.Window, stride: 1);
            using var training = windows.narrow(0, 0, Math.Max(1, (int)Math.Round(windows.shape[0] * (1 - options.HoldOut))));
            using (var trainer = new Trainer(model, new TrainingOptions(options.Epochs, options.BatchSize, options.LearningRate, options.Seed, Device: "cpu")))
            {
                trainer.Fit(training, cancellationToken: cancellationToken);
            }

            foreach (var error in detector.Errors(windows))
            {
                detector.running.Learn(error);
            }

            return detector;
        }
        catch
        {
            detector.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Scores a whole series as it would be scored row by row: 0 for the probationary rows (where it learns), then one
    /// score in [0, 1] per row.
    /// </summary>
    /// <param name="values">The series, in row order.</param>
    /// <param name="probation">Rows to learn from; at least the window length.</param>
    /// <param name="options">The detector's settings.</param>
    /// <param name="cancellationToken">Stops training between batches.</param>
    public static double[] Run(IReadOnlyList<float> values, int probation, OnlineDetectorOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (probation > values.Count)
        {
            throw new ArgumentException($"the probationary period ({probation} rows) must lie within the series ({values.Count} rows)", nameof(probation));
        }

        using var detector = Learn(values.Take(probation).ToArray(), options, cancellationToken);
        return [.. new double[probation], .. detector.NextMany(values.Skip(probation).ToArray())];
    }

    /// <summary>The score of a new row, from the window that ends at it; the row then joins the window.</summary>
    public double Next(float value) => NextMany([value])[0];

    /// <summary>
    /// The scores of several new rows, in order: what <see cref="Next"/> would give for each, with the windows' errors
    /// measured in batches.
    /// </summary>
    public double[] NextMany(IReadOnlyList<float> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Count == 0)
        {
            return [];
        }

        var head = recent.Length;
        var rows = new float[head + values.Count];
        for (var i = 0; i < head; i++)
        {
            rows[i] = recent[i];
        }

        for (var i = 0; i < values.Count; i++)
        {
            rows[head + i] = (float)((values[i] - mean) / spread);
        }

        double[] errors;
        using (var scope = NewDisposeScope())
        {
            errors = Errors(SlidingWindows.Create(tensor(rows), options.Window, stride: 1));
        }

        Array.Copy(rows, rows.Length - head, recent, 0, head);
        return [.. errors.Select(running.Score)];
    }

    /// <summary>The mean of the first <paramref name="probation"/> rows and their spread (1 when they are constant): the series' scale.</summary>
    public static (double Mean, double Spread) Scale(IReadOnlyList<float> values, int probation)
    {
        ArgumentNullException.ThrowIfNull(values);
        var head = values.Take(probation).Select(value => (double)value).ToArray();
        var average = head.Average();
        var deviation = Math.Sqrt(head.Sum(value => (value - average) * (value - average)) / head.Length);
        return (average, deviation > 1e-12 * Math.Max(1, Math.Abs(average)) ? deviation : 1);
    }

    /// <inheritdoc/>
    public void Dispose() => model.Dispose();

    // Each window's squared reconstruction error over its newest TailSteps rows (all rows with 0).
    private double[] Errors(Tensor windows)
    {
        var tail = options.TailSteps == 0 ? options.Window : options.TailSteps;
        using var errors = BatchedInference.Map(model, windows, batch =>
            (model.forward(batch) - batch).square().narrow(1, options.Window - tail, tail).mean([1, 2]).to_type(ScalarType.Float64));
        return errors.data<double>().ToArray();
    }
}
