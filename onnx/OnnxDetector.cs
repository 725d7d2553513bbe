using System.Globalization;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace Autoencoders.Onnx;

/// <summary>
/// An anomaly detector exported by the autoencoder workbook (<c>export --format onnx</c>), run by ONNX Runtime: raw
/// samples in, scores and flags (with the training's scaler, score and default threshold, all inside the file), codes
/// and reconstructions out. Thread-safe for concurrent scoring calls (ONNX Runtime's sessions are). Dispose it.
/// </summary>
public sealed class OnnxDetector : IDisposable
{
    private readonly InferenceSession _session;

    private OnnxDetector(InferenceSession session, DetectorDescription description)
    {
        _session = session;
        Description = description;
    }

    /// <summary>What the detector takes and how it scores.</summary>
    public DetectorDescription Description { get; }

    /// <summary>Loads an exported detector.</summary>
    /// <param name="path">The .onnx file.</param>
    /// <param name="threads">Threads ONNX Runtime may use per call; 0 lets it choose (one per core).</param>
    /// <exception cref="FileNotFoundException">No such file.</exception>
    /// <exception cref="FormatException">The file is not a detector exported by the workbook.</exception>
    public static OnnxDetector Load(string path, int threads = 0)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentOutOfRangeException.ThrowIfNegative(threads);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"{path}: no such file; export one with 'autoencoders export --format onnx --out {Path.GetFileName(path)}'.", path);
        }

        using var options = new SessionOptions { IntraOpNumThreads = threads, InterOpNumThreads = 1 };
        InferenceSession session;
        try
        {
            session = new InferenceSession(path, options);
        }
        catch (OnnxRuntimeException error)
        {
            throw new FormatException($"{path}: ONNX Runtime cannot load it ({error.Message.Split('\n')[0]}).", error);
        }

        if (!session.ModelMetadata.CustomMetadataMap.TryGetValue(DetectorDescription.MetadataKey, out var json))
        {
            session.Dispose();
            throw new FormatException($"{path}: an ONNX model, but not a detector exported by the autoencoder workbook (no '{DetectorDescription.MetadataKey}' metadata).");
        }

        try
        {
            return new OnnxDetector(session, DetectorDescription.Parse(json));
        }
        catch (FormatException error)
        {
            session.Dispose();
            throw new FormatException($"{path}: {error.Message}", error);
        }
    }

    /// <summary>
    /// Scores <paramref name="count"/> raw samples, one after the other in <paramref name="values"/>
    /// (<c>count × SampleSize</c> values): table rows in the training columns' order, images in [0, 1], or windows.
    /// </summary>
    /// <param name="values">The samples' values, in the data's own units.</param>
    /// <param name="count">How many samples.</param>
    /// <param name="threshold">The threshold to flag with; null takes the saved default (the file's <c>anomaly</c> output).</param>
    /// <exception cref="ArgumentException">The values are not <paramref name="count"/> samples of the detector's size.</exception>
    public DetectorResult Score(float[] values, int count, double? threshold = null)
    {
        ArgumentNullException.ThrowIfNull(values);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var size = Description.SampleSize;
        if ((long)count * size != values.Length)
        {
            throw new ArgumentException($"{values.Length} values are not {count} samples of {size} values (shape [{string.Join(", ", Description.SampleShape)}]).", nameof(values));
        }

        if (count == 0)
        {
            return new DetectorResult([], [], threshold ?? Description.Threshold, [], []);
        }

        var input = new DenseTensor<float>(values, [count, .. Description.SampleShape]);
        using var results = _session.Run([NamedOnnxValue.CreateFromTensor("input", input)]);
        T[] Output<T>(string name) => results.First(result => result.Name == name).AsTensor<T>().ToArray();
        var scores = Output<double>("score");
        var flags = threshold is { } chosen ? [.. scores.Select(score => score > chosen)] : Output<bool>("anomaly");
        return new DetectorResult(scores, flags, threshold ?? Description.Threshold, Output<float>("code"), Output<float>("reconstruction"));
    }

    /// <summary>Scores table rows <c>(n, columns)</c>, the columns in <see cref="DetectorDescription.Columns"/>' order.</summary>
    public DetectorResult Score(float[,] rows, double? threshold = null)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var values = new float[rows.Length];
        Buffer.BlockCopy(rows, 0, values, 0, values.Length * sizeof(float));
        return Score(values, rows.GetLength(0), threshold);
    }

    /// <summary>
    /// Scores a time series <c>(steps, channels)</c>: windows of the training length cut every step, each step's score the
    /// lowest score of the windows that hold it, so a step is flagged only when every window holding it is anomalous
    /// (as <c>autoencoders score</c> does). Codes and reconstructions are the windows'.
    /// </summary>
    /// <exception cref="ArgumentException">The detector does not take windows, or the series is shorter than one window or has other channels.</exception>
    public DetectorResult ScoreSeries(float[,] steps, double? threshold = null)
    {
        ArgumentNullException.ThrowIfNull(steps);
        if (Description.Input != DetectorInput.Windows)
        {
            throw new ArgumentException($"this detector takes {Description.Input.ToString().ToLowerInvariant()}, not a time series.", nameof(steps));
        }

        var (length, channels) = (Description.SampleShape[0], Description.SampleShape[1]);
        var count = steps.GetLength(0);
        if (steps.GetLength(1) != channels || count < length)
        {
            throw new ArgumentException($"the series has {count} steps of {steps.GetLength(1)} channels; the detector needs at least {length} steps of {channels}.", nameof(steps));
        }

        var windows = count - length + 1;
        var values = new float[checked(windows * length * channels)];
        for (var window = 0; window < windows; window++)
        {
            for (var step = 0; step < length; step++)
            {
                for (var channel = 0; channel < channels; channel++)
                {
                    values[(((window * length) + step) * channels) + channel] = steps[window + step, channel];
                }
            }
        }

        var scored = Score(values, windows);
        var perStep = MinimumPerStep(scored.Scores, count, length);
        var limit = threshold ?? Description.Threshold;
        return scored with { Scores = perStep, Anomalies = [.. perStep.Select(score => score > limit)], Threshold = limit };
    }

    /// <summary>
    /// Scores a CSV file with a header row: table rows (one score per row), or for a detector of windows the steps of
    /// a series (one score per step). The training columns are found by name in any order; other columns are ignored.
    /// </summary>
    /// <exception cref="FormatException">A training column is missing or a value is not a number (the message names the line and column).</exception>
    public DetectorResult ScoreCsv(string path, double? threshold = null)
    {
        if (Description.Input == DetectorInput.Images || Description.Columns is null)
        {
            throw new FormatException($"{path}: this detector takes images; give their pixels in [0, 1] to Score(values, count).");
        }

        var rows = CsvColumns.Read(path, Description.Columns);
        return Description.Input == DetectorInput.Windows ? ScoreSeries(rows, threshold) : Score(rows, threshold);
    }

    /// <inheritdoc/>
    public void Dispose() => _session.Dispose();

    /// <summary>Each step's lowest score over the windows (cut every step) that hold it.</summary>
    internal static double[] MinimumPerStep(double[] windowScores, int steps, int length)
    {
        var result = new double[steps];
        for (var step = 0; step < steps; step++)
        {
            var lowest = double.PositiveInfinity;
            for (var window = Math.Max(0, step - length + 1); window <= Math.Min(step, windowScores.Length - 1); window++)
            {
                lowest = Math.Min(lowest, windowScores[window]);
            }

            result[step] = lowest;
        }

        return result;
    }

    /// <summary>Formats a score as the CLI writes it (round-trip, invariant culture).</summary>
    public static string Format(double score) => score.ToString("R", CultureInfo.InvariantCulture);
}
